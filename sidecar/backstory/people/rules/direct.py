"""Direct quotes: a quotation and the words that attribute it in its own sentence or the one before (a verb
of saying and its subject, 'in X's words', a signature with no verb, a statement announced before it)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ... import budget
from ..attribution import Attribution
from ..declare import rule
from ..model import Person
from ..quotation import Taken, opens_after_cue
from ..syntax import VERBAL, object_of, opens_with_subject, putting_it, sent, subject
from ..words import CUE_VERBS, GIVING_VERBS, OBJECT_SPEECH_VERBS, QUOTE_CUES, STATEMENT_NOUNS
from .unnamed import unnamed_subject

CUE_AFTER = rule(
    "direct.cue_after", "A quotation followed, in its sentence, by a verb of saying and its subject ('“…,” Ann Lee said').",
    fires_on=["“The ceasefire will not hold for long, and everyone in the region knows it,” political analyst Andrew "
              "Korybko said.",
              "“We will not close the school this year,” said Maria Lopez, the head teacher.",
              "“The bridge will not be finished before winter,” officials said."],
    never_on=["“The Scholars of Night” is a novel that Ann Lee read twice last summer.",
              "Senator Ann Lee called him “the leading proponent of open borders in the whole party.” Former governor Tom "
              "Reyes called the bill “worse than any amnesty this state has ever seen.”",
              "“The bridge will not be finished before winter,” the sign outside the town hall read."])
CUE_BEFORE = rule(
    "direct.cue_before", "A quotation right after a verb of saying and a colon or comma ('Ann Lee said: “…”').",
    fires_on=["Maria Alvarez said: “We all know the budget will not balance this year.”",
              "Asked about the plan, Maria Alvarez said, “We all know the budget will not balance this year.”"],
    never_on=["Maria Alvarez read the sign: “We all know the budget will not balance this year.”"])
SIGNATURE = rule(
    "direct.signature", "A quotation signed by a name with no verb ('“…,” Augusto Reyes, director of the agency.').",
    fires_on=["“We will rebuild every house that the storm destroyed,” Augusto Reyes, director of the agency.",
              "“Our town deserves better than this.” ― Sonya Hartmann"],
    never_on=["“We will rebuild every house that the storm destroyed.” Augusto Reyes left the room."])
IN_THEIR_WORDS = rule(
    "direct.in_their_words", "A quotation after 'in X's words', 'in the words of X', 'to quote X' or 'as X put it'.",
    fires_on=["In Ann Lee's words, “the city has never been this close to running out of water.”",
              "As Neil Gaiman put it, “stories are the only thing that outlast us all in the end.”"],
    never_on=["In other words, “the city has never been this close to running out of water.”"])
SIGNED_BELOW = rule(
    "direct.signed_below", "A paragraph that is only a quotation, signed by the next paragraph with a name and at most a "
    "few words ('“…”' / 'Michael Shadlen, Ph.D.').",
    fires_on=["“Essentially, the brain is making a bet every time it decides what it has seen.”\n\nMichael Shadlen, Ph.D."],
    never_on=["“Essentially, the brain is making a bet every time it decides what it has seen.”\n\nMichael Shadlen "
              "studies decisions at Columbia University."])
ANNOUNCED = rule(
    "direct.announced", "A quotation after a sentence in which a named person gives a statement ('Ann Lee issued a "
    "statement: “…”', 'Ann Lee offered this explanation. “…”').",
    fires_on=["Governor Ann Walsh had a more succinct statement. “We will not be bullied by anyone, and we will not "
              "back down.”"],
    never_on=["Governor Ann Walsh read the statement. “We will not be bullied by anyone, and we will not back down.”"])
PUT_IT = rule(
    "direct.put_it", "A quotation after 'X put it bluntly', 'X summed it up' or 'X was blunt'.",
    fires_on=["Maria Alvarez put it bluntly: “The budget is a disgrace and the council knows it.”"],
    never_on=["Maria Alvarez was happy: “The budget is a disgrace and the council knows it.”"])
NAMELABEL = rule(
    "direct.name_label", "A quotation after a lead that only names the speaker and their role, then a colon ('Ann Lee, "
    "the city treasurer: “…”').",
    fires_on=["Maria Alvarez, the city treasurer: “The budget is a disgrace and the council knows it.”"],
    never_on=["Maria Alvarez and the mayor: “The budget is a disgrace and the council knows it.”"])

# 'In Dr. Shadlen’s words,' / 'In the words of X:' / 'To quote X,' right before a quotation
IN_THEIR_WORDS_LEAD = re.compile(r"(?:\b[Ii]n\s+(?:the\s+)?(?:(?P<a>[A-Z][^,:“\"]{1,60}?)[’']s?\s+(?:own\s+)?words|words\s+of\s+(?P<b>[^:“\"«.]{1,90}?))"
                             r"|\b[Tt]o\s+quote\s+(?P<c>[A-Z][^,:“\"]{1,60}?)"
                             r"|\b[Aa]s\s+(?P<d>[A-Z][^,:“\"]{1,60}?)\s+(?:once\s+|has\s+|had\s+)?puts?\s+it)\s*[,:]\s*[“\"«]?$")
LABEL = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}")
COLON_QUOTE = re.compile(r"\s*:\s*[“\"«„]")  # (a colon and a quotation: what follows introduces that one)
SIGNATURE_LEAD = re.compile(r"[\s\-–—―~]*")  # (the dash, quotation dash or tilde before a signature)
SIGNATURE_REST = re.compile(r"\s*(?:,[^!?]*)?")  # (what may follow the name in a signature: a comma and a role)
SIGNING_GAP = re.compile(r"[”\"»]?[ \t]*(?:[—–―][ \t]*|,?[ \t]*)")  # (between a quotation and the name signing it)
DASH = re.compile(r"[—–―]")  # (en, em and the quotation dash, U+2015, that signs a quotation)
NAME_END = re.compile(r"\s*(?:,|\.|$)")


def direct_quotes(a: Attribution, *, pronouns: bool = False, again: bool = False) -> None:
    """Quoted passages with the speaker named right after ('…,” X said') or before ('X said: “…”');
    ``again``: only those nobody has been found for yet."""
    for qs, qe in a.ctx.quotes:
        budget.check("people: direct quotes")
        if again and a.ledger.spoken(qs, qe):
            continue
        cands, rule_id = _cue_after(a, qs, qe), CUE_AFTER
        if not cands:
            cands, rule_id = _cue_before(a, qs), CUE_BEFORE
        if not cands and not pronouns:
            verbless_quote(a, qs, qe) or in_their_words(a, qs, qe) or signed_below(a, qs, qe)
        for verb in cands:
            _attribute(a, qs, qe, verb, rule_id, pronouns=pronouns)


def _cue_after(a: Attribution, qs: int, qe: int) -> list[Token]:
    """The verb of saying that follows a quotation in its sentence, or opens the next one ('… .” Ford said.')."""
    doc, text = a.ctx.doc, a.ctx.text
    cands = [t for t in doc.char_span(qe, min(len(text), qe + 200), alignment_mode="expand") or []
             if not a.ctx.in_quote(t.idx) and t.lemma_.lower() in QUOTE_CUES and t.pos_ in VERBAL]
    # only the clause right after the quote, up to the end of its sentence
    quote_end = doc.char_span(qe, qe + 1, alignment_mode="expand")
    end_sent = sent(quote_end[0]) if quote_end is not None and len(quote_end) else None
    # (in the sentence after the quotation, only its own attribution: '… .” Ford said.', not
    # '… .” Ford opted instead to write …')
    # ('… .” Smith agreed: “…”': a next sentence that ends in a colon before a quotation introduces that one)
    # ('… .” McCrory said it would be …': a verb that reports a clause of its own attributes that clause only;
    # so does one that reports its own object: '… .” Huckabee called the program “worse than amnesty.”')
    return [t for t in cands if sent(t) == end_sent
            or sent(t).start_char <= qe + 2 and t.dep_ == "ROOT" and opens_with_subject(t)
            and not COLON_QUOTE.match(text, t.idx + len(t.text)) and not any(c.dep_ == "ccomp" for c in t.children)
            and not (t.lemma_.lower() in OBJECT_SPEECH_VERBS and object_of(t) is not None)][:1]


def _cue_before(a: Attribution, qs: int) -> list[Token]:
    """The verb of saying right before a quotation, after a colon or a comma or with nothing between."""
    doc, text = a.ctx.doc, a.ctx.text
    before = doc.char_span(max(0, qs - 200), max(0, qs - 1), alignment_mode="expand")
    # ('She continued: “…”': after a colon, any verb that attributes a quotation)
    return [t for t in (before or []) if t.pos_ == "VERB" and (
            t.lemma_.lower() in CUE_VERBS or t.lemma_.lower() in QUOTE_CUES
            and text[t.idx:qs - 1].rstrip().endswith(":"))
            and not a.ctx.in_quote(t.idx) and sent(t).end_char >= qs - 2
            and (text[t.idx:qs - 1].rstrip().endswith((":", ","))
                 or opens_after_cue(text[t.idx + len(t.text):qs - 1]))][-1:]


def _attribute(a: Attribution, qs: int, qe: int, verb: Token, rule_id: str, *, pronouns: bool) -> None:
    """Give the quotation at ``qs``..``qe`` to the subject of ``verb``, or record it as unnamed sourcing."""
    subj = subject(verb)
    if subj is None or any(c.dep_ == "auxpass" for c in verb.children):
        return  # ('He has been called “…”', 'she was told: “…”': words about them or to them)
    if verb.lemma_.lower() == "ask" and a.ctx.text[qs:qe].rstrip(" .,”\"'’").endswith("?") \
            and any(c.dep_ in {"dobj", "dative"} for c in verb.children):
        return  # ('Then when Vogue asked Dion, “What are …?”': an interviewer's question, no statement)
    evidence = a.ctx.evidence(subj, verb)
    quote = a.ledger.direct(qs, qe, verb.text.lower(), rule_id, evidence)
    person = a.speakers.speaker(subj, pronouns=pronouns)
    if person is not None:
        a.ledger.record(person, quote, subj)
        for other, tok in a.speakers.co_speakers(subj, person):
            a.ledger.record(other, quote, tok)
    elif (source := unnamed_subject(a, subj)) is not None:
        a.ledger.add_unnamed(verb, source, rule_id, evidence)


def in_their_words(a: Attribution, qs: int, qe: int) -> bool:
    """'In Dr. Shadlen’s words, “…”', 'In the words of X: “…”', 'To quote X, “…”', 'As Gaiman put it, “…”'."""
    m = IN_THEIR_WORDS_LEAD.search(a.ctx.text, max(0, qs - 120), qs)
    if m is None:
        return False
    group = next(g for g in ("a", "b", "c", "d") if m.group(g))
    span = a.ctx.doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
    person = next((p for t in (span or ()) if (p := a.reg.person_at(t)) is not None), None)
    if person is None and LABEL.fullmatch(m.group(group)):
        person = a.reg.resolve_label(m.group(group))  # (a surname the model tagged as something else)
    if person is None:
        return False
    a.ledger.record(person, a.ledger.direct(qs, qe, "(in their words)", IN_THEIR_WORDS, a.ctx.span(m.start(), m.end())), None)
    return True


def signed_below(a: Attribution, qs: int, qe: int) -> bool:
    """A paragraph that is only a quotation, signed by the next paragraph with a name and at most a
    few words more ('“Essentially, …”' / 'Michael Shadlen, Ph.D.'; '— Jane Doe, ZDNet')."""
    ctx = a.ctx
    para = ctx.paragraph_of(qs)
    if para < 0 or para + 1 >= len(ctx.paragraphs) or not ctx.only_quotes(*ctx.paragraphs[para]):
        return False
    ns, ne = ctx.paragraphs[para + 1]
    lead = SIGNATURE_LEAD.match(ctx.text[ns:ne])
    start = ns + (lead.end() if lead else 0)
    if len(ctx.text[start:ne].split()) > 8:
        return False
    person = next((p for p, _ in a.reg.mentions_between(start, start + 1)), None)  # (the first one named there)
    if person is None:
        return False
    mention = next(m for m in person.mentions if m.start == start)
    rest = ctx.doc.char_span(mention.end, ne, alignment_mode="expand") if ne > mention.end else None
    if not SIGNATURE_REST.fullmatch(ctx.text[mention.end:ne]) or any(t.pos_ in VERBAL and t.is_lower for t in rest or ()):
        return False  # ('Michael Shadlen said …' is a sentence of its own, not a signature)
    a.ledger.record(person, a.ledger.direct(qs, qe, "(no verb)", SIGNED_BELOW, ctx.span(start, ne)), None)
    return True


def verbless_quote(a: Attribution, qs: int, qe: int) -> bool:
    """'“…,” Augusto Reyes, Director of the agency.': a quote signed by a name with no verb at all."""
    doc, text = a.ctx.doc, a.ctx.text
    # ('“…” — Ann Lee, city treasurer': a dash signs the quotation as a comma does)
    gap = SIGNING_GAP.match(text[qe:qe + 5])
    start = qe + (gap.end() if gap else 0)
    if not text[qs:qe].rstrip().endswith(",") and not text[qe:start].strip().startswith((",", "”,", '",')) \
            and not DASH.search(text[qe:start]):
        return False  # '“…” Reyes' with no comma reads as a new sentence, not a signature
    tok = next((t for t in doc.char_span(start, min(len(text), start + 60), alignment_mode="expand") or []), None)
    person = a.reg.person_at(tok) if tok is not None else None
    if person is None:
        return False
    mention = next((m for m in person.mentions if m.start == tok.idx), None)
    if mention is None or not NAME_END.match(text[mention.end:mention.end + 2]):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    # (the model sometimes reads the signing dash as a verb whose subject is the name: no verb all the same)
    if root.dep_ in {"nsubj", "nsubjpass"} and not DASH.fullmatch(root.head.text) or any(t.pos_ == "VERB" and t.i > root.i and t.head == root.head
                                                  and t.dep_ == "ROOT" for t in sent(root)):
        return False
    a.ledger.record(person, a.ledger.direct(qs, qe, "(no verb)", SIGNATURE, a.ctx.span(mention.start, mention.end)), root)
    return True


def announced_quotes(a: Attribution) -> None:
    """A quotation opening the sentence after one in which a named person 'had a more succinct
    statement' or 'offered this explanation': the statement announced."""
    taken = Taken((q.start, q.end) for p in a.reg.people for q in p.quotes)
    for qs, qe in a.ctx.quotes:
        budget.check("people: announced quotes")
        if taken.holds(qs):
            continue
        opening = a.ctx.doc.char_span(qs, qe, alignment_mode="expand")
        if opening is None or not len(opening):
            continue
        s = sent(opening[0])
        lead = a.ctx.text[s.start_char:qs].rstrip(" “\"«„")
        if lead.endswith(":"):
            tokens = [t for t in s if t.idx < s.start_char + len(lead)]  # ('issued a statement: “…”')
        elif lead.strip() or s.start == 0:
            continue  # (otherwise only a quotation that opens its sentence)
        else:
            before = sent(a.ctx.doc[s.start - 1])
            if a.ctx.paragraph_of(before.start_char) != a.ctx.paragraph_of(qs) or not before.text.rstrip().endswith((".", ":")):
                continue
            tokens = list(before)
        _announced(a, qs, qe, lead, tokens)


