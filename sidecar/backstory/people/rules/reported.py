"""Reported speech: 'X said (that) …', 'X believes …', 'X voiced support for …' outside quotation marks;
and the walk over the article's words that tries, at each word, the cues of reported speech, 'according
to', beliefs and impersonal claims in their declared order (:data:`TOKEN_RULES`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ... import budget
from ..attribution import Attribution
from ..declare import rule
from ..model import Quote
from ..quotation import overlapping, trim_clause
from ..syntax import clause, has_person_role, in_reduced_relative, object_of, sent, subject
from ..words import (ASKING_VERBS, AUTHORED_WORKS, BELIEF_VERBS, CLAIM_WITHOUT_CLAUSE, CLAIMED_STANCES,
                     CONTENT_OBJECT_VERBS, CUE_VERBS, EVENT_NOUNS, HONORIFICS, IMPERSONAL_ADVERBS, INDEFINITE,
                     OBJECT_SPEECH_VERBS, PASSIVE_SOURCE_VERBS, PERSON_ROLE_NOUNS, PRONOUNS, REFLEXIVES, SPEECH_VERBS,
                     WORK_FINDING_VERBS, WRITTEN_WORDS)
from . import according, beliefs, documents, unnamed

CLAUSE = rule(
    "reported.clause", "The clause a verb of saying or believing reports, given to the verb's subject ('Ann Lee said "
    "that the talks would resume', 'experts believe that …').",
    fires_on=["Jane Whitfield, a spokesperson for the ministry, said that the talks would resume next week in Geneva.",
              "Some experts believe that the attack was a serious mistake.",
              "An Iowa Republican predicted that the governor would lose the caucus by a wide margin."],
    never_on=["Jane Whitfield did not say how many people had been hurt in the attack.",
              "Maitlis demanded how Andrew could be so sure of the date.",
              "Ann Lee responded then the same way that we must respond now: they lose, we win.",
              "Russia has exerted control over news coverage, in ways that help Mr. Lee maintain the image of the strong "
              "leader that Mr. Ray so admires.",
              "Voters want a leader who can stand up to the banks (think Elizabeth Warren, for example) and to the unions."])
OBJECT = rule(
    "reported.object", "What was said carried by the object of a verb like 'voice', 'express', 'call for' or 'announce' "
    "('Ann Lee voiced her support for the plan').",
    fires_on=["Senator Ann Lee expressed concern about the cost of the new bridge over the river."],
    never_on=["Senator Ann Lee called the police after the crash on the bridge.",
              "A White House spokesman said on Monday that Senator Ann Lee has long called for tax fairness for "
              "middle class families.",
              "The campaign expects the moderator to insert himself into the debate by calling out Donald Trump for his "
              "supposed “lies” during the event."])
PASSIVE_AGENT = rule(
    "reported.passive_agent", "The sentence of a passive verb of saying, given to the named people of its agent ('This "
    "was revealed by Minister of Health Kay Brathwaite', '…, as noted by dietitian Trista Best').",
    fires_on=["The plan for the new hospital was revealed by Health Minister Kay Brathwaite on Monday."],
    never_on=["The plan for the new hospital was revealed on Monday.",
              "The spokesman could not explain why the plan for the new hospital was mentioned by Kay Brathwaite in an "
              "interview with a magazine.",
              "The new hospital is powered by Dolby Atmos, as noted by Verywell Fit."])
PASSIVE_GROUP_AGENT = rule(
    "reported.passive_group_agent", "A passive verb of saying or blame whose agent is people not named ('is accused by "
    "critics of …'): unnamed sourcing.",
    fires_on=["The minister is accused by critics of failing to tackle the housing crisis."],
    never_on=["The minister is accused by Ann Lee of failing to tackle the housing crisis.",
              "The minister is not accused by critics of failing to tackle the housing crisis."])
CLOSING = re.compile(r"[.,!?]?[”\"]")  # (a quotation mark closing right after a clause, and its punctuation)
OPENS_BEFORE = re.compile(r"[“\"]$")  # (a quotation mark opening right before a clause)
QUESTION_WORDS = frozenset({"how", "whether", "why", "if", "when", "where"})  # (opening an indirect question)
QUOTED = re.compile(r"[“”\"]")  # (words in quotation marks: the speaker's own)

NO_CLAUSE = rule(
    "reported.claim_without_clause", "A verb that makes a claim without a reported clause, whose subject is people not "
    "named ('a spokesperson questioned the figure', 'the family denies any involvement').",
    fires_on=["A spokesperson for the company questioned the calculation."],
    never_on=["Jane Whitfield questioned the calculation.", "Someone questioned the calculation.",
              "Democrats on the committee questioned Jane Whitfield about her testimony."])


def walk(a: Attribution, *, pronouns: bool = False) -> None:
    """Try each word against :data:`TOKEN_RULES` in order; the first rule that claims the word ends its turn.
    A word none of the rules can act on (by its lemma, its lower-case form or its tag) is passed over."""
    for tok in a.ctx.doc:
        if not tok.i & 255:  # (every 256 words: a check costs more than most words)
            budget.check("people: reported speech")
        lemma = tok.lemma_.lower()
        if lemma not in _TRIGGER_LEMMAS and tok.lower_ not in _TRIGGER_WORDS and tok.tag_ not in _TRIGGER_TAGS:
            continue
        for token_rule in TOKEN_RULES:
            if token_rule.run(a, tok, lemma, pronouns):
                break


def reported_speech(a: Attribution, tok: Token, lemma: str, pronouns: bool) -> bool:
    """'X said (that) …', 'X believes …', 'X voiced support for …' outside quotation marks."""
    doc = a.ctx.doc
    if lemma not in CUE_VERBS and not (lemma in WORK_FINDING_VERBS and (s := subject(tok)) is not None
                                       and s.lemma_.lower() in AUTHORED_WORKS) \
            or tok.pos_ != "VERB" or a.ctx.in_quote(tok.idx):
        return False
    if any(c.dep_ == "neg" for c in tok.children):
        return False  # 'researchers don't say how many …' attributes nothing
    if lemma in BELIEF_VERBS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in REFLEXIVES:
        return False  # ('Trump finds himself mired in …', 'she felt herself slipping': no claim)
    said, by_object = _what_was_said(tok)
    subj = subject(tok)
    if subj is None or any(c.dep_ == "auxpass" for c in tok.children) and subj.head.i == tok.i:
        return False  # ('Smith was told that …': the one spoken to)
    if said is not None and said.i < tok.i and in_reduced_relative(subj):
        return False  # ('Morrison did reference …, a prospect Vindman denied': what he denied is the prospect)
    if said is None:
        _claim_without_clause(a, tok, subj)
        return False
    if subj.lower_ in PRONOUNS and a.speakers.inside_other_report(tok, subj):
        return False  # 'X said whether Trump agrees depends on whether he believes …': X's words, not his
    if lemma in ASKING_VERBS and said.left_edge.lower_ in QUESTION_WORDS | {"what", "who", "which"}:
        return False  # 'Maitlis repeatedly demanded how Andrew could be so sure …': a question, not a claim
    bounds = _claim_bounds(a, tok, said, by_object)
    if bounds is None:
        return False
    _attribute(a, tok, subj, said, *bounds, by_object=by_object, pronouns=pronouns)
    return False


def _what_was_said(tok: Token) -> tuple[Token | None, bool]:
    """The clause or object that carries what was said, and whether it is an object."""
    lemma = tok.lemma_.lower()
    by_object = lemma in OBJECT_SPEECH_VERBS
    said = object_of(tok) if by_object else clause(tok)
    if said is None and by_object:
        said, by_object = clause(tok), False  # 'Pence stressed on Thursday that …'
    if said is None and lemma in CONTENT_OBJECT_VERBS:
        said = object_of(tok)  # 'Trump announced his decision to pull out of …'
        by_object = said is not None
    return said, by_object


def _claim_without_clause(a: Attribution, tok: Token, subj: Token) -> None:
    """'A spokesperson for OpenAI questioned the calculation': no reported clause, but a claim the article
    leaves to someone it does not name."""
    lemma = tok.lemma_.lower()
    if lemma in CLAIM_WITHOUT_CLAUSE and a.reg.person_at(subj) is None and not a.ctx.in_quote(subj.idx) \
            and subj.lower_ not in INDEFINITE \
            and (lemma != "tell" or any(c.dep_ in {"dobj", "dative"} and c.pos_ == "PRON" for c in tok.children)) \
            and not (lemma == "question" and any(c.dep_ == "dobj" and _a_person(a, c) for c in tok.children)) \
            and (source := unnamed.unnamed_subject(a, subj)) is not None:
        a.ledger.add_unnamed(tok, source, NO_CLAUSE, a.ctx.evidence(subj, tok))


def _a_person(a: Attribution, tok: Token) -> bool:
    """Whether a word stands for a person: a name, 'him', 'her', 'them' ('Republicans questioned Morrison about …'
    asks a witness questions; 'questioned the figure' doubts a claim)."""
    return tok.ent_type_ == "PERSON" or a.reg.person_at(tok) is not None or tok.pos_ == "PRON" and tok.lower_ != "it"


def _claim_bounds(a: Attribution, tok: Token, said: Token, by_object: bool) -> tuple[int, int] | None:
    """The character range of what was said, or None when it is a question."""
    text, doc = a.ctx.text, a.ctx.doc
    lemma = tok.lemma_.lower()
    lo, hi = said.left_edge.idx, said.right_edge.idx + len(said.right_edge)
    if lemma == "ask" and "?" in text[hi:hi + 3] + text[hi - 1:hi]:
        return None  # ('Wootton asked her, “Did you get it from a tick?”': a question, not a claim)
    closing = CLOSING.match(text[hi:hi + 2])
    if closing and text[lo:hi].count("“") > text[lo:hi].count("”"):
        hi += closing.end()  # (the quotation the clause opens closes right after the parse's end)
    words = text[lo:hi]
    if OPENS_BEFORE.search(text[max(lo - 1, 0):lo]) and (words.count("”") > words.count("“") or words.count('"') % 2):
        lo -= 1  # (and one it closes opens right before the parse's start: 'saying "the virus" would …')
    opening = said.left_edge.i
    while opening < tok.i and doc[opening].is_punct:
        opening += 1  # ('(As X noted, …)')
    if lo <= tok.idx < hi and tok.left_edge.i <= opening:
        # the attribution opening the clause it reports ('As X noted at the time, …'): only the
        # words after it (one in the middle, 'The issue, Lee notes, matters …', stays in)
        comma = next((t for t in doc[tok.i + 1 : said.right_edge.i] if t.text == ","), None)
        lo = comma.idx + 1 if comma is not None else hi
    elif lo <= tok.idx < hi and tok.dep_ == "advcl" and tok.head.i == said.i and tok.i > said.i:
        hi = tok.left_edge.idx  # ('…, as X wrote recently.': the words before it)
    if by_object or said.dep_ == "prep":
        hi = _with_what_follows(a, tok, said, lo, hi, by_object)
    return lo, hi


def _with_what_follows(a: Attribution, tok: Token, said: Token, lo: int, hi: int, by_object: bool) -> int:
    """'attribute this rise to …', 'expressed excitement to be able to …': what follows the object belongs to
    the claim, as does an infinitive or a condition the parser hung on the verb ('called for X and Y to be
    afforded due process', 'warn against … unless absolutely necessary'); not when or why it was said ('after
    officials arrested …')."""
    text = a.ctx.text
    for after in tok.children:
        if after.i > said.i and (
                after.dep_ in {"xcomp", "oprd"} and by_object
                or after.dep_ == "prep" and by_object and after.lower_ in {"to", "for", "on", "about", "over", "as"}
                or after.dep_ == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" or c.dep_ == "mark" and c.lower_ in {"unless", "if"}
                    for c in after.children)):
            hi = max(hi, after.right_edge.idx + len(after.right_edge))
    if (closing := CLOSING.match(text[hi:hi + 2])) and (
            text[lo:hi].count("“") > text[lo:hi].count("”") or text[lo:hi].count('"') % 2):
        hi += closing.end()  # ('called the plan “a stunt,” …': the quotation the object ends with)
    return hi


