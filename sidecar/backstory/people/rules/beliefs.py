"""Beliefs held rather than said: 'X is convinced (confident, sure) that …', 'X is of the view that …'."""

from __future__ import annotations

from spacy.tokens import Token

from ..attribution import Attribution
from ..declare import rule
from ..model import Person, Quote, Span
from ..quotation import trim_clause
from ..syntax import VERBAL, held_view
from ..words import CLAIMED_STANCES, STANCE_COPULAS
from . import unnamed

STANCE_CLAIM = rule(
    "beliefs.stance_claim", "'X is convinced (confident, sure) that …': a belief with the clause it holds; not a mood "
    "('X is confident') nor what X could be sure of.",
    fires_on=["Ann Lee is convinced that the shops on the high street will close."],
    never_on=["Ann Lee is not convinced that the shops on the high street will close.",
              "Ann Lee is confident and happy with the plan for the high street."])
HELD_VIEW = rule(
    "beliefs.held_view", "'X is of the view (opinion, belief) that …': X's belief with its clause, or unnamed sourcing "
    "when X stands for people not named ('Experts are of the view that …').",
    fires_on=["Ann Lee is of the view that the shops on the high street will close.",
              "Experts and brokerages are of the view that rates will fall next year."],
    never_on=["Ann Lee is not of the view that the shops on the high street will close."])


def stance_claim_cue(a: Attribution, tok: Token, lemma: str, pronouns: bool) -> bool:
    if tok.lower_ in CLAIMED_STANCES and tok.dep_ == "acomp" and not a.ctx.in_quote(tok.idx):
        stance_claim(a, tok, pronouns=pronouns)  # ('Ann Lee is convinced that the shops will close.')
        return True
    return False


def held_view_cue(a: Attribution, tok: Token, lemma: str, pronouns: bool) -> bool:
    if lemma == "be" and (view := held_view(tok)) is not None and not a.ctx.in_quote(tok.idx):
        of_the_view(a, tok, *view, pronouns=pronouns)  # ('Analysts are of the view that rates will fall.')
        return True
    return False


def of_the_view(a: Attribution, verb: Token, noun: Token, clause: Token, *, pronouns: bool) -> None:
    """'X is of the view (opinion, belief) that …': X's belief, with the clause it holds; or, when X stands for
    people the article does not name ('Experts and brokerages are of the view that …'), unnamed sourcing."""
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return  # (not a view someone 'may be of')
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return
    evidence = a.ctx.evidence(subj, noun)
    person = a.speakers.speaker(subj, pronouns=pronouns)
    if person is not None:
        belief(a, person, subj, clause, a.ctx.doc[noun.head.i : noun.i + 1].text.lower(), HELD_VIEW, evidence)
    elif not pronouns and a.reg.person_at(subj) is None and (source := unnamed.unnamed_subject(a, subj)) is not None:
        a.ledger.add_unnamed(verb, source, HELD_VIEW, evidence)


def stance_claim(a: Attribution, adj: Token, *, pronouns: bool) -> None:
    """'X is convinced (confident, sure) that …': a belief, with the clause it holds; not a mood ('X is
    confident', 'X is sure of it')."""
    verb = adj.head
    if verb.lemma_.lower() not in STANCE_COPULAS or any(
            c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in (*adj.children, *verb.children)):
        return  # (nor what someone 'could be' sure of: a supposition)
    clause = next((c for c in adj.children if c.dep_ == "ccomp" and c.pos_ in VERBAL
                   and c.left_edge.tag_ not in {"WDT", "WP", "WRB"} and c.left_edge.lower_ not in {"whether", "if"}), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if clause is None or subj is None:
        return
    person = a.speakers.speaker(subj, pronouns=pronouns)
    if person is not None:
        belief(a, person, subj, clause, adj.text.lower(), STANCE_CLAIM, a.ctx.evidence(subj, adj))


def belief(a: Attribution, person: Person, subj: Token, clause: Token, cue: str, rule_id: str, evidence: Span | None) -> None:
    """Record the clause a held belief states as the person's words ('… is convinced that the shops will close')."""
    lo, text = trim_clause(a.ctx.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
    if len(text.split()) >= 3 and not a.ctx.in_quote(lo):
        a.ledger.record(person, Quote(text, cue, "indirect", lo, lo + len(text), rule_id, evidence), subj)
