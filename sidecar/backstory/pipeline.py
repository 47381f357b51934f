"""The whole engine: ``Engine.analyze(url, html)`` -> cards document. The server and the CLI both call it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from . import budget, cards, extract, outlet, people
from .cache import ResultCache, cache_key
from .errors import BackstoryError, BudgetExceeded, InputError
from .kb import KnowledgeBase, seen
from .nlp import load_model, model_label
from .settings import Settings
from .versions import check_url, code_digest, pipeline_version

__all__ = ["Engine", "check_url", "code_digest"]

log = logging.getLogger(__name__)

# The people stage only has an English pipeline; other languages get outlet and author cards only.
PEOPLE_LANGUAGES = frozenset({"en"})


class _Clock:
    """Stage timings and the time budget of one analysis (of one page's share of it in analyze_many); the
    stages check the budget inside too (budget.check), under the budget.limit the Engine opens."""

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
        budget.check(stage)  # (and a withdrawn request stops here too)

    def total(self) -> dict[str, float]:
        self.timings["total"] = round((time.perf_counter() - self.start) * 1000, 2)
        return self.timings

    def suspend(self) -> None:
        """Stop counting: the time until :meth:`resume` is spent on other pages (analyze_many)."""
        self.suspended = time.perf_counter()

    def resume(self, charged_s: float) -> None:
        """Count again, charging ``charged_s`` of the time away to this page (its share of a shared parse)."""
        away = time.perf_counter() - self.suspended - charged_s
        self.start += away
        self.mark += away


@dataclass
class _Page:
    """One page between the stages that run alone and the people stage's parse (analyze_many parses many at once)."""

    clock: _Clock
    ex: extract.Extracted
    who: outlet.OutletId
    syn: outlet.Syndication | None
    warnings: list[str]
    text: str | None  # what the people stage reads; None when it does not run
    paragraphs: list[tuple[int, int]]


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

    def lookup_offer(self) -> cards.Lookup:
        """How the cards offer the online lookup (settings people_lookup, wikidata_api_url)."""
        from .kb.lookup import host_of
        from .kb.service import sends_text

        host = host_of(self.settings.wikidata_api_url)
        return cards.Lookup(mode=self.settings.people_lookup, host=host, sends=sends_text(host))

    def outlet_only(self, url: str) -> dict[str, Any]:
        """The outlet card for a URL, from the knowledge base alone (no page, no NLP)."""
        return cards.outlet_card(outlet.identify_url(check_url(url)), self.kb)

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
                return seen.apply(hit, url, self.settings)
        with self._lock:  # spaCy pipelines are not meant to be shared by threads: one analysis at a time
            doc = self._run(url, html, include_text=include_text, version=version, cancelled=cancelled)
        if self.cache is not None:
            self.cache.set(key, doc)
        doc["cached"] = False
        return seen.apply(doc, url, self.settings)  # "seen before" is the reader's history: never part of the cached document

    def analyze_many(self, pages: Sequence[tuple[str, str]], *, include_text: bool = False,
                     on_step: Callable[[str, int, float | None], None] | None = None,
                     ) -> Iterator[tuple[int, dict[str, Any] | Exception]]:
        """Analyse pages as :meth:`analyze` does (without the cache), the people stage's texts parsed together
        with ``nlp.pipe`` (``backstory batch``). Yields ``(index, cards document)`` or ``(index, the exception that
        stopped that page)``, in order; each page keeps its own time budget, charged its share of the shared parse.
        ``on_step(step, index, seconds left of the page's budget)`` is called before each page's own steps
        ("prepare", "finish") and before the shared parse ("parse", -1, None), so that a supervisor can stop
        a page that overruns its budget."""
        version = self.pipeline_version
        prepared: dict[int, _Page] = {}
        failed: dict[int, Exception] = {}
        for i, (url, html) in enumerate(pages):
            if on_step:
                on_step("prepare", i, self.settings.time_budget_s)
            try:
                if not isinstance(html, str):
                    raise InputError("html must be a string")
                with self._lock, budget.limit(self.settings.time_budget_s):
                    prepared[i] = self._prepare(check_url(url), html)
                prepared[i].clock.suspend()
            except Exception as exc:  # noqa: BLE001 - one page's failure is that page's answer, not the batch's
                failed[i] = exc
        to_parse = [i for i, page in prepared.items() if page.text is not None and page.text.strip()]
        parsed: dict[int, Any] = {}
        share: dict[int, float] = {}
        if to_parse:
            if on_step:
                on_step("parse", -1, None)
            start = time.perf_counter()
            with self._lock:
                nlp = people.with_paragraph_breaks(self.nlp)
                parsed = dict(zip(to_parse, nlp.pipe([prepared[i].text for i in to_parse], batch_size=len(to_parse))))
            spent = time.perf_counter() - start
            chars = sum(len(prepared[i].text) for i in to_parse)
            share = {i: spent * len(prepared[i].text) / chars for i in to_parse}
        for i in range(len(pages)):
            if i in failed:
                yield i, failed.pop(i)
                continue
            page = prepared.pop(i)
            page.clock.resume(share.get(i, 0.0))
            left = self.settings.time_budget_s - (time.perf_counter() - page.clock.start)
            if on_step:
                on_step("finish", i, left)
            try:
                with self._lock, budget.limit(max(left, 0.0)):
                    doc = self._finish(page, include_text=include_text, version=version, parsed=parsed.pop(i, None))
            except Exception as exc:  # noqa: BLE001 - as above
                yield i, exc
                continue
            doc["cached"] = False
            # the same document as analyze gives, but a batch run is not the reader's reading: it never records
            # "seen before" sightings, and its cards carry none (seen_before null)
            yield i, seen.apply(doc, page.ex.url, None)

    def _run(self, url: str, html: str, *, include_text: bool, version: str,
             cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
        # The budget is visible inside the stages (budget.check in their long loops), so a page that makes
        # one stage run long is stopped while it runs: in the CLI, which has no worker process to kill, too.
        with budget.limit(self.settings.time_budget_s, cancelled=cancelled):
            budget.check("the start")
            return self._finish(self._prepare(url, html), include_text=include_text, version=version)

    def _prepare(self, url: str, html: str) -> _Page:
        """The stages before the people stage's parse: extract, outlet, and the text the people stage reads."""
        clock = _Clock(self.settings.time_budget_s)
        warnings: list[str] = []
        if self.kb.user.error:  # (a damaged notes.json: the analysis goes on without the reader's notes, and says why)
            warnings.append(f"your notes and lists are not shown: {self.kb.user.error}")
        ex = self._extract(url, html)
        clock.lap("extract")
        who = outlet.identify(ex)
        syn = outlet.detect_syndication(ex, who)
        clock.lap("outlet")
        text: str | None = None
        paragraphs: list[tuple[int, int]] = []
        if ex.is_article and ex.language and ex.language not in PEOPLE_LANGUAGES:
            warnings.append(f"people: only English is covered; this page looks like {ex.language!r}")
        elif ex.is_article:
            text, paragraphs = self._bounded(ex.text, ex.paragraphs, warnings)
        return _Page(clock, ex, who, syn, warnings, text, paragraphs)

    def _finish(self, page: _Page, *, include_text: bool, version: str, parsed: Any = None) -> dict[str, Any]:
        """The people stage (on ``parsed``, the text's parse, when given), then the cards."""
        ex, clock = page.ex, page.clock
        found = people.People()
        if page.text is not None:
            author_names = [name for name, _ in ex.authors]
            found = people.find_people(self.nlp, page.text, page.paragraphs, author_names, doc=parsed)
            # a "person" whose name is a news outlet's ('Rolling Stone said', 'Politico reported') is the outlet
            found.cited = [p for p in found.cited if not self._is_outlet(p.name)]
            found.mentioned = [p for p in found.mentioned if not self._is_outlet(p.name)]
        clock.lap("people")
        doc = cards.build(ex, page.who, page.syn, found, _Checked(self.kb), pipeline_version=version,
                          include_text=include_text, warnings=page.warnings, lookup=self.lookup_offer())
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

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base (loaded with the engine; the server's worker has one that loads behind)."""
        return self.kb

    def close(self) -> None:
        """Release the cache."""
        if self.cache is not None:
            self.cache.close()
