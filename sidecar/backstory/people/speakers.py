"""Who a subject stands for: a name, a name's statement or work, a description with a name beside it,
'the mayor', 'he' or 'she'. The rules find the subject of a cue; this module says which person it is, if any."""

from __future__ import annotations

import math

from spacy.tokens import Token

from .context import Context
from .ledger import Ledger
from .model import Mention, Person
from .names import Registry, by_role, name_parts, title_gender
from .syntax import age_epithet, epithet, reporting_verbs, role_noun, sent, subject
from .words import ANSWER_VERBS, AUTHORED_WORKS, AUTHORING_VERBS, BELIEF_VERBS, CUE_VERBS, PRONOUNS, WRITTEN_WORDS


class Speakers:
    """Resolves subjects to people, with what the ledger has recorded so far."""

    def __init__(self, ctx: Context, registry: Registry, ledger: Ledger) -> None:
        self.ctx = ctx
        self.reg = registry
        self.ledger = ledger

    def speaker(self, tok: Token, *, pronouns: bool) -> Person | None:
        """The named person a subject token stands for; with ``pronouns``, 'he'/'she' and 'the minister'
        are resolved as well (:meth:`pronoun_referent`)."""
        person = self.reg.person_at(tok) or by_role(self.reg, tok)
        if person is None:
            person = self._owner(tok)
        if person is None and tok.pos_ in {"NOUN", "ADJ"}:
            # 'American academic and professor Marc Lamont Hill commented': the one name conjoined to
            # a subject that is a description
            named = {p.key: p for c in tok.conjuncts if (p := self.reg.person_at(c)) is not None}
            if len(named) == 1:
                return next(iter(named.values()))
        if person is None and role_noun(tok):
            found, done = self._described(tok, pronouns=pronouns)
            if done:
                return found
        if person is None and pronouns and tok.dep_ in {"nsubj", "nsubjpass"} and age_epithet(tok):
            # 'The 56-year-old said after his appointment: “…”': like 'he', the person just spoken of
            return self.pronoun_referent(tok, None)
        if person is not None or not pronouns or tok.lower_ not in PRONOUNS or tok.lower_ == "they":
            return person
        gender = "m" if tok.lower_ == "he" else "f"
        person = self.asked(tok) or self.pronoun_referent(tok, gender)
        # one person is not both 'he' and 'she' ('“…,” she remembered telling Harry, after he suggested …')
        if person is not None and self.ledger.genders.setdefault(person.key, gender) != gender:
            return None
        return person

    def _owner(self, tok: Token) -> Person | None:
        """The named owner of a statement or author of a work standing as the subject."""
        if tok.lemma_.lower() in WRITTEN_WORDS:
            # 'Cornyn's statement added, “…”': the statement's named owner
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and (found := self.reg.person_at(owner)) is not None:
                return found
        if tok.lemma_.lower() in AUTHORED_WORKS:
            # 'a report written by Ann Lee found …', 'research by Ann Lee shows …', "Ann Lee's study found …": the
            # work's named author (not 'a study of Ann Lee's patients', 'research by Ann Lee's team')
            for c in tok.children:
                by = c if c.dep_ == "prep" and c.lower_ in {"by", "from"} else next(
                    (g for g in c.children if g.dep_ == "agent"), None) if c.dep_ == "acl" and c.lemma_.lower() in AUTHORING_VERBS else None
                owner = c if c.dep_ == "poss" else next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                if owner is not None and (found := self.reg.person_at(owner)) is not None:
                    return found
        return None

    def _described(self, tok: Token, *, pronouns: bool) -> tuple[Person | None, bool]:
        """A role noun as subject: the name in apposition to it, or the one person the article gave that role;
        (person, True) when that settles who it is."""
        # 'The report's author, Dr. Ahmed Karimi, warned …': the name in apposition to the subject
        # (or called an organisation here: 'Sweden's deputy director …, Eva-Marie Persson, said')
        named = [p for c in tok.children if c.dep_ == "appos"
                 and (p := self.reg.person_at(c) or by_role(self.reg, c)) is not None]
        if len(named) == 1:
            return named[0], True
        # 'the mayor said': the one person the article has given that role; else, like a pronoun, the
        # person just spoken of ('Chris Grayling warned … Speaking in the Commons, the Conservative MP said')
        if epithet(tok):
            owners = self.reg.people_with_role(tok.lemma_.lower(), before=tok.idx)
            if owners or not pronouns or tok.dep_ not in {"nsubj", "nsubjpass"}:
                return (owners[0] if len(owners) == 1 else None), True  # (two mayors: nobody)
            if self._introduced_unnamed(tok):
                return None, True  # ('A senior official said … “…,” the official said.': still nobody named)
            return self.pronoun_referent(tok, None), True
        return None, False

    def _introduced_unnamed(self, tok: Token) -> bool:
        """Whether 'the official' takes up someone the article brought in without a name, in this paragraph or the one
        before: the same noun after 'a', 'an' or 'another' ('A senior administration official said …'), with no name
        beside it ('a State Department official, Ann Lee,' is Ann Lee)."""
        ctx = self.ctx
        para = ctx.paragraph_of(tok.idx)
        since = ctx.paragraphs[para - 1][0] if para >= 1 else 0
        lemma = tok.lemma_.lower()
        for t in ctx.doc[ctx.doc.char_span(since, since + 1, alignment_mode="expand").start if since else 0 : tok.i]:
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN" \
                    and any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in t.children) \
                    and not any(c.dep_ == "appos" or self.reg.person_at(c) is not None for c in t.children):
                return True
        return False

    def asked(self, tok: Token) -> Person | None:
        """'A reporter asked Montoya-Lewis, “…?” “…,” she replied': the one who answers is the person the
        sentence before asked, when one named person was asked there."""
        if tok.head.lemma_.lower() not in ANSWER_VERBS or tok.dep_ != "nsubj":
            return None
        s = sent(tok)
        if s.start == 0:
            return None
        before = sent(self.ctx.doc[s.start - 1])
        if self.ctx.paragraph_of(before.start_char) < self.ctx.paragraph_of(tok.idx) - 1:
            return None
        asked = {p.key: p for t in before if t.lemma_.lower() == "ask" and t.pos_ == "VERB"
                 for c in t.children if c.dep_ in {"dobj", "dative"} and (p := self.reg.person_at(c)) is not None}
        return next(iter(asked.values())) if len(asked) == 1 else None

    def pronoun_referent(self, tok: Token, gender: str | None) -> Person | None:
        """Whom 'he'/'she' (``gender`` 'm'/'f') or 'the minister' (``gender`` None) at ``tok`` stands for:
        the person brought in as a subject in this paragraph since the last speaker's words, else that
        speaker (this or the previous paragraph), else the only person named there as a subject."""
        ctx = self.ctx
        para = ctx.paragraph_of(tok.idx)
        since_start = ctx.paragraphs[para - 1][0] if para >= 1 else -math.inf  # (this or the previous paragraph)
        window = [(pos, p) for pos, p in self.ledger.spoken(since_start, tok.idx) if para - ctx.paragraph_of(pos) <= 1]
        last = max(window, key=lambda wp: wp[0]) if window else None
        since = self._subjects_since(tok, para, last[0] if last else -1)
        if since:
            # the latest of them, named in full or by surname; nobody when that is a bare one-word name
            # (too often not a person) or a title of the other gender
            _, person, mention = since[-1]
            if person is None:
                return None
            full = len(person.name.split()) >= 2 and (len(mention.text.split()) >= 2
                                                      or mention.text.casefold() == name_parts(person.name)[1])
            # (a one-word name that has already spoken is a person: '“…,” Meghan said. … she remembered')
            full = full or len(person.name.split()) == 1 and any(sp is person for _, sp in self.ledger.speakers)
            if all(self._agrees(m, gender) for m in person.mentions) and (
                    full or gender is not None and title_gender(ctx.text, mention.start) == gender):
                return person
            return None  # (a bare first or middle name, 'Dion' for René-Charles Dion Angélil, is too weak)
        if last:
            return last[1]
        return self._only_subject_nearby(tok, gender, para)

    def _agrees(self, mention: Mention, gender: str | None) -> bool:
        return gender is None or title_gender(self.ctx.text, mention.start) in {None, gender}

    def _subjects_since(self, tok: Token, para: int, after: int) -> list[tuple[int, Person | None, Mention]]:
        """People brought in as a subject in this paragraph after offset ``after`` and before ``tok``, in order."""
        ctx = self.ctx
        # a person brought in as a subject in this paragraph after the last speaker's words is the one
        # 'she' stands for ('Leesa Eichberger spoke to Ad Age about Alley. “…,” she said.')
        lo = max(after + 1, ctx.paragraphs[para][0] if para >= 0 else 0)  # (only this paragraph's count)
        since = [(m.start, p, m) for p, m in self.reg.mentions_between(lo, tok.idx)
                 if after < m.start < tok.idx and ctx.paragraph_of(m.start) == para
                 and not ctx.in_quote(m.start) and self.is_subject(m) and not self.in_reported_clause(m)
                 and not self.reported_speaker(m)]
        # (a proper noun as subject that is nobody's mention, 'And Dion seemed to …' where the model
        # missed the name, stands in the way too)
        start = ctx.paragraphs[para][0] if para >= 0 else 0
        span = ctx.doc.char_span(max(start, after + 1), tok.idx, alignment_mode="contract") if tok.idx > start else None
        # (unless it is the name of someone known by that one word: 'And Dion seemed …', 'Dion' tagged elsewhere)
        since += [(t.idx, self.reg.known_by(t.text), Mention(t.text, t.idx, t.idx + len(t.text))) for t in (span or ())
                  if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" and t.ent_type_ in {"", "PERSON"}
                  and self.reg.person_at(t) is None and not ctx.in_quote(t.idx)]
        since.sort(key=lambda c: c[0])
        return since

    def _only_subject_nearby(self, tok: Token, gender: str | None, para: int) -> Person | None:
        """The one person named as a subject in this or the previous paragraph, before ``tok``."""
        # (not for a pronoun inside what someone else recalls: 'The staff member … recalled that he said, “…”'
        # speaks of a caller the article named by pronoun only, not of the congresswoman named before)
        if any(a.lemma_.lower() in CUE_VERBS and a.pos_ == "VERB" and a is not tok.head
               and any(c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in a.children) for a in tok.head.ancestors):
            return None
        ctx = self.ctx
        # a full name, or a surname with a title that agrees with the pronoun ('Mr Anderson' … 'He told')
        # (mentions in the paragraph before or later: the paragraphs before it cannot qualify)
        lo = ctx.paragraphs[para - 1][0] if para >= 1 else -math.inf
        nearby = sorted(self.reg.mentions_between(lo, tok.idx), key=lambda pm: self.reg.order_of(pm[0]))
        named = {p.key: p for p, m in nearby
                 if (len(p.name.split()) >= 2 or gender is not None and title_gender(ctx.text, m.start) == gender)
                 and m.start < tok.idx and para - ctx.paragraph_of(m.start) <= 1 and self.is_subject(m)
                 and not ctx.in_quote(m.start)  # (not a name in the quoted words: '“… they thought Obama saying …,” she said')
                 # (nor described in a relative clause, '… the way Sen. Bernie Sanders had'; one who speaks there may
                 # still be 'she': '… in December, when Hillary Clinton called him “…” She also said …')
                 and not (self.in_reported_clause(m) and not self._speaks(m))}
        named = {k: p for k, p in named.items() if all(self._agrees(m, gender) for m in p.mentions)}
        # (a person named nearby only as an object is not enough: the pronoun often points to someone
        # the model did not tag, 'Prince Andrew … Epstein … he said')
        return next(iter(named.values())) if len(named) == 1 else None

    def co_speakers(self, subj: Token, person: Person) -> list[tuple[Person, Token]]:
        """The other named people of a joint subject ('Volker and Morrison said …'), with their tokens."""
        found = []
        for tok in subj.conjuncts:
            other = self.reg.person_at(tok)
            if other is not None and other is not person and other not in (p for p, _ in found):
                found.append((other, tok))
        return found

    def is_subject(self, mention: Mention) -> bool:
        """Whether a mention is the subject of its clause (a pronoun rarely points back to an object)."""
        span = self.ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root  # (or the name in apposition to the subject: 'the former chief, Leesa Eichberger, spoke')
        if root.dep_ in {"nsubj", "nsubjpass"} or root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"}:
            return True
        # the one a speech verb is by ('as noted by registered dietitian Trista Best. “…,” she told …')
        by = root.head
        return root.dep_ == "pobj" and by.dep_ == "agent" and by.head.lemma_.lower() in CUE_VERBS

    def in_reported_clause(self, mention: Mention) -> bool:
        """Whether a subject stands inside a relative clause or a question another subject's verb asks
        ('Figgins declined to address whether Thomas slept on the night Epstein died.': neither Thomas nor
        Epstein is the 'he' of the 'he said' that follows; a 'that' clause may well hold it: 'It turned out
        that Dion had not loved …')."""
        span = self.ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        verb = span.root.head
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        if verb.dep_ in {"relcl", "acl"}:
            return True  # ('… on the night Epstein died.')
        return verb.dep_ in {"ccomp", "xcomp", "advcl", "pcomp"} and any(
            c.lower_ in {"whether", "if"} and c.dep_ == "mark" for c in verb.children)

    def _speaks(self, mention: Mention) -> bool:
        """Whether a mention is the subject of a verb of saying or believing."""
        span = self.ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.head.lemma_.lower() in CUE_VERBS and span.root.head.pos_ == "VERB"

    def reported_speaker(self, mention: Mention) -> bool:
        """Whether a subject speaks only inside someone else's report ('Earnest said Obama has called for …'): as
        no speaker of the article's own, they are not the 'he' of the 'He said …' that follows (Earnest is)."""
        span = self.ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        verb = span.root.head
        return verb.lemma_.lower() in CUE_VERBS - BELIEF_VERBS and verb.pos_ == "VERB" and any(
            (other := subject(outer)) is not None and other.i != span.root.i for outer in reporting_verbs(verb))

    def named_in_apposition(self, subj: Token) -> bool:
        """'Another diplomat, former special envoy to Ukraine Kurt Volker, …': the apposition names the one meant,
        though the model called the name an organisation there (the article shows elsewhere it is a person's)."""
        return any((p := self.reg.person_at(t)) is not None and len(p.name.split()) >= 2
                   for c in subj.children if c.dep_ == "appos" for t in c.subtree)

    def inside_other_report(self, verb: Token, subj: Token) -> bool:
        """Whether a verb with a pronoun subject sits in what someone else is reported to say, with
        another person named in between ('Scissors said whether Trump will agree depends on whether
        he believes …'); not 'he said, adding …' or 'he said he expressed …'."""
        for a in verb.ancestors:
            if a.lemma_.lower() not in CUE_VERBS or a.pos_ != "VERB" or subj.head is a:
                continue
            if any(t.ent_type_ == "PERSON" or self.reg.person_at(t) is not None for t in self.ctx.doc[a.i + 1 : verb.i]
                   if t.i != subj.i):
                return True
        return False

    def reported_by_other(self, verb: Token, subj: Token, person: Person) -> bool:
        """Whether ``person``, the subject ``subj`` of a verb of saying or believing, is only reported second-hand: the
        verb sits in what someone else is said to say or think ('Earnest said Obama has called for …', 'Clinton had
        told police …, the source added'). Not when the one reporting is the same person ('X said he told Y …',
        'X said, adding that …'), nor for a belief, which is only ever known as someone reports it ('His press
        secretary told the Times that Carter believes …' gives Carter's view)."""
        if verb.lemma_.lower() in BELIEF_VERBS:
            return False
        for outer in reporting_verbs(verb):
            other = subject(outer)
            if other is None or other.i == subj.i:
                continue  # (a subject both verbs share: 'X said, adding that …')
            same = self.reg.person_at(other)
            if same is not None and same.key == person.key \
                    or other.lower_ in PRONOUNS and other.lower_ == subj.lower_:  # ('he said he told …')
                continue
            return True
        return False
