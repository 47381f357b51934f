"""Backstory's knowledge base: open outlet ratings, curated cited records, a Wikidata import, the reader's notes.

    from backstory.kb import KnowledgeBase
    kb = KnowledgeBase.load()
    kb.outlet("globalresearch.ca"); kb.person("Andrew Korybko", role="political analyst")
"""

from .base import KnowledgeBase

__all__ = ["KnowledgeBase"]
