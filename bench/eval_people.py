"""Score Backstory's people cards against the hand-annotated gold set (issue 6), with two peers.

Gold: ``tests/gold`` (rules in docs/annotation.md; ``load_gold()`` in tests/gold/check_gold.py). The
pages are in the repository, so this needs no ``../shared``. Every page is run through the full
pipeline, ``Engine(Settings.load()).analyze(url, html, include_text=True, use_cache=False)``, and the
cards are compared with the annotation. Scores are given for the ``tune`` split, the ``heldout``
split (never used for tuning) and ``all``; counts are summed over the pages of a split (micro
averages).

Metrics (see the "Cited people" section of docs/quality.md for the exact rules):

* cited named people: precision, recall, F1. A predicted cited person and a gold cited person match
  when, after name normalisation (:func:`name_tokens`: NFKD without diacritics, case-folded,
  periods/commas/hyphens to spaces, quoted nicknames, honorifics and Jr/Sr suffixes dropped), the
  predicted name equals the gold name or one of its aliases, or the last names agree and the first
  names are compatible (:func:`compatible`: same first name, one is an initial or a prefix of at least
  3 letters of the other, or one side is a bare surname), or the predicted name is the gold name with
  extra leading words ("Supervisor Alfredo Pedroza"). One-word aliases count only as exact matches.
  Matching is one-to-one per page (exact
  matches first); a second card for an already matched person is a false positive ("duplicate").
* role accuracy: over matched people whose gold role is not null; right when the normalised
  predicted role contains the gold role or is contained in it.
* quote spans: each gold span (``quotes[].text``) is located in Backstory's ``article.text`` with a
  whitespace-tolerant search; a located span is *recovered* when predicted quote spans cover at least
  50% of its characters: "any speaker" uses every predicted quote, "right speaker" only the quotes of
  the predicted person matched to the gold person. Span precision: share of predicted quote spans
  that overlap a located gold span by at least 50% of their own length.
* unnamed sourcing: gold sentences located in ``article.text`` against predicted
  ``unnamed_sources`` (start/end); a pair matches when the overlap is at least 50% of the shorter of
  the two; one-to-one; gold sentences the extractor lost count as misses.
* mentioned vs cited confusion: gold *mentioned* people predicted as cited, and gold *cited* people
  predicted only as mentioned.
* authors, exact: the set of author names on the cards equals the gold authors string for string
  (whitespace collapsed); normalised: compared after :func:`name_tokens`.

Peers (run on Backstory's own ``article.text`` with the same spaCy model, so only the people step
differs): textacy's ``textacy.extract.triples.direct_quotations`` (speaker token inside a PERSON
entity -> that entity; pronoun speakers are dropped) and a naive baseline: every PERSON entity in a
sentence with a speech verb is cited, with the sentence as its span. Both merge a bare surname into
a fuller name of the same page. ``--no-peers`` skips them (textacy is optional).

    .venv/bin/python bench/eval_people.py [--split tune|heldout|all] [--verbose] [--no-peers]
                                          [--no-write] [--errors-file docs/quality-errors.md]

``--verbose`` prints the per-article errors of the tune split (the held-out pages' errors are only
printed with ``--show-heldout-errors``: they must not be used for tuning). Without ``--no-write`` the
table goes to docs/quality.md, section "## Cited people", and the tune-split errors to
docs/quality-errors.md (only when the run covers all pages).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def _load_checker():
    """tests/gold/check_gold.py, loaded by path (tests/ is not a package)."""
    import importlib.util

    name = "gold_check_gold"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "gold" / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_check_gold = _load_checker()
load_gold = _check_gold.load_gold
normalise = _check_gold.normalise
decode_page = _check_gold._decode

SECTION = "## Cited people"
SPLITS = ("tune", "heldout", "all")
SYSTEMS = ("backstory", "textacy", "naive")
FLOORS_FILE = REPO / "tests" / "quality_floors.json"

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev",
               "reverend", "fr", "his", "her", "honour", "honor"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md"}
_NICKNAME = re.compile(r"[\"“”‘’«»][^\"“”‘’«»]{1,30}[\"“”‘’«»]")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str) -> tuple[str, ...]:
    """Normalised tokens of a person's name: no diacritics, case-folded, quoted nicknames,
    honorifics (Mr, Dr, ...), suffixes (Jr, III) and a possessive 's removed."""
    text = _NICKNAME.sub(" ", " " + name + " ")
    text = strip_accents(text).casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[.,\-‐–—/()]", " ", text)
    text = re.sub(r"[^\w' ]", "", text)
    toks = [t.strip("'") for t in text.split()]
    toks = [t for t in toks if t]
    while toks and toks[0] in _HONORIFICS:
        toks = toks[1:]
    while toks and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    return tuple(toks)


