"""Unnamed sourcing: claims the article leaves to people it does not name ('some experts believe …',
'officials said …') or to no one at all ('reportedly', 'it is believed that …'), and stances of groups
reported without a verb of saying. Also :func:`unnamed_subject`, which the other families ask whether
a subject stands for people the article does not name."""

from __future__ import annotations

from spacy.tokens import Token

from ... import budget, lexicon
from ..attribution import Attribution
from ..declare import rule
from ..syntax import sent, subject
from ..words import (AUTHORITY_NOUNS, COMPLAINT_NOUNS, COMPLAINT_VERBS, FINDER_HEADS, FINDING_VERBS, GENERIC_PEOPLE,
                     GROUP_MEMBER_DETERMINERS, GROUP_STANCE_COPULAS, IMPERSONAL_ADVERBS, IMPERSONAL_VERBS, INDEFINITE, LEAVING_VERBS,
                     PERCEPTION_VERBS, PERSONAL_POSSESSIVES, REACHING_NOUNS, STANCE_WORDS, UNNAMED_HEADS,
                     PERSON_ROLE_NOUNS, UNNAMED_PRONOUNS, WISH_VERBS)

UNNAMED_ROLE_NOUNS = PERSON_ROLE_NOUNS | lexicon.words("unnamed_people_nouns")
UNNAMED_ROLE_DETERMINERS = lexicon.words("unnamed_role_determiners")

IMPERSONAL_ADVERB = rule(
    "unnamed.impersonal_adverb", "An adverb that leaves a claim to no one ('The minister reportedly resigned').",
    fires_on=["The minister reportedly resigned on Friday after the vote."],
    never_on=["The minister allegedly took the money from the fund."])
IMPERSONAL_PASSIVE = rule(
    "unnamed.impersonal_passive", "A verb of saying or believing in the passive with no agent ('it is believed that …', "
    "'is said to have …').",
    fires_on=["It is believed that the minister resigned on Friday.", "The minister is said to have resigned on Friday."],
    never_on=["The minister was told by the police that the case was closed."])
SEEN_AS = rule(
    "unnamed.seen_as", "'is widely seen (viewed, regarded) as …' with no one seeing it: a judgement of nobody named.",
    fires_on=["The shift was widely seen as an attempt to win back voters in the north."],
    never_on=["The shift was seen by the committee as an attempt to win back voters in the north."])
REPORTS_RECEIVED = rule(
    "unnamed.reports_received", "'has received reports that …', 'Information reaching X is that …': reports from nobody "
    "named.",
    fires_on=["The newspaper has received reports that the minister will resign."],
    never_on=["The newspaper has received reports from the ministry about the budget."])
HAS_LEARNED = rule(
    "unnamed.has_learned", "'The Guardian has learned that …', '…, we have learnt': an outlet's sources left unnamed.",
    fires_on=["The Guardian has learned that the minister will resign on Friday."],
    never_on=["Ann Lee has learned to sail in the summer."])
STANCE = rule(
    "unnamed.stance", "A view of people not named, said with an adjective of stance ('residents are very concerned about "
    "…', '… left some energy experts bewildered').",
    fires_on=["Many residents are very concerned about the new road through the park."],
    never_on=["Ann Lee is very concerned about the new road through the park."])
WISH = rule(
    "unnamed.wish", "What people not named want or oppose ('environmentalists want the plants to remain closed').",
    fires_on=["Environmentalists want the coal plants to remain closed for good."],
    never_on=["Ann Lee wants the coal plants to remain closed for good."])
COMPLAINT = rule(
    "unnamed.complaint", "People not named who file complaints or raise objections ('some 500 residents filed complaints "
    "against the name changes').",
    fires_on=["Some 500 local residents filed complaints against the new names of the streets."],
    never_on=["Ann Lee filed complaints against the new names of the streets."])
FINDING = rule(
    "unnamed.finding", "What researchers not named report finding ('researchers have spotted a new trojan', '… "
    "discovered that …').",
    fires_on=["Researchers have spotted a new trojan that steals passwords from phones.",
              "Researchers discovered that the trojan steals passwords from phones."],
    never_on=["Engineers have spotted a new trojan that steals passwords from phones."])
