"""The whole engine: ``Engine.analyze(url, html)`` -> cards document. The server and the CLI both call it."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from . import cards, extract, outlet, people
from .cache import ResultCache, cache_key
from .errors import BackstoryError, BudgetExceeded, InputError
from .kb import KnowledgeBase
from .nlp import load_model, model_label
from .settings import Settings
from .versions import check_url, code_digest, pipeline_version

__all__ = ["Engine", "check_url", "code_digest"]

log = logging.getLogger(__name__)

# The people stage only has an English pipeline; other languages get outlet and author cards only.
PEOPLE_LANGUAGES = frozenset({"en"})


class _Clock:
    """Stage timings and the time budget of one analysis."""

    def __init__(self, budget_s: float) -> None:
        self.start = self.mark = time.perf_counter()
        self.budget_s = budget_s
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round((now - self.mark) * 1000, 2)
        self.mark = now
        if now - self.start > self.budget_s:
            raise BudgetExceeded(f"analysis took longer than the {self.budget_s:g} s budget (during {stage})")

    def total(self) -> dict[str, float]:
        self.timings["total"] = round((time.perf_counter() - self.start) * 1000, 2)
        return self.timings


class Engine:
    """Loaded resources (spaCy model, knowledge base, cache) and the analysis that uses them."""

    def __init__(self, settings: Settings | None = None, *, kb: KnowledgeBase | None = None, use_cache: bool = True) -> None:
        self.settings = settings or Settings.load()
        self.nlp = load_model(self.settings.model)
        self.kb = kb if kb is not None else KnowledgeBase.load(user_dir=self.settings.data_dir)
        self.cache = ResultCache(self.settings.cache_dir, self.settings.cache_size_bytes) if use_cache else None
        self._lock = threading.Lock()
        extract.warm_up()
        people.first_names()  # (the bundled given names, read once here rather than on the first page)

    @property
    def model(self) -> str:
        """Name and version of the spaCy pipeline in use."""
        return model_label(self.nlp)

    @property
    def pipeline_version(self) -> str:
        """Changes whenever an answer could change: code, model or knowledge-base version."""
        return pipeline_version(self.model, self.kb.version, self.settings, code_digest())

    def outlet_only(self, url: str) -> dict[str, Any]:
        """The outlet card for a URL, from the knowledge base alone (no page, no NLP)."""
        url = check_url(url)
        ex = extract.Extracted(url=url)
        return cards.outlet_card(outlet.identify(ex), self.kb)

    def analyze(self, url: str, html: str, *, include_text: bool = False, use_cache: bool = True) -> dict[str, Any]:
        """Analyse one page: the cards document of docs/api.md."""
        url = check_url(url)
        if not isinstance(html, str):
            raise InputError("html must be a string")
        if self.cache is not None:
            self.cache.sync(self.kb.version)  # (notes changed: the old answers, and the text of deleted notes, go)
        version = self.pipeline_version
        key = cache_key(url, html, version, include_text)
        if use_cache and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                hit["cached"] = True
                return hit
        with self._lock:  # spaCy pipelines are not meant to be shared by threads: one analysis at a time
            doc = self._run(url, html, include_text=include_text, version=version)
        if self.cache is not None:
            self.cache.set(key, doc)
        doc["cached"] = False
        return doc

    def _run(self, url: str, html: str, *, include_text: bool, version: str) -> dict[str, Any]:
        clock = _Clock(self.settings.time_budget_s)
        warnings: list[str] = []
        if self.kb.user.error:  # (a damaged notes.json: the analysis goes on without the reader's notes, and says why)
            warnings.append(f"your notes and lists are not shown: {self.kb.user.error}")
        ex = self._extract(url, html)
        clock.lap("extract")
        who = outlet.identify(ex)
        syn = outlet.detect_syndication(ex, who)
        clock.lap("outlet")
        found = people.People()
        author_names = [name for name, _ in ex.authors]
        if ex.is_article and ex.language and ex.language not in PEOPLE_LANGUAGES:
            warnings.append(f"people: only English is covered; this page looks like {ex.language!r}")
        elif ex.is_article:
            text, paragraphs = ex.text, ex.paragraphs
            if len(text) > self.settings.max_text_chars:
                warnings.append(f"people: only the first {self.settings.max_text_chars:,} characters of the text were read")
                text = text[: self.settings.max_text_chars]
                paragraphs = [(s, min(e, len(text))) for s, e in paragraphs if s < len(text)]
            found = people.find_people(self.nlp, text, paragraphs, author_names)
            # a "person" whose name is a news outlet's ('Rolling Stone said', 'Politico reported') is the outlet
            found.cited = [p for p in found.cited if self.kb.outlet_by_name(p.name) is None]
            found.mentioned = [p for p in found.mentioned if self.kb.outlet_by_name(p.name) is None]
        clock.lap("people")
        doc = cards.build(ex, who, syn, found, self.kb, pipeline_version=version, include_text=include_text, warnings=warnings)
        clock.lap("cards")
        doc["timings_ms"] = clock.total()
        return doc

    def _extract(self, url: str, html: str) -> extract.Extracted:
        """The extract stage; a parser library failing on hostile markup (htmldate's AssertionError on
        '<SVG>HTML', found by the fuzz tests) makes the page 'not an article', not a 500."""
        try:
            return extract.extract(url, html, max_chars=self.settings.max_body_bytes)
        except (BackstoryError, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - logged with its traceback: a bug to fix, not to hide
            log.exception("the extract stage failed on %s", url)
            return extract.Extracted(url=url, not_article_reason="the page's markup could not be parsed")

    def close(self) -> None:
        """Release the cache."""
        if self.cache is not None:
            self.cache.close()