def _first_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def compatible(pred: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    """Last names agree and first names are compatible (equal, initial, prefix of >= 3 letters,
    or one side is only a surname). Middle names are ignored."""
    if not pred or not gold or pred[-1] != gold[-1]:
        return False
    if len(pred) == 1 or len(gold) == 1:
        return True
    return _first_compatible(pred[0], gold[0])


def match_level(pred_name: str, gold_name: str, aliases: Iterable[str] = ()) -> int:
    """2 = same name (or alias) after normalisation, 1 = compatible, 0 = different person."""
    p = name_tokens(pred_name)
    if not p:
        return 0
    forms = [name_tokens(gold_name), *(name_tokens(a) for a in aliases)]
    forms = [f for f in forms if f]
    if p in forms:
        return 2
    # Single-word aliases ("Hasib") only count as exact matches; otherwise "Jane Smith" would match
    # "John Smith" through the alias "Smith".
    for f in (forms[:1] if forms and forms[0] == name_tokens(gold_name) else []) + [f for f in forms[1:] if len(f) > 1]:
        if compatible(p, f) or (len(p) > len(f) > 1 and p[-len(f):] == f):
            return 1
    return 0


def assign(preds: list[str], golds: list[tuple[str, list[str]]]) -> dict[int, int]:
    """One-to-one matching pred index -> gold index, exact matches before compatible ones."""
    pairs = []
    for i, p in enumerate(preds):
        for j, (g, aliases) in enumerate(golds):
            level = match_level(p, g, aliases)
            if level:
                pairs.append((-level, i, j))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _lvl, i, j in pairs:
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def role_norm(text: str | None) -> str:
    if not text:
        return ""
    text = strip_accents(text).casefold().replace("’", "'")
    text = re.sub(r"[^\w' ]", " ", text)
    text = " ".join(text.split())
    return re.sub(r"^(?:a|an|the)\s+", "", text)


def role_ok(pred: str | None, gold: str | None) -> bool:
    p, g = role_norm(pred), role_norm(gold)
    return bool(p and g and (p in g or g in p))


def author_norm(name: str) -> str:
    return " ".join(name_tokens(name))


# --------------------------------------------------------------------------------------------
# Locating gold spans in article.text
# --------------------------------------------------------------------------------------------

_INVISIBLE = set("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_UNIFY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"',
                        "\u00a0": " ", "–": "-", "—": "-"})


class TextIndex:
    """Whitespace-tolerant search of normalised gold spans in an article's text.

    Two views of the text, each with a map back to offsets in the original: (1) NFC, invisible
    characters dropped, whitespace runs collapsed to one space; (2) the same with typographic quotes
    and dashes unified and all whitespace removed (used when (1) finds nothing)."""

    def __init__(self, text: str) -> None:
        self.text = text
        norm, nmap = [], []
        for i, ch in enumerate(text):
            if ch in _INVISIBLE:
                continue
            if ch.isspace():
                if norm and norm[-1] != " ":
                    norm.append(" ")
                    nmap.append(i)
                continue
            c = unicodedata.normalize("NFC", ch)
            norm.append(c[0] if len(c) == 1 else ch)
            nmap.append(i)
        self.norm = "".join(norm)
        self.nmap = nmap
        tight, tmap = [], []
        for k, ch in enumerate(self.norm.translate(_UNIFY)):
            if ch.isspace():
                continue
            tight.append(ch)
            tmap.append(self.nmap[k])
        self.tight = "".join(tight)
        self.tmap = tmap

    def find(self, span: str) -> list[tuple[int, int]]:
        """Every (start, end) in the original text where the normalised span occurs."""
        needle = normalise(span)
        if not needle:
            return []
        out = self._all(self.norm, needle, self.nmap)
        if out:
            return out
        tight = "".join(needle.translate(_UNIFY).split())
        return self._all(self.tight, tight, self.tmap)

    @staticmethod
    def _all(hay: str, needle: str, cmap: list[int]) -> list[tuple[int, int]]:
        out = []
        pos = hay.find(needle)
        while pos >= 0 and needle:
            out.append((cmap[pos], cmap[pos + len(needle) - 1] + 1))
            pos = hay.find(needle, pos + 1)
        return out


def covered(span: tuple[int, int], intervals: list[tuple[int, int]]) -> int:
    """Characters of ``span`` covered by the union of ``intervals``."""
    s, e = span
    clipped = sorted((max(s, a), min(e, b)) for a, b in intervals if a < e and b > s)
    total, cur_s, cur_e = 0, None, None
    for a, b in clipped:
        if cur_e is None or a > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = a, b
        else:
            cur_e = max(cur_e, b)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# --------------------------------------------------------------------------------------------
# Scoring one page
# --------------------------------------------------------------------------------------------

COUNTERS = (
    "pages", "gold_cited", "pred_cited", "tp", "name_exact", "fp_mentioned", "fp_author", "fp_org", "fp_duplicate",
    "fp_other", "fn_as_mentioned", "fn_not_in_text", "fn_missed", "role_n", "role_ok", "role_missing",
    "spans_gold", "spans_located", "spans_any", "spans_right", "spans_pred", "spans_pred_ok",
    "unnamed_gold", "unnamed_located", "unnamed_pred", "unnamed_tp", "mentioned_gold", "mentioned_pred",
    "mentioned_tp", "authors_pages", "authors_exact", "authors_norm", "authors_pages_nonempty",
    "authors_exact_nonempty",
)


@dataclass
class PageResult:
    name: str
    split: str | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _first_quote(person: dict, text: str) -> str:
    for q in person.get("quotes") or []:
        s = q.get("text") or (text[q["start"]:q["end"]] if q.get("start") is not None else "")
        if s:
            cue = q.get("cue")
            return f'"{_short(s)}"' + (f" ({cue})" if cue else "")
    return ""


