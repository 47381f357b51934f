"""Quotation runs: a quotation with no attribution of its own that carries on the words of the person
who spoke just before (the second half of a split quote, the next paragraph of a long quote, a quote
paragraph after a paragraph in which only one person speaks)."""

from __future__ import annotations

import re

from ... import budget
from ..attribution import Attribution
from ..declare import rule
from ..model import Person
from ..quotation import Taken, leaves_quote_open
from ..syntax import sent
from ..words import PRONOUNS, QUOTE_CUES

WORDS = re.compile(r"[\w’']+")
SPLIT_GAP = re.compile(r",\s*(?:[“\"«„]\s*)?$")  # ('“A,” X said, “b …”': an attribution splitting a sentence)
SENTENCE_GAP = re.compile(r"[.:]\s*(?:[“\"«„]\s*)?$")  # ('“A,” X said. “B.”': an attribution ending its sentence)

SPLIT = rule(
    "runs.split", "The second half of a quotation split by its attribution ('“A,” X said. “B.”', '“A,” X said, “b …”').",
    fires_on=["“We all know it,” said Maria Alvarez, the treasurer. “The council knows it too, and so does the mayor.”"],
    never_on=["“We all know it,” said Maria Alvarez, the treasurer.\n\n“The council knows it too, and so does the "
              "mayor,” said Tom Roe."])
NEXT_QUOTE = rule(
    "runs.next_quote", "A quotation right after another of the same speaker's, nothing between ('X said: “A.” “B.”').",
    fires_on=["Maria Alvarez said: “We all know the budget is short.” “The council knows it too, and so does the mayor.”"],
    never_on=["Maria Alvarez said: “We all know the budget is short.” Then “the council knows it too,” said Tom Roe."])
OVER_PARAGRAPHS = rule(
    "runs.over_paragraphs", "A paragraph opening with a quotation mark after a paragraph that leaves its quotation open: "
    "the same speaker, the way a long quote runs over paragraphs.",
    fires_on=["Judge Neil Ford said: “There was a great deal of planning in what you did that night.\n\n“You knew the "
              "house would be empty and you knew where the keys were kept.”"],
    never_on=["Judge Neil Ford said: “There was a great deal of planning in what you did that night.”\n\nThe court "
              "heard that the house had been empty."])
OPENED_BEFORE = rule(
    "runs.opened_before", "A paragraph that opens a quotation and leaves it open, with no speaker of its own, when the "
    "next paragraph carries on with the words of a named speaker ('“A.' / '“B,” X said.').",
    fires_on=["“There was a great deal of planning in what you did that night.\n\n“You knew the house would be empty "
              "and you knew where the keys were kept,” Judge Neil Ford said."],
    never_on=["“There was a great deal of planning in what you did that night.”\n\n“You knew the house would be empty "
              "and you knew where the keys were kept,” Judge Neil Ford said."])
FOLLOWING_SENTENCE = rule(
    "runs.following_sentence", "A quotation opening the sentence after one in which only one person speaks ('“…,” said "
    "Lawrence White, a professor at … . “Tariffs, like any tax, …”').",
    fires_on=["Lawrence White, a professor at New York University, said trade wars were easy to start. “Tariffs, "
              "like any tax, end up being paid by the buyers.”"],
    never_on=["Lawrence White teaches at New York University. “Tariffs, like any tax, end up being paid by the buyers.”"])
FOLLOWING_PARAGRAPH = rule(
    "runs.following_paragraph", "A paragraph that is only a quotation, after a paragraph whose last sentence has the "
    "words of the only person speaking there.",
    fires_on=["Maria Alvarez, the city treasurer, said the budget would be short again this year.\n\n“We have "
              "warned the council about this for three years running.”"],
    never_on=["Maria Alvarez and Tom Roe met the council on Tuesday.\n\n“We have warned the council about this for "
              "three years running.”"])


def continued_quotes(a: Attribution) -> None:
    """The second half of a split quote ('“A,” X said. “B.”') and a quote right after another
    ('X said: “A.” “B.”'): the same speaker, when only the attribution stands between them."""
    by_start = {pos: person for pos, person in a.ledger.speakers}
    for (ps, pe), (qs, qe) in zip(a.ctx.quotes, a.ctx.quotes[1:]):
        budget.check("people: continued quotes")
        person = by_start.get(ps)
        if person is None or qs in by_start or a.ctx.paragraph_of(ps) != a.ctx.paragraph_of(qs):
            continue
        rule_id = _continues(a, person, ps, pe, qs)
        if rule_id is not None:
            cue = next((q.cue for q in person.quotes if q.start == ps), "said")
            a.ledger.record(person, a.ledger.direct(qs, qe, cue, rule_id, a.ctx.span(ps, pe)), None)
            by_start[qs] = person
    _over_paragraphs(a, by_start)
    _opened_before(a, by_start)


def _continues(a: Attribution, person: Person, ps: int, pe: int, qs: int) -> str | None:
    """Whether the quotation at ``qs`` continues ``person``'s at ``ps``..``pe``: the rule that says so, or None."""
    text = a.ctx.text
    gap = text[pe:qs]
    # (a long attribution only when it names nobody else: '…,” said Brent Sherwood, vice president
    # of Advanced Development Programs at Blue Origin. “…”')
    if "\n" in gap or len(gap) > 200 or len(gap) > 80 and (any(
            p is not person for p, _ in a.reg.mentions_between(pe, qs))
            or len({sent(t).start for t in a.ctx.doc.char_span(pe, qs, alignment_mode="expand") or []
                    if not (t.is_punct or t.is_space)}) > 1):
        return None
    words = WORDS.findall(gap)
    # (the words of a hyphenated name on their own: 'Montoya-Lewis said')
    names = {w.casefold() for m in person.mentions for w in WORDS.findall(m.text)}
    if not words:
        return NEXT_QUOTE  # 'X said: “A.” “B.”'
    attributed = any(w.casefold() in names | PRONOUNS for w in words) and any(
        t.lemma_.lower() in QUOTE_CUES for t in a.ctx.doc.char_span(pe, qs, alignment_mode="expand") or [])
    # a sentence split by its attribution: '“A,” X said, “b …”', the second half in lower case
    split = SPLIT_GAP.search(gap) and text[qs:qs + 2].lstrip("“\"«„ ")[:1].islower()
    if attributed and (SENTENCE_GAP.search(gap) or split):
        return SPLIT
    return None


