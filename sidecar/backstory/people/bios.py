"""The author's bio paragraph ('Lucas Leiroz is a member of …'), parsed into the claims it makes."""

from __future__ import annotations

import re

from .model import Bio, BioClaim

BIO_CLAIM = re.compile(r"^(?P<relation>.+?\b(?:of|at|for|with|to|in|on))\s+(?:the\s+)?(?P<org>[A-Z].+)$")
ARTICLES = re.compile(r"^(?:a|an|the)\s+", re.I)
# a bio sentence's claims, split at commas and 'and' before a lower-case word ('…, researcher at … and a consultant');
# ('(?<!\s)': a split at ' and ' starts where its spaces start, as the leftmost match always did, without trying
# every space of a long run)
CLAIM_SPLIT = re.compile(r",\s*(?:and\s+)?|(?<!\s)\s+and\s+(?=(?:a|an|the)?\s*[a-z])")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _parse_bio_claims(sentences: list[str], author: str) -> list[BioClaim]:
    claims: list[BioClaim] = []
    first = author.split()[0]
    lead = re.compile(rf"^(?:{re.escape(author)}|{re.escape(first)}|he|she|they)\s+(?:is|was|are|has been|serves as)\s+", re.I)
    for sentence in sentences:
        m = lead.match(sentence)
        if not m:
            continue
        body = sentence[m.end():].rstrip(". ")
        for part in CLAIM_SPLIT.split(body):
            part = ARTICLES.sub("", part.strip())
            if not part or len(part.split()) > 14:
                continue
            cm = BIO_CLAIM.match(part)
            if cm:
                claims.append(BioClaim(part, cm["relation"], cm["org"].strip()))
            elif part[0].islower():
                claims.append(BioClaim(part, "role", None))
    return claims


def find_bio(text: str, paragraphs: list[tuple[int, int]], author: str) -> Bio | None:
    """The paragraph that introduces the author ('Lucas Leiroz is a member of …'), parsed into claims."""
    first = re.escape(author)
    pattern = re.compile(rf"^{first}\s+(?:is|was|has been|serves as)\b")
    for start, end in reversed(paragraphs):
        para = text[start:end]
        if pattern.match(para):
            sentences = SENTENCE_SPLIT.split(para)
            claims = _parse_bio_claims(sentences, author)
            if claims:
                return Bio(para, start, end, claims)
    return None