def _short(s: str, n: int = 110) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def score_page(ann: dict, pred: dict, *, with_authors: bool = True) -> PageResult:
    """Compare one page's cards (``pred``: the cards document, or a peer's look-alike with
    ``cited``/``mentioned``/``unnamed_sources`` and ``article.text``) with its annotation."""
    res = PageResult(ann["name"], ann.get("split"))
    c, err = res.counts, res.errors
    c["pages"] = 1
    text = (pred.get("article") or {}).get("text") or ""
    index = TextIndex(text)

    gold_cited = ann["cited"]
    pred_cited = pred.get("cited") or []
    pred_mentioned = pred.get("mentioned") or []
    c["gold_cited"], c["pred_cited"] = len(gold_cited), len(pred_cited)

    mapping = assign([p["name"] for p in pred_cited], [(g["name"], g["aliases"]) for g in gold_cited])
    matched_gold = set(mapping.values())
    c["tp"] = len(mapping)
    for i, j in mapping.items():
        g = gold_cited[j]
        if match_level(pred_cited[i]["name"], g["name"], g["aliases"]) == 2:
            c["name_exact"] += 1
        else:
            err.append(f"name {pred_cited[i]['name']!r} matched gold {g['name']!r} only loosely (not the name or an alias)")

    # Locate gold spans once.
    located: list[list[list[tuple[int, int]]]] = []
    for g in gold_cited:
        located.append([index.find(q["text"]) for q in g["quotes"]])

    # False positives, by kind.
    mentioned_forms = [(m, []) for m in ann["mentioned"]]
    for i, p in enumerate(pred_cited):
        if i in mapping:
            continue
        why = "not a gold person"
        if any(match_level(p["name"], g["name"], g["aliases"]) for g in gold_cited):
            c["fp_duplicate"] += 1
            why = "duplicate card of a matched person"
        elif any(match_level(p["name"], m) for m, _ in mentioned_forms):
            c["fp_mentioned"] += 1
            why = "gold: only mentioned"
        elif any(match_level(p["name"], a) for a in ann["authors"]):
            c["fp_author"] += 1
            why = "gold: author"
        elif any(role_norm(p["name"]) and (role_norm(p["name"]) in role_norm(o) or role_norm(o) in role_norm(p["name"]))
                 for o in ann["org_sources"]):
            c["fp_org"] += 1
            why = "gold: organisation source"
        else:
            c["fp_other"] += 1
        err.append(f"FP cited {p['name']!r} [{why}] {_first_quote(p, text)}")

    # False negatives, by kind.
    pred_mentioned_names = [m["name"] for m in pred_mentioned]
    for j, g in enumerate(gold_cited):
        if j in matched_gold:
            continue
        if any(match_level(m, g["name"], g["aliases"]) for m in pred_mentioned_names):
            c["fn_as_mentioned"] += 1
            why = "predicted as mentioned"
        elif not any(located[j]):
            c["fn_not_in_text"] += 1
            why = "none of its spans is in article.text (extraction)"
        else:
            c["fn_missed"] += 1
            why = "missed"
        q = g["quotes"][0]
        err.append(f"FN cited {g['name']!r} [{why}] \"{_short(q['text'])}\" ({q['cue']})")

    # Roles.
    for i, j in mapping.items():
        p, g = pred_cited[i], gold_cited[j]
        if g["role"]:
            c["role_n"] += 1
            if role_ok(p.get("role"), g["role"]):
                c["role_ok"] += 1
            else:
                if not p.get("role"):
                    c["role_missing"] += 1
                err.append(f"role {g['name']!r}: predicted {p.get('role')!r}, gold {g['role']!r}")

    # Quote spans.
    all_pred_spans = [(q["start"], q["end"]) for p in pred_cited for q in p.get("quotes") or []
                      if q.get("start") is not None]
    gold_intervals = []
    inv = {j: i for i, j in mapping.items()}
    for j, g in enumerate(gold_cited):
        own = []
        if j in inv:
            own = [(q["start"], q["end"]) for q in pred_cited[inv[j]].get("quotes") or [] if q.get("start") is not None]
        missed = []
        for q, occ in zip(g["quotes"], located[j]):
            c["spans_gold"] += 1
            if not occ:
                continue
            c["spans_located"] += 1
            gold_intervals.extend(occ)
            best_any = max(covered(o, all_pred_spans) / max(1, o[1] - o[0]) for o in occ)
            best_own = max(covered(o, own) / max(1, o[1] - o[0]) for o in occ)
            c["spans_any"] += best_any >= 0.5
            c["spans_right"] += best_own >= 0.5
            if j in inv and best_own < 0.5:
                missed.append(q)
        if missed:
            err.append(f"spans of {g['name']!r}: {len(missed)} of {len(g['quotes'])} gold spans not recovered, e.g. "
                       + "; ".join(f"\"{_short(q['text'], 80)}\" ({q['cue']}, {q['kind']})" for q in missed[:2]))
    for s in all_pred_spans:
        c["spans_pred"] += 1
        # a predicted passage that opens with a gold span is precise too: for long interviews the
        # annotation gives only the first sentence of each answer (docs/annotation.md)
        opens_with_gold = any(abs(s[0] - a) <= 3 and s[1] >= b for a, b in gold_intervals)
        if opens_with_gold or covered(s, gold_intervals) >= 0.5 * max(1, s[1] - s[0]):
            c["spans_pred_ok"] += 1

    # Unnamed sourcing.
    gold_un = []
    for u in ann["unnamed_sources"]:
        occ = index.find(u["text"])
        gold_un.append(occ[0] if occ else None)
    pred_un = [(u["start"], u["end"], u.get("text", "")) for u in pred.get("unnamed_sources") or []
               if u.get("start") is not None]
    c["unnamed_gold"], c["unnamed_pred"] = len(gold_un), len(pred_un)
    c["unnamed_located"] = sum(g is not None for g in gold_un)
    pairs = []
    for gi, g in enumerate(gold_un):
        if g is None:
            continue
        for pi, (s, e, _t) in enumerate(pred_un):
            ov = overlap(g, (s, e))
            if ov and ov >= 0.5 * min(g[1] - g[0], e - s):
                pairs.append((-ov, gi, pi))
    pairs.sort()
    used_g, used_p = set(), set()
    for _ov, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    c["unnamed_tp"] = len(used_g)
    for pi, (s, e, t) in enumerate(pred_un):
        if pi not in used_p:
            err.append(f"FP unnamed \"{_short(t or text[s:e])}\"")
    for gi, u in enumerate(ann["unnamed_sources"]):
        if gi not in used_g:
            where = "" if gold_un[gi] is not None else " [not in article.text]"
            err.append(f"FN unnamed{where} \"{_short(u['text'])}\" ({u['cue']})")

    # Mentioned people (informative).
    c["mentioned_gold"], c["mentioned_pred"] = len(ann["mentioned"]), len(pred_mentioned)
    mmap = assign(pred_mentioned_names, mentioned_forms)
    c["mentioned_tp"] = len(mmap)
    extra = [n for i, n in enumerate(pred_mentioned_names) if i not in mmap]
    lost = [m for j, m in enumerate(ann["mentioned"]) if j not in set(mmap.values())]
    if extra:
        err.append(f"mentioned, not gold-mentioned: {extra}")
    if lost:
        err.append(f"gold-mentioned, no mentioned card: {lost}")

    # Authors.
    if with_authors:
        pa = [" ".join(a["name"].split()) for a in pred.get("authors") or []]
        ga = [" ".join(a.split()) for a in ann["authors"]]
        c["authors_pages"] = 1
        exact = sorted(pa) == sorted(ga)
        c["authors_exact"] = int(exact)
        c["authors_norm"] = int(sorted(map(author_norm, pa)) == sorted(map(author_norm, ga)))
        if ga:
            c["authors_pages_nonempty"] = 1
            c["authors_exact_nonempty"] = int(exact)
        if not exact:
            err.append(f"authors: predicted {pa}, gold {ga}")
    return res