def _announced(a: Attribution, qs: int, qe: int, lead: str, tokens: list[Token]) -> None:
    """The speaker the lead ``tokens`` announce for the quotation at ``qs``..``qe``, if any."""
    evidence = a.ctx.span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else None
    if lead.endswith(":") and (person := name_label(a, tokens)) is not None:
        a.ledger.record(person, a.ledger.direct(qs, qe, "(no verb)", NAMELABEL, evidence), None)  # ('Ann Lee, the treasurer: “…”')
        return
    words = [t for t in tokens if not t.is_punct]
    for word in tokens:
        if putting_it(word) and (lead.endswith(":") or words and words[-1].head.i == word.i and uncued(a, qe)):
            verb, rule_id = word, PUT_IT  # ('X put it bluntly: “…”', 'X was blunt: “…”', 'X was blunt. “…”')
        elif word.lemma_.lower() not in STATEMENT_NOUNS or word.dep_ != "dobj" \
                or word.head.lemma_.lower() not in GIVING_VERBS:
            continue  # ('read the statement' may be someone else's)
        else:
            verb, rule_id = word.head, ANNOUNCED
        subj = subject(verb) if verb.pos_ in VERBAL else None
        person = a.speakers.speaker(subj, pronouns=False) if subj is not None else None
        if person is not None:
            a.ledger.record(person, a.ledger.direct(qs, qe, "(statement)", rule_id, evidence), None)
            break