def _attribute(a: Attribution, tok: Token, subj: Token, said: Token, lo: int, hi: int, *, by_object: bool,
               pronouns: bool) -> None:
    """Give what was said (``said``, at ``lo``..``hi``) to the subject of ``tok``, or record it as unnamed sourcing."""
    inner = [(s, e) for s, e in overlapping(a.ctx.quotes, lo, hi) if min(hi, e) - max(lo, s) > (hi - lo) / 2]
    if inner and any(a.ledger.spoken(s, e) for s, e in inner):
        return  # the clause is mostly a direct quote that direct_quotes has attributed
    if inner and not pronouns and any(e <= tok.idx for _, e in inner):
        return  # (one closed by this very attribution, '“…,” Sanborn said': the next pass's direct_quotes)
    # (a quote embedded in a reported clause with no cue of its own is attributed here:
    # 'X said in the release this case shows that … “make threats … them.”')
    if by_object and said.left_edge.i <= subj.i <= said.right_edge.i:
        return  # ('he … called Omar a “terrorist”': the one judged is not who judges)
    person = a.speakers.speaker(subj, pronouns=pronouns)
    if person is not None and not QUOTED.search(a.ctx.text, lo, hi) and a.speakers.reported_by_other(tok, subj, person):
        # ('Earnest said Obama has called for …': Earnest's claim, Obama's words only second-hand; unless they are
        # quoted, 'X said Hill had dubbed it "the Gordon problem"', which are Hill's own)
        return
    lo, text = trim_clause(a.ctx.text, lo, hi)
    evidence = a.ctx.evidence(subj, tok)
    rule_id = _rule_of(tok, subj, by_object)
    if person is not None and len(text.split()) >= 3:
        quote = Quote(text, tok.text.lower(), "indirect", lo, lo + len(text), rule_id, evidence)
        a.ledger.record(person, quote, subj)
        for other, named in a.speakers.co_speakers(subj, person):
            a.ledger.record(other, quote, named)
    elif person is None and subj.lower_ not in INDEFINITE \
            and (source := unnamed.unnamed_subject(a, subj) or unnamed.unnamed_they(a, subj)) is not None:
        a.ledger.add_unnamed(tok, source, rule_id, evidence)