# --------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------

def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def metrics(counts: dict[str, int]) -> dict[str, Any]:
    """Rates from summed counts (None when the denominator is 0)."""
    c = counts
    p = _ratio(c["tp"], c["pred_cited"])
    r = _ratio(c["tp"], c["gold_cited"])
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    up = _ratio(c["unnamed_tp"], c["unnamed_pred"])
    ur = _ratio(c["unnamed_tp"], c["unnamed_gold"])
    uf = 2 * up * ur / (up + ur) if up and ur else (0.0 if up is not None and ur is not None else None)
    return {
        "cited_precision": p, "cited_recall": r, "cited_f1": f1,
        "role_accuracy": _ratio(c["role_ok"], c["role_n"]),
        "name_exact": _ratio(c["name_exact"], c["tp"]),
        "span_recovery_any": _ratio(c["spans_any"], c["spans_located"]),
        "span_recovery_right": _ratio(c["spans_right"], c["spans_located"]),
        "span_precision": _ratio(c["spans_pred_ok"], c["spans_pred"]),
        "spans_located_share": _ratio(c["spans_located"], c["spans_gold"]),
        "unnamed_precision": up, "unnamed_recall": ur, "unnamed_f1": uf,
        "mentioned_as_cited": c["fp_mentioned"], "cited_as_mentioned": c["fn_as_mentioned"],
        "mentioned_precision": _ratio(c["mentioned_tp"], c["mentioned_pred"]),
        "mentioned_recall": _ratio(c["mentioned_tp"], c["mentioned_gold"]),
        "author_exact": _ratio(c["authors_exact"], c["authors_pages"]),
        "author_normalised": _ratio(c["authors_norm"], c["authors_pages"]),
        "author_exact_nonempty": _ratio(c["authors_exact_nonempty"], c["authors_pages_nonempty"]),
    }


def sum_counts(results: Iterable[PageResult]) -> dict[str, int]:
    total = dict.fromkeys(COUNTERS, 0)
    for r in results:
        for k, v in r.counts.items():
            total[k] += v
    return total