ROLE_GROUP = rule(
    "unnamed.role_group", "People the article calls only by a role, several of them or one of a kind ('European leaders "
    "warned …', 'a former party chairman says …'); not 'the chairman', who may be someone named before.",
    fires_on=["European leaders warned that the bloc could fall apart within a year.",
              "A former party chairman says the president should call an early election."],
    never_on=["The party chairman says the president should call an early election.",
              "A former party chairman, Ann Lee, says the president should call an early election."])


OF_SOMEONE = rule(
    "unnamed.of_someone", "People left unnamed who belong to someone named ('an aide to Jane Doe said', \"Morrison's "
    "lawyer said\"): unnamed sourcing, not the one named (an organisation's people stay the organisation's).",
    fires_on=["An aide to Jane Doe said the senator would not run again next year.",
              "Jane Doe's lawyer said the question was outside the scope of her testimony."],
    never_on=["Critics, including Jane Doe, said the senator would not run again next year.",
              "Jane Doe's lawyer, Ann Lee, said the question was outside the scope of the testimony."])
EXAMPLE_PREPOSITIONS = lexicon.words("example_prepositions")


THEY = rule(
    "unnamed.they", "'They …' right after a sentence whose subject is people the article does not name ('Researchers "
    "built a model. They discovered that …'), or a 'they' that stands for them.",
    fires_on=["Some energy experts were bewildered by the plan. They said the grid could not carry the load.",
              "The researchers built a model of the early universe. They discovered that disk galaxies formed early. "
              "When they compared it to real observations, they found that the model matched reality."],
    never_on=["Ann Lee and Tom Hart were bewildered by the plan. They said the grid could not carry the load.",
              "Some energy experts were bewildered by the plan.\n\nThey said the grid could not carry the load."])


ACCUSED = rule(
    "unnamed.accused", "An accusation in the passive with no accuser ('X has been accused of …', 'X was blamed for …'): "
    "a charge laid by people not named.",
    fires_on=["Russia and the Syrian government have been accused of blocking the delivery of aid to the camp."],
    never_on=["Russia has been accused by Ann Lee of blocking the delivery of aid to the camp.",
              "Ann Lee accused Russia of blocking the delivery of aid to the camp."])
ACCUSATION_VERBS = lexicon.words("accusation_verbs")


BY_ACCOUNTS = rule(
    "unnamed.by_accounts", "'By most (all, some) accounts, …': a claim resting on accounts of people not named.",
    fires_on=["By most accounts, the law worked better than its critics had feared."],
    never_on=["By his own account, the law worked better than its critics had feared.",
              "She paid by card from one of her accounts at the bank."])
REPORTS_THAT = rule(
    "unnamed.reports_that", "'… amid reports (rumours) that …': reports from no one named, with the claim they carry; "
    "not a named outlet's or person's reports.",
    fires_on=["The film was greenlit in 2016, with reports that the actor would return to the franchise."],
    never_on=["The film was greenlit in 2016, after Ann Lee's reports that the actor would return to the franchise.",
              "The film was greenlit in 2016, and the studio filed its reports on the budget."])
ACCOUNT_DETERMINERS = lexicon.words("account_determiners")
REPORT_NOUNS = lexicon.words("unsourced_report_nouns")


ESTIMATED = rule(
    "unnamed.estimated", "An estimate or a portrayal in the passive with no one making it ('is estimated at …', 'what "
    "has been portrayed as …'): a judgement of people not named; not a forecast ('is expected to …'), most often the "
    "writer's own account of a schedule.",
    fires_on=["The population of the camp is estimated at around 40,000.",
              "He denied taking part in what has been portrayed as an irregular channel of policy."],
    never_on=["The population of the camp is estimated by the United Nations at around 40,000.",
              "The court is expected to take key decisions on the two cases in the coming weeks.",
              "Ann Lee was expected at the meeting on Friday."])
PORTRAYAL_VERBS = lexicon.words("portrayal_verbs")
ESTIMATE_VERBS = lexicon.words("estimate_verbs")


