"""Two small spaCy components the people stage adds to the pipeline: sentences never cross a paragraph
break, and lemmas the small model gets wrong for verbs that attribute."""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .words import TITLE_ABBREVIATIONS


@Language.component("backstory_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (the parser otherwise joins quotes to the next paragraph)."""
    # (set all at once: each assignment to Token.is_sent_start reads the whole document first)
    starts = doc.to_array([SENT_START]).astype("int64")  # (1 a start, -1 not one, 0 not yet known)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            starts[tok.i] = 1
        elif tok.is_title and (prev.lower_ in TITLE_ABBREVIATIONS or prev.text == "." and tok.i >= 2
                               and not doc[tok.i - 2].whitespace_ and doc[tok.i - 2].lower_ + "." in TITLE_ABBREVIATIONS):
            starts[tok.i] = -1  # '… Senator the Hon. Aubyn Hill, told …': a title, not a sentence end
    doc.from_array([SENT_START], starts.view("uint64"))  # (as spaCy stores them: -1 as the largest value)
    return doc


@Language.component("backstory_lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    """Lemmas the small model gets wrong for verbs that attribute ('hopes' -> 'hop')."""
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_ == "hop" and tok.lower_.startswith("hope"):
            tok.lemma_ = "hope"
    return doc


def with_paragraph_breaks(nlp: Language) -> Language:
    """Add the paragraph-break rule before the parser, and the lemma fixes after the lemmatizer (once)."""
    if "backstory_paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("backstory_paragraph_breaks", before="parser")
    if "backstory_lemma_fixes" not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("backstory_lemma_fixes", after="lemmatizer")
    return nlp