def by_split(results: list[PageResult]) -> dict[str, dict[str, int]]:
    out = {}
    for split in SPLITS:
        chosen = [r for r in results if split == "all" or r.split == split]
        if chosen and not (split == "all" and len({r.split for r in results}) == 1):
            out[split] = sum_counts(chosen)
    return out


# --------------------------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------------------------

def read_page(ann: dict) -> str:
    return decode_page(Path(ann["page_path"]).read_bytes())


def make_engine():
    from backstory.pipeline import Engine
    from backstory.settings import Settings

    return Engine(Settings.load(), use_cache=False)


def run_backstory(engine, gold: list[dict]) -> dict[str, tuple[dict, float]]:
    out = {}
    for ann in gold:
        html = read_page(ann)
        t0 = time.perf_counter()
        doc = engine.analyze(ann["url"], html, include_text=True, use_cache=False)
        out[ann["name"]] = (doc, time.perf_counter() - t0)
    return out


TEXTACY_BAILED: list[str] = []  # pages on which direct_quotations raised (it then finds nothing)

_SPEECH_LEMMAS = {"say", "tell", "add", "state", "explain", "claim", "note", "warn", "write", "announce",
                  "argue", "accord", "insist", "confirm", "comment", "describe", "report", "believe",
                  "ask", "reply", "respond"}


def _merge_names(cited: dict[str, list], order: list[str]) -> dict[str, list]:
    """Fold a bare surname (or shorter form) into a fuller name with the same last name."""
    merged: dict[str, list] = {}
    names = sorted(order, key=lambda n: -len(name_tokens(n)))
    for name in names:
        toks = name_tokens(name)
        if not toks:
            continue
        target = next((m for m in merged if len(toks) < len(name_tokens(m)) and compatible(toks, name_tokens(m))), None)
        merged.setdefault(target or name, []).extend(cited[name])
    return merged


def _person_ents(doc) -> list:
    return [e for e in doc.ents if e.label_ == "PERSON"]


def _as_cards(text: str, cited: dict[str, list], persons: Iterable[str]) -> dict:
    merged = _merge_names(cited, list(cited))
    cards = [{"name": n, "role": None, "quotes": [{"start": s, "end": e, "cue": None} for s, e in spans]}
              for n, spans in merged.items()]
    cited_keys = [name_tokens(n) for n in merged]
    mentioned: dict[str, None] = {}
    for name in persons:
        t = name_tokens(name)
        if t and not any(t == k or compatible(t, k) for k in cited_keys):
            mentioned.setdefault(name, None)
    ment = _merge_names({m: [] for m in mentioned}, list(mentioned))
    return {"article": {"text": text}, "cited": cards, "mentioned": [{"name": m} for m in ment],
            "unnamed_sources": []}


def naive_people(nlp, text: str) -> dict:
    """Every PERSON entity in a sentence with a speech verb is cited; the sentence is its span."""
    doc = nlp(text)
    cited: dict[str, list] = {}
    for sent in doc.sents:
        if not any(t.lemma_.lower() in _SPEECH_LEMMAS and t.pos_ in {"VERB", "AUX"} or t.lower_ == "according"
                   for t in sent):
            continue
        for ent in sent.ents:
            if ent.label_ == "PERSON":
                cited.setdefault(ent.text.strip(), []).append((sent.start_char, sent.end_char))
    return _as_cards(text, cited, [e.text.strip() for e in _person_ents(doc)])


def textacy_people(nlp, text: str) -> dict:
    """textacy's direct-quotation triples; the speaker is the PERSON entity holding a speaker token."""
    from textacy.extract.triples import direct_quotations

    doc = nlp(text)
    cited: dict[str, list] = {}
    ent_of = {}
    for ent in _person_ents(doc):
        for tok in ent:
            ent_of[tok.i] = ent
    try:
        triples = list(direct_quotations(doc))
    except ValueError as exc:  # textacy bails out on an odd number of quotation marks
        TEXTACY_BAILED.append(str(exc)[:80])
        triples = []
    for tri in triples:
        ents = {ent_of[t.i] for t in tri.speaker if t.i in ent_of}
        for ent in ents:
            cited.setdefault(ent.text.strip(), []).append((tri.content.start_char, tri.content.end_char))
    return _as_cards(text, cited, [e.text.strip() for e in _person_ents(doc)])


def textacy_status() -> str | None:
    """None when textacy imports, else why not."""
    try:
        import textacy  # noqa: F401
        from textacy.extract.triples import direct_quotations  # noqa: F401
    except Exception as exc:  # ImportError, or a version clash with spaCy
        return f"{type(exc).__name__}: {exc}"
    return None


# --------------------------------------------------------------------------------------------
# Evaluation entry point (also used by tests/test_quality_gate.py)
# --------------------------------------------------------------------------------------------

def evaluate(gold: list[dict], engine, *, peers: Iterable[str] = ()) -> dict[str, Any]:
    """Run Backstory (and the named peers) on the gold pages; per-page results and split counts."""
    bs = run_backstory(engine, gold)
    results: dict[str, list[PageResult]] = {"backstory": []}
    for ann in gold:
        doc, secs = bs[ann["name"]]
        r = score_page(ann, doc)
        r.seconds = secs
        results["backstory"].append(r)
    for peer in peers:
        fn = {"textacy": textacy_people, "naive": naive_people}[peer]
        results[peer] = []
        for ann in gold:
            text = bs[ann["name"]][0]["article"].get("text") or ""
            t0 = time.perf_counter()
            pred = fn(engine.nlp, text)
            r = score_page(ann, pred, with_authors=False)
            r.seconds = time.perf_counter() - t0
            results[peer].append(r)
    return {"results": results, "splits": {s: by_split(rs) for s, rs in results.items()}, "docs": bs}