ANONYMOUS = rule(
    "unnamed.anonymous", "People whose namelessness is part of what they are ('the whistleblower said', 'an informant "
    "told police'), with any determiner; not 'the patient' of a case report, the one person the story is about.",
    fires_on=["The whistleblower said that the call had alarmed several officials.",
              "The informant told the police that the shipment would arrive on Friday."],
    never_on=["The whistleblower, Ann Lee, said that the call had alarmed several officials.",
              "“It doesn't affect me at all now,” the patient wrote in the case report."])
ANONYMOUS_NOUNS = lexicon.words("anonymous_people_nouns")


ONE_OF = rule(
    "unnamed.one_of", "One (two, several) of a group of people not named ('one of Mr. Obama's climate advisers pointed "
    "out', 'two of the officials said'); not when the one is named beside it.",
    fires_on=["One of Ann Lee's climate advisers said that Hawaii rarely gets two hurricanes in a row.",
              "Two of the officials said that the talks would resume next week."],
    never_on=["One of the family's attorneys, Justin Bamberg, said that the videos showed a calm man.",
              "One of the two men said that the talks would resume next week."])
SHARE_WORDS = lexicon.words("share_words")


EXPECTATION = rule(
    "unnamed.expectation", "What people not named expect, said with what they expect ('analysts were expecting $2.52 a "
    "share'); not what they hope to do ('residents expect to return').",
    fires_on=["Wall Street analysts surveyed by the firm were expecting $2.52 a share on revenue of $27.5 billion."],
    never_on=["Ann Lee was expecting $2.52 a share on revenue of $27.5 billion.",
              "Residents expect to return to their homes by the end of the week."])


class Source(str):
    """Who a subject stands for ('some experts'), and the rule that found them unnamed when it is not the cue's own."""

    rule: str = ""


def _found_by(text: str, rule_id: str) -> Source:
    found = Source(text)
    found.rule = rule_id
    return found


def unnamed_subject(a: Attribution, subj: Token) -> str | None:
    """'Some experts' when the subject stands for people the article does not name."""
    if subj.lower_ in SHARE_WORDS and subj.pos_ in {"NUM", "PRON"}:
        return _one_of(a, subj)
    if subj.lower_ in {"who", "that"} and subj.head.dep_ == "relcl" and subj.head.head.pos_ == "NOUN":
        # ('activist tech workers who have demanded …'; 'rare was the person who questioned …' says who
        # did not; nor does a class of people something is for: 'a new option for users who want …')
        wish = any(v.lemma_.lower() in WISH_VERBS for v in (subj.head, *subj.head.conjuncts))
        subj = subj.head.head
        if subj.lemma_.lower() in GENERIC_PEOPLE or wish and subj.dep_ == "pobj":
            return None
        if subj.dep_ == "appos" and (subj.head.ent_type_ == "PERSON" or a.reg.person_at(subj.head) is not None):
            return None  # ('X, a São Paulo resident who tweeted about the smoke, said': X's words)
    member = _member_of_group(subj)
    role = not _group(subj) and _role_group(subj)
    anonymous = not _group(subj) and subj.pos_ == "NOUN" and subj.lemma_.lower() in ANONYMOUS_NOUNS
    if member and subj.dep_ == "appos":
        return None  # ('Mr. Guerrero, a Republican who described himself as …': what the one named is)
    if not (_group(subj) or member or role or anonymous) and not (
            subj.pos_ == "NOUN" and subj.lemma_.lower() not in AUTHORITY_NOUNS
            and any(_group(c) and c.pos_ == "NOUN" for c in subj.conjuncts)):
        return None  # (or one of a pair, 'Businesses and residents … say'; not 'state police and officials')
    if subj.pos_ == "PROPN" and subj.ent_type_ and not member:
        return None  # ('the feds announced' is tagged a proper noun, but not a name)
    if subj.pos_ in {"PRON", "DET", "ADJ"} and subj.lower_ not in UNNAMED_PRONOUNS:
        return None
    # ('an aide to Jane Doe', "Morrison's lawyer": people of someone's, left unnamed, and
    # not that someone; but not when the name is what the subject stands for: 'critics, including Jane Doe, say',
    # 'Another diplomat, former envoy Kurt Volker, said')
    if a.speakers.named_in_apposition(subj) or any(
            c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPOSITIONS and any(_named(a, t) for t in c.subtree)
            for c in subj.children):
        return None
    clauses = {t.i for c in subj.children if c.dep_ in {"relcl", "acl"} for t in c.subtree}
    of_someone = any(_named(a, t) and t.i not in clauses for t in subj.subtree)
    if not of_someone and any(c.dep_ == "poss" and c.lower_ not in PERSONAL_POSSESSIVES for c in subj.children):
        return None  # (an organisation's people are the organisation's: 'the ministry's researchers say')
    # the group without the clause that says what it did ('community members who spoke at the meeting')
    # ('critics of failing to tackle …': the parser hangs what they accuse someone of on the critics)
    sub = [t for c in subj.children if c.dep_ not in {"relcl", "acl"}
           and not (c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)) for t in c.subtree] + [subj]
    text = a.ctx.doc[min(t.i for t in sub) : max(t.i for t in sub) + 1].text
    rule_id = ROLE_GROUP if role else ANONYMOUS if anonymous else OF_SOMEONE if of_someone else None
    return _found_by(text, rule_id) if rule_id else text


