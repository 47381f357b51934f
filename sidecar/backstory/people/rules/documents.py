"""Documents and findings: what a named person's work, statement or citation says ('a study led by Ann Lee
found …', 'Cornyn's statement added …', 'That is the view of X', '(Otto 2023)')."""

from __future__ import annotations

import re

from ... import budget
from ..attribution import Attribution
from ..declare import rule
from ..model import Quote

FINDINGS = rule(
    "documents.findings", "The findings of a named person's work ('a study led by Ann Lee found that …', 'research by "
    "Ann Lee shows …'), given to its author.",
    fires_on=["A study led by Ann Lee found that the river had risen by a metre in ten years."],
    never_on=["A study of Ann Lee's patients found that the drug had worked for most of them."])
STATEMENT = rule(
    "documents.statement", "What a named person's statement, letter or post says ('Cornyn's statement added that …').",
    fires_on=["John Cornyn's statement added that the senate would vote on the bill before the recess."],
    never_on=["The statement added that the senate would vote on the bill before the recess."])
VIEW_OF = rule(
    "documents.view_of", "'That is the view of X' after a statement: the sentence before is X's.",
    fires_on=["The bridge will have to close before the winter. That is the view of Ann Lee, the city engineer."],
    never_on=["The bridge will have to close before the winter. That is the view from the top of the hill."])
PARENTHETICAL_CITATION = rule(
    "documents.parenthetical_citation", "A citation in parentheses closing a sentence, a named person with an "
    "organisation or a year ('(Friederike Otto, Imperial College London)', '(Otto 2023)').",
    fires_on=["Friederike Otto is a climate scientist.\n\nHeatwaves like this one are now ten times more likely than "
              "they were a century ago (Friederike Otto, Imperial College London).",
              "Friederike Otto leads the group. Warming is a harbinger of worse to come (Otto 2023)."],
    never_on=["Friederike Otto is a climate scientist.\n\nHeatwaves like this one are now ten times more likely than "
              "they were a century ago (see the chart by Friederike Otto)."])

# 'That is the view of X' after the statement it attributes
VIEW_OF_LEAD = re.compile(r"^(?:That|This|Such|It)\s+(?:is|was|has been)\s+(?:also\s+)?the\s+(?:view|opinion|assessment|"
                      r"verdict|conclusion|position|argument|belief|warning|message|finding)\s+of\b")
# '(Friederike Otto, Imperial College London).' or '(Otto 2023)' closing a sentence
# (after the closing parenthesis, r"\s*(?:[.;]\s*)?$" rather than r"\s*[.;]?\s*$", the same strings: the latter
# splits a run of spaces between its two \s* every way, quadratic in the run)
PAREN_CITATION = re.compile(r"\((?=[A-Z])[^()]{2,40}?(?P<rest>(?:,|\s(?=(?:19|20)\d\d))[^()]{2,80})\)\s*(?:[.;]\s*)?$")
LABEL = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def views_and_citations(a: Attribution) -> None:
    """'That is the view of X' (the sentence before is X's), and a parenthetical citation closing
    a sentence, '(Friederike Otto, Imperial College London)' or '(Otto 2023)'."""
    sents = list(a.ctx.doc.sents)
    for i, s in enumerate(sents):
        budget.check("people: views and citations")
        m = VIEW_OF_LEAD.match(s.text)
        if m:
            people = [p for t in s if t.idx >= s.start_char + m.end() and (p := a.reg.person_at(t))]
            prev = sents[i - 1] if i > 0 and a.ctx.paragraph_of(sents[i - 1].start_char) == a.ctx.paragraph_of(s.start_char) else None
            source = prev if prev is not None else s
            text = source.text.strip()
            evidence = a.ctx.span(s.start_char, s.end_char)
            for person in {p.key: p for p in people}.values():
                a.ledger.record(person, Quote(text, m.group(0).strip().lower(), "indirect", source.start_char,
                                              source.start_char + len(text), VIEW_OF, evidence), None)
        for pm in PAREN_CITATION.finditer(s.text):
            _citation(a, s, pm)


def _citation(a: Attribution, s, pm: re.Match) -> None:
    start = s.start_char + pm.start() + 1
    label = s.text[pm.start() + 1 : pm.start("rest")].strip()
    person = a.reg.resolve_label(label) if LABEL.fullmatch(label) else None
    rest = pm.group("rest")
    if person is None or not (YEAR.search(rest) or any(
            e.label_ == "ORG" and e.start_char >= start for e in s.ents)):
        return
    text = s.text[: pm.start()].strip()
    if len(text.split()) >= 4:
        a.ledger.record(person, Quote(text, "(parenthetical citation)", "indirect", s.start_char, s.start_char + len(text),
                                      PARENTHETICAL_CITATION, a.ctx.span(s.start_char + pm.start(), s.start_char + pm.end())),
                        None)