def scores(evaluation: dict[str, Any], system: str = "backstory") -> dict[str, dict[str, Any]]:
    return {split: metrics(c) for split, c in evaluation["splits"][system].items()}


# --------------------------------------------------------------------------------------------
# Floors (tests/quality_floors.json, checked by tests/test_quality_gate.py)
# --------------------------------------------------------------------------------------------

FLOOR_METRICS = ("cited_precision", "cited_recall", "cited_f1", "role_accuracy", "span_recovery_any",
                 "span_recovery_right", "span_precision", "unnamed_precision", "unnamed_recall",
                 "author_exact", "author_normalised")
CEILING_METRICS = ("mentioned_as_cited", "cited_as_mentioned")


def check_floors(current: dict[str, dict[str, Any]], floors: dict[str, Any]) -> list[str]:
    """Every recorded floor the current scores fall below (and ceiling they exceed), as messages.
    ``current`` is ``{split: metrics}``; a metric that cannot be computed (None) fails its floor."""
    problems = []
    for split, table_ in (floors.get("floors") or {}).items():
        for metric, floor in table_.items():
            value = (current.get(split) or {}).get(metric)
            if value is None or value < floor:
                problems.append(f"{split} {metric}: {value if value is None else round(value, 4)} < floor {floor}")
    for split, table_ in (floors.get("ceilings") or {}).items():
        for metric, ceiling in table_.items():
            value = (current.get(split) or {}).get(metric)
            if value is None or value > ceiling:
                problems.append(f"{split} {metric}: {value} > ceiling {ceiling}")
    return problems


def suggest_floors(current: dict[str, dict[str, Any]], margin: float = 0.01) -> dict[str, Any]:
    """Floors a little under the current scores: round down to 2 decimals, minus ``margin``."""
    import math

    floors = {}
    ceilings = {}
    for split, m in current.items():
        floors[split] = {k: max(0.0, round(math.floor(m[k] * 100) / 100 - margin, 2))
                         for k in FLOOR_METRICS if m.get(k) is not None}
        ceilings[split] = {k: m[k] for k in CEILING_METRICS if m.get(k) is not None}
    return {"floors": floors, "ceilings": ceilings}


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def _frac(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.3f})" if b else "–"


