"""Stage 3 — people: authors and their bios, cited people, people only mentioned, unnamed sourcing.

Names come from spaCy's PERSON entities; who *says* something comes from the dependency parse (the
subject of a speech or belief verb, the object of "according to"), never from a name merely standing
near a quotation mark. A false "cited analyst" is worse than a missed one, so each rule would rather
drop a case than guess.

The package (issue 26's layout, with three changes written down here):

- ``rules/``: the declared attribution rules, one module per family, and ``PASSES``, the order in which
  :func:`find_people` runs them. Besides the issue's six families, the direct quotes are split by what
  carries the attribution: a verb or signature (``direct``), the speaker of the quotation before
  (``runs``), the page's layout (``layout``), so that no module grows past a few hundred lines;
- ``declare.py``: how a rule is declared (id, one line, ``fires_on``, ``never_on``); every example is run
  by ``tests/people/test_rules_declared.py``;
- ``roles.py``: the role strategies, a declared list tried in order; ``speakers.py``: who a subject
  stands for ('he', 'the mayor', a name) — shared by every family, so kept out of ``rules/``;
- ``context.py`` (read-only view of the parsed article), ``ledger.py`` (the only writer of who said
  what), ``syntax.py`` (reading the parse), ``quotation.py`` (quotation runs), ``names/`` (cleaning,
  registry, recovery), ``settle.py`` (cited or mentioned), ``bios.py``, ``components.py`` (spaCy
  components), ``words.py`` (the vocabulary, read from ``lexicon/en/people-*.toml`` and ``names.toml``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import budget
from .attribution import Attribution
from .bios import find_bio
from .components import lemma_fixes, paragraph_breaks, with_paragraph_breaks
from .declare import RULES, Rule
from .model import Bio, BioClaim, Found, Mention, People, Person, Quote, Span, UnnamedSource
from .names import build_registry, clean_name, first_names
from .roles import role_of
from .rules import PASSES
from .settle import settle as settle_people
from .words import (BELIEF_VERBS, CONTENT_OBJECT_VERBS, CREDENTIALS, CUE_VERBS, HONORIFICS, IMPERSONAL_ADVERBS,
                    IMPERSONAL_VERBS, MAX_NAME_TOKENS, MIN_QUOTE_WORDS, OBJECT_SPEECH_VERBS, PERSON_ROLE_NOUNS, PRONOUNS,
                    QUOTE_CUES, SPEECH_VERBS, UNNAMED_HEADS)


def find_people(nlp: Language, text: str, paragraphs: list[tuple[int, int]], authors: list[str], *,
                doc: Doc | None = None) -> People:
    """Run the people stage over the article's main text. ``doc``: an already parsed spaCy Doc of ``text``
    (batch analysis parses many texts at once with ``nlp.pipe``; the pipeline must include the components
    of :func:`with_paragraph_breaks`)."""
    if doc is not None and doc.text != text:
        raise ValueError("find_people: doc is not the parse of text")  # (a caller's mistake, not the page's)
    result = People()
    for author in authors:
        bio = find_bio(text, paragraphs, author)
        if bio:
            result.bios[author] = bio
    if not text.strip():
        return result
    if doc is None:
        doc = with_paragraph_breaks(nlp)(text)
    budget.check("people: parsed")
    registry = build_registry(doc, exclude=authors)
    attribution = Attribution.start(doc, registry, paragraphs)
    for step in PASSES:
        budget.check(f"people: {step.name}")
        step.run(attribution)
    settle_people(result, text, doc, registry, attribution.ledger)
    return result


__all__ = [
    "BELIEF_VERBS", "CONTENT_OBJECT_VERBS", "CREDENTIALS", "CUE_VERBS", "HONORIFICS", "IMPERSONAL_ADVERBS",
    "IMPERSONAL_VERBS", "MAX_NAME_TOKENS", "MIN_QUOTE_WORDS", "OBJECT_SPEECH_VERBS", "PASSES", "PERSON_ROLE_NOUNS",
    "PRONOUNS", "QUOTE_CUES", "RULES", "SPEECH_VERBS", "UNNAMED_HEADS", "Bio", "BioClaim", "Found", "Mention", "People",
    "Person", "Quote", "Rule", "Span", "UnnamedSource", "clean_name", "find_bio", "find_people", "first_names",
    "lemma_fixes", "paragraph_breaks", "role_of", "with_paragraph_breaks",
]