def uncued(a: Attribution, qe: int) -> bool:
    """Whether nothing after a quotation, in its sentence, says who spoke it: no verb ('“…,” the sign read')."""
    last = a.ctx.doc.char_span(max(qe - 1, 0), qe, alignment_mode="expand")  # (the quotation's last word)
    if last is None or not len(last):
        return False
    span = a.ctx.doc.char_span(qe, max(qe, sent(last[-1]).end_char), alignment_mode="contract")
    return span is None or not any(t.pos_ == "VERB" for t in span)


def name_label(a: Attribution, tokens: list[Token]) -> Person | None:
    """The person a quotation's lead names and does nothing else with: their name, their title before it or
    their role after a comma, then the colon ('Ann Lee, the city treasurer:', 'Treasurer Ann Lee:'); not a
    sentence ('Ann Lee, who runs the shop, wrote:', 'Ann Lee and the mayor:')."""
    if len(tokens) < 2 or tokens[-1].text != ":" or any(t.pos_ in VERBAL for t in tokens):
        return None
    named = [(t, a.reg.person_at(t)) for t in tokens[:-1]]
    people = {id(p): p for _, p in named if p is not None}
    if len(people) != 1:
        return None
    person = next(iter(people.values()))
    first = next(i for i, (_, p) in enumerate(named) if p is person)
    last = max(i for i, (_, p) in enumerate(named) if p is person)
    before, after = tokens[:first], tokens[last + 1 : -1]
    name_head = tokens[last]
    if any(t.pos_ not in {"PROPN", "NOUN", "ADJ"} or t.dep_ != "compound" for t in before) \
            or any(p is None for _, p in named[first : last + 1]):
        return None
    if after and (after[0].text != "," or any(t.lower_ in {"and", "&"} for t in after)
                  or not any(t.dep_ == "appos" and t.head.i == name_head.i for t in after)):
        return None  # (after the name, only a comma and a role set beside it)
    return person
