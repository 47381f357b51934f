"""The ledger: the only writer of who said what. Rules hand it a quote and the person they attribute it
to, or a sentence whose source is left unnamed; it keeps each person's quotes consistent (a quotation
and the reported clause that is mostly the same words are one statement), gives a speaker the role the
attribution shows, and remembers who spoke where, for the rules that resolve 'he said' and carry a
quotation over to the next paragraph."""

from __future__ import annotations

import bisect
import operator

from spacy.tokens import Token

from .context import Context
from .model import Found, Person, Quote, Span, UnnamedSource
from .names import Registry
from .roles import EPITHET, FRONTED_AFFILIATION, role_of, set_role
from .syntax import epithet, fronted_affiliation, phrase, sent
from .words import HEDGING_MODALS, PRONOUNS

_OFFSET = operator.itemgetter(0)  # (the offset of an (offset, speaker) pair)


def _mostly_quoted(q: Quote, direct: list[Quote]) -> bool:
    """Whether at least half of a quote's words are inside the direct quotations."""
    return sum(max(0, min(q.end, d.end) - max(q.start, d.start)) for d in direct) >= (q.end - q.start) / 2


class Ledger:
    """Quotes given to people, unnamed sourcing, and what the rules learnt about the speakers on the way."""

    def __init__(self, ctx: Context, registry: Registry) -> None:
        self.ctx = ctx
        self.reg = registry
        # (offset of the quote, who said it), in the order of the offsets: a page with thousands of quotes
        # asks 'who spoke between here and there' once per quote, by bisection
        self.speakers: list[tuple[int, Person]] = []
        self.epithets: dict[str, Found] = {}  # what the article calls a speaker ('the mayor')
        self.genders: dict[str, str] = {}  # 'm'/'f' for the people a 'he' or 'she' was taken to be
        self.unnamed: list[UnnamedSource] = []
        self._unnamed_starts: set[int] = set()  # (a sentence is recorded once)

    def spoken(self, lo: float, hi: float) -> list[tuple[int, Person]]:
        """The (offset, speaker) pairs of the quotes that start at ``lo`` or later and before ``hi``."""
        return self.speakers[bisect.bisect_left(self.speakers, lo, key=_OFFSET):bisect.bisect_left(self.speakers, hi, key=_OFFSET)]

    def direct(self, qs: int, qe: int, cue: str, rule: str, evidence: Span | None) -> Quote:
        """The quotation between the marks at ``qs``..``qe``, without a trailing comma."""
        text = self.ctx.text
        end = qs + len(text[qs:qe].rstrip(" ,"))
        return Quote(text[qs:end], cue, "direct", qs, end, rule, evidence)

    def record(self, person: Person, quote: Quote, subject: Token | None) -> None:
        """Give ``quote`` to ``person``; ``subject`` is the token the rule read as the speaker, if any."""
        if subject is not None and subject.lower_ in PRONOUNS and any(
                quote.start <= m.start < quote.end and len(m.text.split()) >= 2 for m in person.mentions):
            # ('He said, “Andy Warhol was the center of the Zeitgeist …”': whoever 'he' is, the words speak of
            # Warhol by his full name, as people do not speak of themselves)
            return
        # the same words as quotation and as reported speech ('“When all …," he said' read as the clause of
        # 'said' too): the quotations stand, not the reported clause that is mostly them
        direct = [q for q in person.quotes if q.kind == "direct"]
        if quote.kind == "direct":
            person.quotes = [q for q in person.quotes if q.kind != "indirect" or not _mostly_quoted(q, [*direct, quote])]
        if not any(q.start == quote.start and q.end == quote.end for q in person.quotes) \
                and not (quote.kind == "indirect" and _mostly_quoted(quote, direct)):
            person.quotes.append(quote)
        if person.role is None and subject is not None and self.reg.person_at(subject) is person:
            found = role_of(subject, self.ctx.doc)
            if not found and (fronted := fronted_affiliation(subject)):
                found = Found(*fronted, FRONTED_AFFILIATION)
            set_role(person, found or None)
        elif subject is not None and epithet(subject) and person.key not in self.epithets:
            # 'the Conservative MP said': what the article calls the speaker, their role when no mention
            # of their name gives one
            found = phrase(self.ctx.doc, subject.left_edge.i, subject.i + 1)
            if found:
                self.epithets[person.key] = Found(*found, EPITHET)
        bisect.insort(self.speakers, (quote.start, person), key=_OFFSET)  # (after any other at the same offset)

    def add_unnamed(self, verb: Token, source: str, rule: str, evidence: Span | None) -> None:
        """Unnamed sourcing cued by ``verb``, unless it is only what someone could say ('others might argue')."""
        if any(c.dep_ == "aux" and c.lower_ in HEDGING_MODALS for c in verb.children):
            return  # ('others might argue that …': what someone could say, not what anyone said)
        self.unnamed_sentence(verb, source, rule, evidence)

    def unnamed_sentence(self, cue: Token, source: str, rule: str, evidence: Span | None) -> None:
        """The sentence of ``cue`` as a claim whose source the article does not name (the rule that found the source
        unnamed, when it says one, else the cue's: ``rules.unnamed.Source``)."""
        rule = getattr(source, "rule", "") or rule
        s = sent(cue)
        if s.text.count(" | ") >= 2:
            return  # a row of links to other stories ('… | Senators call for 5G security coordinator | …')
        if s.text.rstrip().rstrip(" ”\"’'»)").endswith("?"):
            return  # ('Was it as bad as the sceptics thought?': a question asserts nothing)
        if s.start_char not in self._unnamed_starts:
            self._unnamed_starts.add(s.start_char)
            self.unnamed.append(UnnamedSource(s.text.strip(), cue.text.lower(), source, s.start_char, s.end_char, rule,
                                              evidence if evidence is not None else self.ctx.evidence(cue)))

    def drop_quotes_in(self, spans: list[tuple[int, int]]) -> None:
        """Quotes that start in one of ``spans`` are not this article's (a link to another story is its headline)."""
        for person in self.reg.people:
            person.quotes = [q for q in person.quotes if not any(a <= q.start < b for a, b in spans)]
