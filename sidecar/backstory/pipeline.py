"""The whole engine: ``Engine.analyze(url, html)`` -> cards document. The server and the CLI both call it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from . import budget, cards, extract, outlet, people
from .cache import ResultCache, cache_key
from .errors import BackstoryError, InputError
from .kb import KnowledgeBase
from .nlp import load_model, model_label
from .settings import Settings
from .versions import check_url, code_digest, pipeline_version

__all__ = ["Engine", "check_url", "code_digest"]

log = logging.getLogger(__name__)

# The people stage only has an English pipeline; other languages get outlet and author cards only.
PEOPLE_LANGUAGES = frozenset({"en"})


class _Clock:
    """Stage timings of one analysis; each lap also checks the time budget (the stages check it inside)."""

    def __init__(self) -> None:
        self.start = self.mark = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round((now - self.mark) * 1000, 2)
        self.mark = now
        budget.check(stage)

    def total(self) -> dict[str, float]:
        self.timings["total"] = round((time.perf_counter() - self.start) * 1000, 2)
        return self.timings


class _Checked:
    """The knowledge base as the cards stage sees it: every lookup first checks the time budget (a page
    naming thousands of people makes thousands of lookups, each a fuzzy match)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._kb, name)
        if not callable(attr):
            return attr

        def checked(*args: Any, **kwargs: Any) -> Any:
            budget.check("cards: knowledge-base lookups")
            return attr(*args, **kwargs)
        return checked


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

    def warm_up(self) -> None:
        """Pay now what the first analysis would otherwise pay (lazy imports and first-call set-up)."""
        from . import warmup

        warmup.run(self)

    def outlet_only(self, url: str) -> dict[str, Any]:
        """The outlet card for a URL, from the knowledge base alone (no page, no NLP)."""
        url = check_url(url)
        ex = extract.Extracted(url=url)
        return cards.outlet_card(outlet.identify(ex), self.kb)

    def analyze(self, url: str, html: str, *, include_text: bool = False, use_cache: bool = True,
                cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
        """Analyse one page: the cards document of docs/api.md. ``cancelled``: a test the stages' budget
        checks call, to stop (with errors.Cancelled) an analysis whose request was withdrawn."""
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
            doc = self._run(url, html, include_text=include_text, version=version, cancelled=cancelled)
        if self.cache is not None:
            self.cache.set(key, doc)
        doc["cached"] = False
        return doc

    def _run(self, url: str, html: str, *, include_text: bool, version: str,
             cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
        # The budget is visible inside the stages (budget.check in their long loops), so a page that makes
        # one stage run long is stopped while it runs: in the CLI, which has no worker process to kill, too.
        with budget.limit(self.settings.time_budget_s, cancelled=cancelled):
            budget.check("the start")
            return self._stages(url, html, include_text=include_text, version=version)

    def _stages(self, url: str, html: str, *, include_text: bool, version: str) -> dict[str, Any]:
        clock = _Clock()
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
            text, paragraphs = self._bounded(ex.text, ex.paragraphs, warnings)
            found = people.find_people(self.nlp, text, paragraphs, author_names)
            # a "person" whose name is a news outlet's ('Rolling Stone said', 'Politico reported') is the outlet
            found.cited = [p for p in found.cited if not self._is_outlet(p.name)]
            found.mentioned = [p for p in found.mentioned if not self._is_outlet(p.name)]
        clock.lap("people")
        doc = cards.build(ex, who, syn, found, _Checked(self.kb), pipeline_version=version, include_text=include_text,
                          warnings=warnings)
        clock.lap("cards")
        doc["timings_ms"] = clock.total()
        return doc

    def _bounded(self, text: str, paragraphs: list[tuple[int, int]], warnings: list[str]) -> tuple[str, list[tuple[int, int]]]:
        """The part of the main text the people stage reads: at most ``max_text_chars`` characters and
        ``max_tokens`` tokens (spaCy's work grows with tokens: 100,000 characters of '. . .' are 50,000).
        Tokenising alone is cheap (~30 ms for 50,000 tokens); text with no more characters than the token
        limit cannot have more tokens, and is not tokenised here."""
        limit = self.settings.max_text_chars
        if len(text) > limit:
            warnings.append(f"people: only the first {limit:,} characters of the text were read")
            text = text[:limit]
        max_tokens = self.settings.max_tokens
        if len(text) > max_tokens:
            tokens = self.nlp.tokenizer(text)
            if len(tokens) > max_tokens:
                cut = tokens[max_tokens].idx
                warnings.append(f"people: only the first {max_tokens:,} tokens (words and punctuation marks) of the "
                                f"text were read, its first {cut:,} characters")
                text = text[:cut]
        if len(text) < (paragraphs[-1][1] if paragraphs else 0):
            paragraphs = [(s, min(e, len(text))) for s, e in paragraphs if s < len(text)]
        return text, paragraphs

    def _is_outlet(self, name: str) -> bool:
        budget.check("people: names of outlets")
        return self.kb.outlet_by_name(name) is not None

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