def table(evaluation: dict[str, Any]) -> str:
    splits = evaluation["splits"]
    systems = [s for s in SYSTEMS if s in splits]
    lines = ["| split | system | pages | gold cited | predicted | TP | precision | recall | F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for split in SPLITS:
        for s in systems:
            c = splits[s].get(split)
            if not c:
                continue
            m = metrics(c)
            lines.append(f"| {split} | {s} | {c['pages']} | {c['gold_cited']} | {c['pred_cited']} | {c['tp']} | "
                         f"{_pct(m['cited_precision'])} | {_pct(m['cited_recall'])} | {_pct(m['cited_f1'])} |")
    out = ["Cited named people:", "", *lines, ""]
    lines = ["| split | system | name exact (of TP) | role acc. | spans in text | spans recovered (any speaker) | "
             "spans recovered (right speaker) | span precision | mentioned→cited | cited→mentioned |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for split in SPLITS:
        for s in systems:
            c = splits[s].get(split)
            if not c:
                continue
            role = _frac(c["role_ok"], c["role_n"]) if s == "backstory" else "n/a"
            lines.append(f"| {split} | {s} | {_frac(c['name_exact'], c['tp'])} | {role} | {c['spans_located']}/{c['spans_gold']} | "
                         f"{_frac(c['spans_any'], c['spans_located'])} | {_frac(c['spans_right'], c['spans_located'])} | "
                         f"{_frac(c['spans_pred_ok'], c['spans_pred'])} | {c['fp_mentioned']} | {c['fn_as_mentioned']} |")
    out += ["Roles, quote spans, confusion:", "", *lines, ""]
    c_all = splits["backstory"]
    lines = ["| split | unnamed gold (in text) | predicted | TP | precision | recall | "
             "authors exact | authors normalised | authors exact (byline non-empty) | mentioned precision | mentioned recall |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for split in SPLITS:
        c = c_all.get(split)
        if not c:
            continue
        m = metrics(c)
        lines.append(f"| {split} | {c['unnamed_gold']} ({c['unnamed_located']}) | {c['unnamed_pred']} | {c['unnamed_tp']} | "
                     f"{_pct(m['unnamed_precision'])} | {_pct(m['unnamed_recall'])} | "
                     f"{_frac(c['authors_exact'], c['authors_pages'])} | {_frac(c['authors_norm'], c['authors_pages'])} | "
                     f"{_frac(c['authors_exact_nonempty'], c['authors_pages_nonempty'])} | "
                     f"{_frac(c['mentioned_tp'], c['mentioned_pred'])} | {_frac(c['mentioned_tp'], c['mentioned_gold'])} |")
    out += ["Backstory only — unnamed sourcing (sentence level), authors, and people only mentioned (same "
            "name match; informative, not gated):", "", *lines, ""]
    lines = ["| split | FP: gold mentioned | FP: author | FP: organisation | FP: duplicate card | FP: other | "
             "FN: predicted as mentioned | FN: not in article.text | FN: missed |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for split in SPLITS:
        c = c_all.get(split)
        if c:
            lines.append(f"| {split} | {c['fp_mentioned']} | {c['fp_author']} | {c['fp_org']} | {c['fp_duplicate']} | "
                         f"{c['fp_other']} | {c['fn_as_mentioned']} | {c['fn_not_in_text']} | {c['fn_missed']} |")
    out += ["Backstory's cited-people errors by kind:", "", *lines]
    return "\n".join(out)


def targets(evaluation: dict[str, Any]) -> str:
    c = evaluation["splits"]["backstory"].get("heldout")
    if not c:
        return ""
    m = metrics(c)
    rows = [("cited precision", m["cited_precision"], 0.90, (c["tp"], c["pred_cited"])), ("cited F1", m["cited_f1"], 0.85, None),
            ("author exact", m["author_exact"], 0.95, (c["authors_exact"], c["authors_pages"]))]

    def interval(counts: tuple[int, int] | None) -> str:
        if not counts or not counts[1]:
            return ""
        low, high = wilson(*counts)
        return f", {counts[0]}/{counts[1]}, 95% interval {low:.2f}–{high:.2f}"

    return "Issue 6 targets on the held-out split: " + "; ".join(
        f"{n} {_pct(v)} (target ≥ {t:.2f}: {'met' if v is not None and v >= t else 'NOT met'}{interval(k)})"
        for n, v, t, k in rows) + (". The intervals (Wilson score, given for the two shares) show how little a split of "
                                   f"{c['pages']} pages can tell.")


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a share hits/n (95 % for z = 1.96)."""
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def error_listing(evaluation: dict[str, Any], splits: set[str], system: str = "backstory") -> str:
    out = []
    for r in evaluation["results"][system]:
        if r.split not in splits:
            continue
        c = r.counts
        head = (f"### {r.name} ({r.split}) — cited TP {c['tp']}, predicted {c['pred_cited']}, gold {c['gold_cited']}; "
                f"unnamed TP {c['unnamed_tp']}/{c['unnamed_gold']} (predicted {c['unnamed_pred']})")
        out.append(head)
        out += [f"- {e}" for e in r.errors] or ["- no errors"]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from _common import DOCS, command_line, machine, utc_now, write_section

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, default="all")
    ap.add_argument("--verbose", "-v", action="store_true", help="print per-article errors (tune split)")
    ap.add_argument("--show-heldout-errors", action="store_true",
                    help="also print the held-out pages' errors (never tune on them)")
    ap.add_argument("--no-peers", action="store_true", help="skip textacy and the naive baseline")
    ap.add_argument("--no-write", action="store_true", help="do not write docs/quality.md / quality-errors.md")
    ap.add_argument("--errors-file", default=str(DOCS / "quality-errors.md"))
    ap.add_argument("--page", action="append", help="only this gold page (repeatable)")
    ap.add_argument("--json", help="write all scores as JSON to this file")
    ap.add_argument("--suggest-floors", action="store_true",
                    help="print floors a little under the current scores (for tests/quality_floors.json)")
    args = ap.parse_args(argv)

    gold = load_gold()
    if args.split != "all":
        gold = [a for a in gold if a["split"] == args.split]
    if args.page:
        gold = [a for a in gold if a["name"] in set(args.page)]
    if not gold:
        print("no gold pages selected", file=sys.stderr)
        return 2
    peers: list[str] = []
    textacy_problem = None
    if not args.no_peers:
        textacy_problem = textacy_status()
        if textacy_problem:
            print(f"textacy peer skipped: {textacy_problem}", file=sys.stderr)
        else:
            peers.append("textacy")
        peers.append("naive")

    t0 = time.perf_counter()
    engine = make_engine()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ev = evaluate(gold, engine, peers=peers)
    run_s = time.perf_counter() - t0

    err_splits = {"tune"} | ({"heldout"} if args.show_heldout_errors else set())
    if args.verbose:
        print(error_listing(ev, err_splits))
        if "heldout" not in err_splits and any(a["split"] == "heldout" for a in gold):
            print("(held-out pages' errors not shown: they are never used for tuning; --show-heldout-errors)\n")
    print(table(ev))
    print()
    print(targets(ev))
    bs_time = sum(r.seconds for r in ev["results"]["backstory"])
    if TEXTACY_BAILED:
        print(f"\ntextacy bailed out (unbalanced quotation marks) on {len(TEXTACY_BAILED)} page(s)")
    print(f"\n{len(gold)} pages; engine load {load_s:.1f} s; Backstory {bs_time:.1f} s "
          f"({1000 * bs_time / len(gold):.0f} ms/page); whole run {run_s:.1f} s")

    if args.json:
        Path(args.json).write_text(json.dumps(
            {s: {split: metrics(c) | {"counts": c} for split, c in v.items()} for s, v in ev["splits"].items()},
            indent=1), encoding="utf-8")
    full_run = args.split == "all" and not args.page
    if full_run and FLOORS_FILE.exists():
        problems = check_floors(scores(ev), json.loads(FLOORS_FILE.read_text(encoding="utf-8")))
        print("\nfloors (tests/quality_floors.json): " + ("all met" if not problems else "BELOW: " + "; ".join(problems)))
    if args.suggest_floors:
        print(json.dumps(suggest_floors(scores(ev)), indent=1))
    if not args.no_write and full_run:
        body = section_body(ev, engine, textacy_problem, command_line(), utc_now(), machine(), bs_time, len(gold))
        write_section(DOCS / "quality.md", SECTION, body, title="Quality")
        Path(args.errors_file).write_text(
            "# Cited people: per-article errors (tune split)\n\n"
            f"Written by `{command_line()}` on {utc_now()}. Only the tune split is listed: the held-out pages "
            "are never used for tuning (docs/annotation.md). FP = a predicted cited person not in the gold "
            "cited list, FN = a gold cited person without a matching card; the bracket says which kind.\n\n"
            + error_listing(ev, {"tune"}), encoding="utf-8")
        print(f"wrote {DOCS / 'quality.md'} ({SECTION}) and {args.errors_file}")
    return 0


def section_body(ev, engine, textacy_problem, command, when, where, bs_time, n_pages) -> str:
    import spacy

    try:
        import textacy
        textacy_v = f"textacy {textacy.__version__}"
    except Exception:  # noqa: BLE001
        textacy_v = "textacy not installed"
    peers = ("Peers run on Backstory's own `article.text` with the same spaCy model, so only the people "
             "step differs. *textacy*: `textacy.extract.triples.direct_quotations` "
             f"({textacy_v}, with spaCy {spacy.__version__}); its speaker tokens are mapped to the PERSON "
             "entity that holds them (pronoun speakers are dropped: textacy resolves no coreference); it "
             "finds direct quotes only. *naive*: every PERSON entity in a sentence with a speech verb "
             "(say, tell, add, state, explain, claim, note, warn, write, announce, argue, according to, "
             "insist, confirm, comment, describe, report, believe, ask, reply, respond) is cited, with the "
             "sentence as its span. Both fold a bare surname into a fuller name on the same page.")
    if textacy_problem:
        peers += f" textacy could not be used in this run: {textacy_problem}."
    elif TEXTACY_BAILED:
        peers += (f" On {len(TEXTACY_BAILED)} of {n_pages} pages `direct_quotations` raised `ValueError` "
                  "(\"N quotation marks found, indicating an unclosed quotation … safest to bail out\"), so it "
                  "found nothing there; that is textacy's own behaviour and is counted as such.")
    rules = (
        "Gold: the 47 hand-annotated pages of `tests/gold` (rules: [annotation.md](annotation.md)); "
        "`heldout` = the 12 pages never used for tuning (`tests/gold/split.json`). Counts are summed over "
        "the pages of a split. **Name match**: names are normalised (diacritics removed, case-folded, "
        "periods/commas/hyphens → spaces, quoted nicknames, honorifics such as Mr/Dr and Jr/Sr suffixes "
        "dropped); a predicted cited person matches a gold cited person when the normalised name equals "
        "the gold name or one of its aliases, or the last names agree and the first names are compatible "
        "(equal, an initial, a prefix of ≥ 3 letters, or one side is a bare surname); one-to-one per page, "
        "exact matches first, so a second card for the same person is a false positive; a one-word alias only "
        "matches exactly, and a name with extra leading words (\"Supervisor Alfredo Pedroza\") matches loosely; "
        "*name exact* = share of matches that are exact. **Role**: over "
        "matched people with a gold role, right when one normalised role contains the other (a missing "
        "role is wrong). **Spans**: gold quote spans are located in `article.text` (whitespace- and "
        "quote-style-tolerant); *recovered* = predicted quote spans cover ≥ 50% of the gold span's "
        "characters (any speaker, or only the matched person's quotes); *span precision* = predicted "
        "spans covered ≥ 50% by gold spans, or opening with a gold span (for long interviews the "
        "annotation gives only an answer's first sentence); gold spans the extractor dropped are not in the denominator "
        "(\"spans in text\"). **Unnamed sourcing**: gold sentences vs predicted `unnamed_sources`, a "
        "match when the overlap is ≥ 50% of the shorter one, one-to-one; gold sentences missing from "
        "`article.text` count as misses. **Authors exact**: the set of author names equals the gold list "
        "string for string (pages with no gold author must get none); *normalised* compares "
        "normalised names. Per-article errors of the tune split: [quality-errors.md](quality-errors.md).")
    per_page = 1000 * bs_time / max(1, n_pages)
    return "\n\n".join([
        f"Measured {when} on {where}; Backstory {per_page:.0f} ms per page (full `Engine.analyze`).",
        rules, peers, table(ev), targets(ev),
        "Reproduce (needs nothing outside the repository; textacy is optional, `pip install textacy`):",
        f"```\n{command}\n```",
        "The floors in `tests/quality_floors.json` are checked by `tests/test_quality_gate.py` in `make test`.",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