def _one_of(a: Attribution, subj: Token) -> str | None:
    """'one of Mr. Obama's climate advisers': the share of a group of people not named, unless a name is set beside it
    ('One of the family's attorneys, Justin Bamberg, said')."""
    group = next((o for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"), None)
    if group is None or group.pos_ != "NOUN" or a.speakers.named_in_apposition(subj) \
            or any(c.dep_ == "appos" for c in subj.children) or unnamed_subject(a, group) is None:
        return None
    return _found_by(a.ctx.doc[subj.i : group.i + 1].text, ONE_OF)


def _named(a: Attribution, tok: Token) -> bool:
    """A word of a name ('Jane Doe'; a one-word name the model may have mistaken, 'OpenAI', is none)."""
    return tok.ent_type_ == "PERSON" and ((p := a.reg.person_at(tok)) is None or len(p.name.split()) >= 2)


def _group(tok: Token) -> bool:
    """A word for a group of people (the model's lemma of 'Others' is 'other'; 'Many in Hong Kong fear …' is an
    adjective)."""
    return tok.pos_ in {"NOUN", "PRON", "DET", "ADJ", "PROPN"} and (
        tok.lemma_.lower() in UNNAMED_HEADS or tok.lower_ in UNNAMED_HEADS)


def _role_group(tok: Token) -> bool:
    """'European leaders', 'a former party chairman', 'two speechwriters': people called only by a role, in a form
    that says they are not named (plural, or one of a kind: 'a', 'another', 'some', a number); not 'the chairman'."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in UNNAMED_ROLE_NOUNS or tok.lemma_.lower() in AUTHORITY_NOUNS:
        return False
    return tok.tag_ == "NNS" or any(c.dep_ in {"det", "amod", "nummod"} and c.lower_ in UNNAMED_ROLE_DETERMINERS
                                    or c.dep_ == "nummod" and c.like_num for c in tok.children)


def _member_of_group(tok: Token) -> bool:
    """'Republicans', 'many Democrats', 'Conservatives', 'an Iowa Republican': people the article calls only by the
    party, nation or faith they belong to (the model's NORP entities), several of them or one ('a', 'another'); a
    proper noun only (the model also calls common nouns NORP: 'Clinicians gain visibility …')."""
    if tok.ent_type_ != "NORP" or tok.pos_ != "PROPN":
        return False
    return tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "det" and c.lower_ in GROUP_MEMBER_DETERMINERS
                                                for c in tok.children)


def unnamed_they(a: Attribution, subj: Token) -> str | None:
    """'They said …' right after a sentence whose subject is people the article does not name
    ('… left some of the state’s energy experts bewildered. They said …'), or is such a 'they' itself."""
    group = _they_group(a, subj)
    source = unnamed_subject(a, group) if group is not None else None
    return _found_by(source, THEY) if source is not None else None


def _they_group(a: Attribution, subj: Token, depth: int = 0) -> Token | None:
    """The group a 'they' stands for: the last subject or object of the sentence before (same paragraph) that is
    people the article does not name, or a 'they' that stands for such a group, two sentences back at most."""
    if subj.lower_ != "they":
        return None
    s = sent(subj)
    if s.start == 0:
        return None
    before = sent(a.ctx.doc[s.start - 1])
    if a.ctx.paragraph_of(before.start_char) != a.ctx.paragraph_of(s.start_char):
        return None
    groups = [g for t in before if t.dep_ in {"nsubj", "nsubjpass", "dobj"}
              and (g := t if unnamed_subject(a, t) else _they_group(a, t, depth + 1) if depth < 1 else None) is not None]
    return groups[-1] if groups else None


def impersonal(a: Attribution, tok: Token, lemma: str, pronouns: bool = False) -> bool:
    """'reportedly', 'it is believed that …', 'is alleged to have': a claim with no source at all."""
    if a.ctx.in_quote(tok.idx):
        return False
    rule_id = _impersonal_rule(a, tok, lemma)
    if rule_id is None:
        return False
    a.ledger.unnamed_sentence(tok, "not named", rule_id, a.ctx.evidence(tok))
    return True


def _impersonal_rule(a: Attribution, tok: Token, lemma: str) -> str | None:
    """Which impersonal cue ``tok`` (whose lemma, lower-cased, is ``lemma``) is, if any."""
    if tok.lower_ in IMPERSONAL_ADVERBS:
        return IMPERSONAL_ADVERB
    if tok.tag_ == "VBN" and lemma in IMPERSONAL_VERBS and any(
        c.dep_ in {"auxpass"} for c in tok.children
    ) and not any(c.dep_ == "agent" for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ in {"nsubjpass", "expl"}), None)
        # (with or without its subject, which may be a conjunct's or follow unparsed: 'The minister resigned and was
        # said to be furious', 'Among the hundreds trapped were said to be secondary school pupils.')
        if subj is not None and subj.lower_ == "it" or any(c.dep_ == "xcomp" for c in tok.children):
            return IMPERSONAL_PASSIVE
    if tok.tag_ == "VBN" and lemma in ACCUSATION_VERBS and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children) \
            and any(c.dep_ in {"prep", "nsubjpass"} for c in tok.children):
        return ACCUSED  # 'X has been accused of …', 'X was blamed for …': by people the article does not name
    if tok.tag_ == "VBN" and lemma in PORTRAYAL_VERBS | ESTIMATE_VERBS and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children) \
            and any(c.dep_ == "prep" and (c.lower_ == "at" and lemma in ESTIMATE_VERBS or c.lower_ == "as" and lemma in PORTRAYAL_VERBS)
                    for c in tok.children):
        return ESTIMATED  # 'is estimated at …', 'has been portrayed as …': by people not named
    if tok.tag_ == "VBN" and lemma in PERCEPTION_VERBS and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children) \
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        # 'The shift was widely seen as an attempt to …', 'Settlements are viewed as …': a judgement of nobody named
        return SEEN_AS
    # 'has received reports that …', 'Information reaching OBSERVER ONLINE is that …': reports from nobody named
    if lemma == "receive" and any(c.dep_ == "dobj" and c.lemma_.lower() == "report" and
                                  not any(g.dep_ == "prep" for g in c.children) for c in tok.children) \
            or lemma == "reach" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in REACHING_NOUNS:
        return REPORTS_RECEIVED
    if lemma == "learn" and tok.tag_ == "VBN" and any(c.lower_ in {"has", "have"} and c.dep_ == "aux" for c in tok.children):
        # '…, OBSERVER ONLINE has learnt.', 'The Guardian has learned that …': the outlet's unnamed sources
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.lower_ == "we" or subj.pos_ == "PROPN" and a.reg.person_at(subj) is None):
            return HAS_LEARNED
    return None


def stances(a: Attribution) -> None:
    """Views of people the article does not name, without a speech verb: 'AI experts are increasingly
    troubled by …', 'environmentalists want the plants to remain closed', 'researchers have also spotted …'."""
    for tok in a.ctx.doc:
        if not tok.i & 255:  # (every 256 words: a check costs more than most words)
            budget.check("people: stances")
        if tok.pos_ == "NOUN" and (rule_id := _unsourced_reports(tok)) is not None and not a.ctx.in_quote(tok.idx):
            a.ledger.unnamed_sentence(tok, "not named", rule_id, a.ctx.evidence(tok))
            continue
        if tok.pos_ not in {"VERB", "ADJ"} or a.ctx.in_quote(tok.idx) or any(c.dep_ == "neg" for c in tok.children):
            continue
        found = _stance_subject(a, tok)
        if found is None:
            continue
        subj, rule_id = found
        if subj is None or subj.lower_ in INDEFINITE or subj.lemma_.lower() in GENERIC_PEOPLE \
                or a.reg.person_at(subj) is not None or a.ctx.in_quote(subj.idx) or _member_of_group(subj):
            continue  # (what a party or a nation wants is a poll's finding or the writer's account, not sourcing)
        if (source := unnamed_subject(a, subj)) is not None:
            a.ledger.add_unnamed(tok, source, rule_id, a.ctx.evidence(subj, tok))


def _unsourced_reports(tok: Token) -> str | None:
    """'By most accounts, …', '… with reports that …': accounts and reports of no one named, or None."""
    lemma = tok.lemma_.lower()
    if tok.lower_ == "accounts" and tok.dep_ == "pobj" and tok.head.lower_ == "by" \
            and any(c.dep_ in {"det", "amod"} and c.lower_ in ACCOUNT_DETERMINERS for c in tok.children) \
            and not any(c.dep_ == "poss" for c in tok.children):
        return BY_ACCOUNTS
    if lemma in REPORT_NOUNS and tok.tag_ == "NNS" and not any(
            c.dep_ in {"poss", "det", "compound", "amod"} and c.lower_ not in {"unconfirmed", "conflicting", "recent"}
            or c.dep_ == "prep" and c.lower_ in {"by", "from", "in", "of", "on"} for c in tok.children) \
            and any(c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    for c in tok.children):
        return REPORTS_THAT
    return None


def _stance_subject(a: Attribution, tok: Token) -> tuple[Token | None, str] | None:
    """Whose stance ``tok`` reports, and the rule; None when it reports none."""
    lemma = tok.lemma_.lower()
    subj = None
    if tok.lower_ in STANCE_WORDS:
        if tok.dep_ == "acomp" and tok.head.pos_ in {"AUX", "VERB"} and tok.head.lemma_.lower() in GROUP_STANCE_COPULAS:
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # 'members are very concerned'
            if any(c.dep_ == "neg" for c in tok.head.children):
                return None
        elif tok.dep_ in {"ccomp", "advcl", "oprd", "xcomp"} and tok.head.lemma_.lower() in LEAVING_VERBS:
            # '… left some experts bewildered': the one left so, parsed as the stance's subject or the
            # verb's object
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) \
                or next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        elif tok.pos_ == "VERB":
            # 'experts are troubled by …' (passive)
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        return subj, STANCE
    if lemma in WISH_VERBS and tok.pos_ == "VERB":
        if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in tok.children):
            subj = subject(tok)
        return subj, WISH
    if lemma == "expect" and tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children) \
            and not any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children):
        return subject(tok), EXPECTATION  # 'analysts were expecting $2.52 a share'
    if lemma in COMPLAINT_VERBS and tok.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in COMPLAINT_NOUNS for c in tok.children):
        return subject(tok), COMPLAINT  # 'some 500 local residents filed complaints against the name changes'
    if lemma in FINDING_VERBS and tok.pos_ == "VERB" and any(c.dep_ in {"dobj", "ccomp"} for c in tok.children):
        subj = subject(tok)  # ('researchers have spotted a new trojan', '… discovered that …')
        if subj is not None and subj.lower_ == "they":
            subj = _they_group(a, subj)  # ('They discovered that …', the researchers of the sentence before)
        if subj is not None and subj.lemma_.lower() not in FINDER_HEADS:
            subj = None
        return subj, FINDING
    return None
