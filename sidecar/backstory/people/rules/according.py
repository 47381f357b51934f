"""'According to X', '…, per X' and 'in X's view': a sentence given to the source its preposition names."""

from __future__ import annotations

from spacy.tokens import Token

from ..attribution import Attribution
from ..declare import rule
from ..model import Quote
from ..syntax import VERBAL, sent
from ..words import OWN_ACCOUNT_NOUNS, SPEECH_VERBS, VIEW_NOUNS
from . import unnamed

ACCORDING_TO = rule(
    "according.according_to", "The sentence of 'according to X', given to X (or unnamed sourcing when X stands for "
    "people not named: 'according to officials').",
    fires_on=["The bridge will close in May, according to Ann Lee, the city engineer.",
              "The bridge will close in May, according to officials."],
    never_on=["The bridge will close in May, according to the plan."])
DOCUMENT = rule(
    "according.document", "The sentence of 'according to' a named person's statement, estimate or account ('according "
    "to a statement from Governor Ann Walsh', 'according to Ann Lee's estimate').",
    fires_on=["The bridge will cost ten million dollars, according to Ann Lee's estimate.",
              "The bridge will close in May, according to a statement from Governor Ann Walsh."],
    never_on=["The bridge will close in May, according to Ann Lee's lawyer."])
PER = rule(
    "according.per", "The sentence of '…, per X', given to X when X is a name and no one speaks in the sentence.",
    fires_on=["The bridge will close in May, per Ann Lee, the city engineer."],
    never_on=["The tickets cost ten dollars per person.",
              "“The bridge will close in May,” one engineer said, per Ann Lee."])
IN_THEIR_VIEW = rule(
    "according.in_their_view", "A sentence that opens 'in X's view (opinion, estimation)', given to X.",
    fires_on=["In Ann Lee's view, the plan will hurt the shops on the high street."],
    never_on=["In the council's view, the plan will hurt the shops on the high street."])
NEWS_REPORTS = rule(
    "according.news_reports", "'According to (local, news) reports': a claim whose source no one names.",
    fires_on=["The mayor will resign on Friday, according to local news reports."],
    never_on=["The mayor will resign on Friday, according to the report."])


def according_to_cue(a: Attribution, tok: Token, lemma: str, pronouns: bool) -> bool:
    doc = a.ctx.doc
    if lemma == "accord" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        according_to(a, tok, pronouns=pronouns)
        return True
    return False


def per_cue(a: Attribution, tok: Token, lemma: str, pronouns: bool) -> bool:
    if tok.lower_ == "per" and tok.dep_ == "prep" and not a.ctx.in_quote(tok.idx):
        according_to(a, tok, pronouns=pronouns, per=tok)  # ('…, per Ann Lee, the city treasurer.')
        return True
    return False


def in_their_view_cue(a: Attribution, tok: Token, lemma: str, pronouns: bool) -> bool:
    if tok.lower_ == "in" and tok.dep_ == "prep" and not pronouns and not a.ctx.in_quote(tok.idx):
        in_their_view(a, tok)  # ('In Ann Lee's view, the plan will hurt the shops.')
        return True
    return False


def according_to(a: Attribution, tok: Token, *, pronouns: bool, per: Token | None = None) -> None:
    """'according to X, …', or (given the preposition) '…, per X': X's claim; only 'according to' may
    name an unnamed source or a document ('per person' is a rate)."""
    to = per if per is not None else a.ctx.doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return
    s = sent(tok)
    obj = objs[0]
    rest = [t for t in s if not (tok.i <= t.i <= obj.right_edge.i)]
    if not rest:
        return
    lo = rest[0].idx
    text = s.text.strip()
    evidence = a.ctx.evidence(tok, obj)
    person = a.speakers.speaker(obj, pronouns=pronouns)
    if per is not None:
        # (not another's words it passes on: '“…,” one commenter said, per Feng.')
        if person is not None and obj.pos_ == "PROPN" \
                and not any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in s):
            a.ledger.record(person, Quote(text, per.lower_, "indirect", s.start_char, s.start_char + len(text), PER, evidence), obj)
        return
    rule_id = ACCORDING_TO
    if person is None and obj.pos_ == "NOUN":
        # 'according to a statement from Governor Ann Walsh': the person behind the document
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if (found := a.reg.person_at(pobj)) is not None:
                    person, obj, rule_id = found, pobj, DOCUMENT
        # 'according to Ann Lee's estimate': her own working-out
        if person is None and (obj.lemma_.lower() in OWN_ACCOUNT_NOUNS or obj.lower_ in OWN_ACCOUNT_NOUNS):
            for poss in (c for c in obj.children if c.dep_ == "poss"):
                if (found := a.reg.person_at(poss)) is not None:
                    person, obj, rule_id = found, poss, DOCUMENT
    if person is not None:
        a.ledger.record(person, Quote(text, "according to", "indirect", s.start_char, s.start_char + len(text), rule_id,
                                      evidence), obj)
    elif (source := unnamed.unnamed_subject(a, obj)) is not None and lo >= 0:
        a.ledger.add_unnamed(tok, source, ACCORDING_TO, evidence)
    elif obj.lemma_.lower() == "report" and obj.tag_ == "NNS" and not any(t.pos_ == "PROPN" or t.ent_type_ for t in obj.subtree) \
            and not any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in obj.children):
        # 'according to local news reports': no one in particular ('according to the report' is a document)
        a.ledger.unnamed_sentence(tok, "not named", NEWS_REPORTS, evidence)


def in_their_view(a: Attribution, tok: Token) -> None:
    """'In Ann Lee's view (opinion, estimation), …': her claim, the whole sentence."""
    obj = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in VIEW_NOUNS), None)
    poss = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
    person = a.reg.person_at(poss) if poss is not None else None
    if person is None:
        return
    s = sent(tok)
    text = s.text.strip()
    if not any(t.i > obj.i and t.pos_ in VERBAL for t in s):
        return  # ('She changed her mind, in Ann Lee's view' has no claim after it … nor does a heading)
    a.ledger.record(person, Quote(text, a.ctx.doc[tok.i : obj.i + 1].text, "indirect", s.start_char,
                                  s.start_char + len(text), IN_THEIR_VIEW, a.ctx.evidence(tok, obj)), poss)