def _rule_of(tok: Token, subj: Token, by_object: bool) -> str:
    """Which reported-speech rule an attribution is: a work's findings, a statement's words, an object, a clause."""
    if subj.lemma_.lower() in AUTHORED_WORKS:
        return documents.FINDINGS
    if subj.lemma_.lower() in WRITTEN_WORDS:
        return documents.STATEMENT
    return OBJECT if by_object else CLAUSE


def passive_agents(a: Attribution) -> None:
    """'This was revealed by Minister X, Dr Y and Dr Z': the named agents of a passive speech verb
    are the sources of the sentence; 'is accused by critics of …': people the article does not name."""
    for tok in a.ctx.doc:
        if not tok.i & 255:  # (every 256 words: a check costs more than most words)
            budget.check("people: passive agents")
        if _group_agent(a, tok):
            continue
        if tok.tag_ != "VBN" or tok.lemma_.lower() not in SPEECH_VERBS or a.ctx.in_quote(tok.idx):
            continue
        # 'was revealed by X', or '…, as noted by X'
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if not passive and not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            continue
        if any(c.i < tok.i and c.lower_ in QUESTION_WORDS and c.dep_ in {"advmod", "mark"} for c in tok.children):
            continue  # ('he could not explain why it was mentioned by Ivanka Trump': a question, no one's claim)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is None:
            # 'revealed in a press conference by X': the parser hangs 'by X' on the event noun
            agent = next((by for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "during"}
                          for event in prep.children if event.dep_ == "pobj" and event.lemma_.lower() in EVENT_NOUNS
                          for by in event.children if by.dep_ == "prep" and by.lower_ == "by"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is None:
            continue
        if not passive and not (
                has_person_role(pobj) or any(c.lower_.strip(".") in HONORIFICS for c in pobj.children)):
            continue  # '…, as noted by Verywell Fit': publications are cited that way too; a person has a title
        _named_agents(a, tok, pobj)


def _group_agent(a: Attribution, tok: Token) -> bool:
    """'Corbyn … is accused by critics of …': a passive verb of saying or blame whose agent is people not named."""
    if tok.tag_ == "VBN" and tok.lemma_.lower() in PASSIVE_SOURCE_VERBS and not a.ctx.in_quote(tok.idx) \
            and any(c.dep_ == "auxpass" for c in tok.children):
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and not any(c.dep_ == "neg" for c in [*tok.children, *agent.children]) \
                and (source := unnamed.unnamed_subject(a, pobj)) is not None:
            a.ledger.add_unnamed(tok, source, PASSIVE_GROUP_AGENT, a.ctx.evidence(tok, pobj))
            return True
    return False


def _named_agents(a: Attribution, tok: Token, pobj: Token) -> None:
    """The names in the agent phrase: its object, names joined to it, and a name the parser hung on a
    capitalised title before it ('Minister of Health Kay Brathwaite'); not 'the lawyer of X'."""
    heads = [t for t in pobj.subtree if t is pobj or t.pos_ == "PROPN" and (
        t.dep_ in {"conj", "appos"} or t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.is_title
        and t.head.head.lemma_.lower() in PERSON_ROLE_NOUNS)]
    s = _pointed_back_to(a, tok) or sent(tok)
    text = s.text.strip()
    evidence = a.ctx.evidence(tok, pobj)
    for head in heads:
        person = a.reg.person_at(head)
        if person is not None:
            a.ledger.record(person, Quote(text, tok.text.lower(), "indirect", s.start_char, s.start_char + len(text),
                                          PASSIVE_AGENT, evidence), head)


def _pointed_back_to(a: Attribution, verb: Token):
    """The sentence before, when the verb's subject is only 'this'/'that' pointing back to it
    ('… a vaccination bus. This was all revealed by …'); in the same paragraph or closing the one before."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    s = sent(verb)
    if subj is None or subj.lower_ not in {"this", "that", "these", "those", "it"} or s.start == 0:
        return None
    before = sent(a.ctx.doc[s.start - 1])
    return before if a.ctx.paragraph_of(s.start_char) - a.ctx.paragraph_of(before.start_char) <= 1 else None


@dataclass(frozen=True)
class TokenRule:
    """A rule the walk tries at each word, and the words it can act on at all: any other word it would pass
    over without doing anything (a lemma, a lower-case form or a tag is enough)."""

    run: Callable[[Attribution, Token, str, bool], bool]
    lemmas: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()


# What the walk tries at each word, in order (the first that claims the word ends its turn).
TOKEN_RULES: tuple[TokenRule, ...] = (
    # (both passes: 'the Queen is said to have …' never makes the Queen a source)
    TokenRule(unnamed.impersonal, lemmas=frozenset({"receive", "reach"}), words=IMPERSONAL_ADVERBS, tags=frozenset({"VBN"})),
    TokenRule(according.according_to_cue, lemmas=frozenset({"accord"})),
    TokenRule(according.per_cue, words=frozenset({"per"})),
    TokenRule(according.in_their_view_cue, words=frozenset({"in"})),
    TokenRule(beliefs.stance_claim_cue, words=CLAIMED_STANCES),
    TokenRule(beliefs.held_view_cue, lemmas=frozenset({"be"})),
    TokenRule(reported_speech, lemmas=CUE_VERBS | WORK_FINDING_VERBS),
)
_TRIGGER_LEMMAS = frozenset().union(*(r.lemmas for r in TOKEN_RULES))
_TRIGGER_WORDS = frozenset().union(*(r.words for r in TOKEN_RULES))
_TRIGGER_TAGS = frozenset().union(*(r.tags for r in TOKEN_RULES))
