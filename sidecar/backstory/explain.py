"""The rule trail behind a cards document: ``backstory check PAGE --explain``.

Every part of a card that a rule found names it in the cards document: a quote's and an unnamed-sourcing
sentence's ``rule`` and ``evidence``, a cited person's ``role_rule`` and ``role_evidence`` (the people stage,
``backstory.people``), an author's ``rule``, ``decided_by`` and ``evidence`` and each republication claim's
evidence ``rule`` (the extract stage). :func:`explain` prints, card by card, whichever of these fields it
finds, with each rule's one-line description from where the rule is declared, and the text the rule read
with its offsets into the article's text. It reads the document generically: a stage that adds these
fields to a card is explained without a change here.
"""

from __future__ import annotations

import textwrap
from typing import Any

WIDTH = 100
PREVIEW_CHARS = 90

# (field naming a rule, field holding what it read, how the line starts); in the order they are printed
PROVENANCE: tuple[tuple[str, str | None, str], ...] = (
    ("role_rule", "role_evidence", "role: rule"),
    ("rule", "evidence", "rule"),
    ("decided_by", None, "kept by rule"),
)


def describe(rule_id: str) -> str:
    """A declared rule's one-line description (people's rules, then the extract stage's), or '' for an unknown id."""
    from .people import RULES

    declared = RULES.get(rule_id)
    if declared is not None:
        return declared.doc
    try:
        from .extract.rules import describe as describe_extract  # (the extract stage's registry, where it has one)
    except ImportError:
        return ""
    return describe_extract(rule_id) or ""


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent)


def _head(text: str) -> str:
    """A card's first line, indented by two spaces; its wrapped lines by four (a card opens at two)."""
    return textwrap.fill(text, width=WIDTH, initial_indent="  ", subsequent_indent="    ")


def _preview(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


def read_text(evidence: Any) -> str:
    """' Read: “…” (article text 10–25).' for an evidence span; '' when there is none."""
    if isinstance(evidence, str) and evidence:
        return f" Read: “{_preview(evidence)}”."
    if not isinstance(evidence, dict) or not evidence.get("text"):
        return ""
    start, end = evidence.get("start"), evidence.get("end")
    where = f"article text {start}–{end}" if isinstance(start, int) and isinstance(end, int) else "outside the main text"
    return f" Read: “{_preview(evidence['text'])}” ({where})."


def provenance_lines(item: dict[str, Any], indent: str = "      ", *, own_evidence: bool = False) -> list[str]:
    """One line per rule ``item`` names (``role_rule``, ``rule``, ``decided_by``): the rule's id, its description
    and what it read. With ``own_evidence`` the item is itself the evidence (a republication claim's signal)."""
    lines = []
    for rule_field, evidence_field, label in PROVENANCE:
        rule_id = item.get(rule_field)
        if not rule_id or not isinstance(rule_id, str):
            continue
        doc = describe(rule_id)
        evidence = item if own_evidence and rule_field == "rule" else item.get(evidence_field) if evidence_field else None
        lines.append(_wrap(f"{label} {rule_id}" + (f" — {doc}" if doc else "") + read_text(evidence), indent))
    return lines


def _or_none(lines: list[str], indent: str = "      ") -> list[str]:
    return lines or [f"{indent}(no rule recorded)"]


def _authors(doc: dict[str, Any]) -> list[str]:
    out = []
    for au in doc.get("authors") or []:
        out.append(_head(f"author {au.get('name')} (from {au.get('source')})"))
        out += _or_none(provenance_lines(au))
        if isinstance(au.get("bio"), dict):
            out += provenance_lines(au["bio"])
    credit = (doc.get("article") or {}).get("credited_to")
    if isinstance(credit, dict):
        out.append(_head(f"credited to {credit.get('name')} (an organisation; no person named)"))
        out += _or_none(provenance_lines(credit))
    return out


def _syndication(doc: dict[str, Any]) -> list[str]:
    syn = doc.get("syndicated_from")
    if not isinstance(syn, dict):
        return []
    out = [_head(f"republication claim: {syn.get('name') or syn.get('domain')}")] + provenance_lines(syn)
    for ev in syn.get("evidence") or []:
        if isinstance(ev, dict):
            out.append(_wrap(f"- {ev.get('kind')}: “{_preview(ev.get('text') or '')}”", "    "))
            out += _or_none(provenance_lines(ev, own_evidence=True))
    return out


def _people(doc: dict[str, Any]) -> list[str]:
    out = []
    for c in doc.get("cited") or []:
        out.append(_head(f"cited {c.get('name')}" + (f" — {c['role']}" if c.get("role") else " — role not given")))
        out += provenance_lines(c)
        for q in c.get("quotes") or []:
            out.append(_wrap(f"{q.get('cue')} ({q.get('kind')}): “{_preview(q.get('text') or '')}”", "    "))
            out += _or_none(provenance_lines(q))
    for m in doc.get("mentioned") or []:
        if lines := provenance_lines(m):
            out += [_head(f"mentioned {m.get('name')}")] + lines
    for u in doc.get("unnamed_sources") or []:
        out.append(_head(f"unnamed sourcing ({u.get('source')}): “{_preview(u.get('text') or '')}”"))
        out += _or_none(provenance_lines(u))
    return out


def explain(doc: dict[str, Any]) -> str:
    """The rule trail of every card of ``doc``: authors, the republication claim, the cited people, their roles and
    quotes, and the unnamed sourcing, each with the declared rule that made it and the text it read."""
    body = _authors(doc) + _syndication(doc) + _people(doc)
    head = ["", "WHY (the rules behind these cards)"]
    return "\n".join(head + (body or ["  nothing on this page was found by a rule: no author, quote or sourcing"]))