def _over_paragraphs(a: Attribution, by_start: dict[int, Person]) -> None:
    """A quotation running over paragraphs: the paragraph before leaves its quote open (more opening marks
    than closing ones) and this one opens with a mark; the speaker is the last one there."""
    ctx = a.ctx
    for qs, qe in ctx.quotes:
        para = ctx.paragraph_of(qs)
        if qs in by_start or para < 1 or ctx.paragraphs[para][0] != qs - 1:
            continue
        ps, pe = ctx.paragraphs[para - 1]
        if not leaves_quote_open(ctx.text[ps:pe]):
            continue
        earlier = a.ledger.spoken(ps, pe)
        if earlier:
            pos, person = max(earlier, key=lambda wp: wp[0])
            a.ledger.record(person, a.ledger.direct(qs, qe, "(continued)", OVER_PARAGRAPHS, _quote_at(a, person, pos)), None)
            by_start[qs] = person


def _opened_before(a: Attribution, by_start: dict[int, Person]) -> None:
    """And back: a paragraph that opens a quotation and leaves it open, with no speaker of its own, is the
    speaker's whose words the next paragraph carries on with ('“A.' / '“B,” X said.')."""
    ctx = a.ctx
    for qs, qe in reversed(ctx.quotes):
        para = ctx.paragraph_of(qs)
        if qs in by_start or para < 0 or para + 1 >= len(ctx.paragraphs) or ctx.paragraphs[para][0] != qs - 1:
            continue
        ps, pe = ctx.paragraphs[para]
        if not leaves_quote_open(ctx.text[ps:pe]) or a.ledger.spoken(ps, pe):
            continue
        nxt = ctx.paragraphs[para + 1][0] + 1
        person = by_start.get(nxt)
        if person is not None:
            a.ledger.record(person, a.ledger.direct(qs, qe, "(continued)", OPENED_BEFORE, _quote_at(a, person, nxt)), None)
            by_start[qs] = person


def _quote_at(a: Attribution, person: Person, pos: int):
    """The span of ``person``'s quote that starts at ``pos``, as evidence."""
    quote = next((q for q in person.quotes if q.start == pos), None)
    return a.ctx.span(quote.start, quote.end) if quote is not None else None


def following_quotes(a: Attribution) -> None:
    """A quotation with no attribution of its own that follows one person's words: right after a
    sentence in which only that person speaks ('“…,” said Lawrence White, a professor at …. “Tariffs,
    like any tax, …”'), or as a paragraph of its own after a paragraph in which only that person
    speaks, last. Newspapers leave such quotes to the speaker before them."""
    ctx = a.ctx
    taken = Taken((q.start, q.end) for p in a.reg.people for q in p.quotes)
    for qs, qe in ctx.quotes:
        budget.check("people: following quotes")
        if taken.holds(qs):
            continue
        found = _window(a, qs, qe)
        if found is None:
            continue
        window, region, rule_id = found
        speakers = {p.key: p for _, p in a.ledger.spoken(*region)}
        if len(speakers) != 1 or not a.ledger.spoken(*window):
            continue
        person = next(iter(speakers.values()))
        # nobody else named between that person's words and this quote (but inside them: 'Wilkins also
        # said Warhol was both an artist and a businessperson. “…”')
        own = [(q.start, q.end) for q in person.quotes]
        if any(p is not person and not any(x <= m.start < y for x, y in own)
               for p, m in a.reg.mentions_between(window[0], qs)):
            continue
        a.ledger.record(person, a.ledger.direct(qs, qe, "(continued)", rule_id, ctx.span(*window)), None)


def _window(a: Attribution, qs: int, qe: int) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Where to look for the speaker of an unattributed quotation: (the words just before it, the region in
    which only one person may speak, the rule), or None."""
    ctx = a.ctx
    para = ctx.paragraph_of(qs)
    if para < 0:
        return None
    ps, pe = ctx.paragraphs[para]
    opening = ctx.doc.char_span(qs, qe, alignment_mode="expand")
    if opening is None or not len(opening):
        return None
    s = sent(opening[0])
    if ps + 1 >= qs and ctx.only_quotes(ps, pe):
        if para == 0:
            return None
        lo, hi = ctx.paragraphs[para - 1]  # a quote paragraph: the paragraph before
        last_sent = sent(ctx.doc.char_span(hi - 1, hi, alignment_mode="expand")[0]) if hi > lo else None
        if last_sent is None:
            return None
        return (last_sent.start_char, hi), (lo, hi), FOLLOWING_PARAGRAPH
    if s.start > 0 and ctx.text[sent(ctx.doc[s.start - 1]).end_char:qs].strip(" “\"«„") == "" \
            and ctx.paragraph_of(sent(ctx.doc[s.start - 1]).start_char) == para:
        before = sent(ctx.doc[s.start - 1])  # a quote opening a sentence: the sentence before
        return (before.start_char, before.end_char), (before.start_char, before.end_char), FOLLOWING_SENTENCE
    return None
