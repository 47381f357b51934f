"""Attributions the page's layout makes: an interview's labelled answers, an embedded post and its
signature, a paragraph introduced as someone's statement."""

from __future__ import annotations

import re

from ..attribution import Attribution
from ..declare import rule
from ..model import Person, Quote
from ..quotation import Taken
from ..syntax import sent, subject
from ..words import CUE_VERBS, ISSUED_WORDS, ISSUING_VERBS, MIN_QUOTE_WORDS

INTERVIEW_ANSWER = rule(
    "layout.interview_answer", "In a question-and-answer piece, a paragraph labelled with the name of a person named in "
    "full ('Marissa: I was …') after a question or another labelled answer.",
    fires_on=["Marissa Lee, a painter, spoke to us about her work.\n\nWhat got you started?\n\nMarissa: I was six when "
              "I first painted the sea.\n\nAnd what keeps you going?\n\nMarissa: My students keep me going, every day."],
    never_on=["Police log, Tuesday.\n\nChristopher Tays, 34, was arrested.\n\nWho was arrested?\n\nChristopher Tays: "
              "two county warrants for failure to appear."])
INTERVIEW_REPLY = rule(
    "layout.interview_reply", "In an interview with one person, an unlabelled reply to a question after their first "
    "labelled answer.",
    fires_on=["Marissa Lee, a painter, spoke to us about her work.\n\nWhat got you started?\n\nMarissa: I was six when "
              "I first painted the sea.\n\nAnd what keeps you going?\n\nMy students keep me going, every single day."],
    never_on=["Marissa Lee, a painter, spoke to us about her work.\n\nWhat got you started?\n\nI was six when I first "
              "painted the sea.\n\nAnd what keeps you going?\n\nMy students keep me going, every single day."])
EMBEDDED_POST = rule(
    "layout.embedded_post", "An embedded post: its text as a paragraph, then a paragraph signing it ('— Drew Mikkelsen "
    "(@drewmikkelsenk5) January 6, 2020').",
    fires_on=["The reporter posted a picture of the flooded road.\n\nThe water is over the bridge on Route 9 and still "
              "rising this morning.\n\n— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020"],
    never_on=["The reporter posted a picture of the flooded road.\n\nThe water is over the bridge on Route 9 and still "
              "rising this morning."])
INTRODUCED_STATEMENT = rule(
    "layout.introduced_statement", "A paragraph closing with a colon after a named speaker's verb of saying or 'issued the "
    "following statement': the next plain paragraph is that person's statement.",
    fires_on=["In a statement on Monday, Mayor Tom Hale said:\n\nThe city will repair every road that the storm has "
              "damaged before the winter."],
    never_on=["The city published the list of roads on Monday:\n\nMain Street, Hill Road and the bridge on Route 9 "
              "will be repaired before the winter."])

# 'Rick:' / 'ALEXANDRIA DOUZIECH:' opening an interview answer (one to four capitalised words)
INTERVIEW_LABEL = re.compile(r"\s*(?P<label>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?P<answer>\S)")
# first-person words ('US' in capitals is the country, not 'us')
FIRST_PERSON = re.compile(r"\b(?:I|I[’'](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Ww]e[’'](?:re|ve|ll|d)|us|[Oo]ur|[Oo]urs)\b")
# the line signing an embedded post: '— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020'
POST_SIGNATURE = re.compile(r"[—–-]\s*(?P<name>[A-Z][^\n(@]{1,60}?)\s*\(@\w{1,15}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*")
# ('(?<!\s)': the leftmost match starts where its spaces start; without it each space of a long run is tried)
POST_LINK = re.compile(r"(?<!\s)\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*$")


def interview_answers(a: Attribution) -> None:
    """Question-and-answer pieces: a paragraph labelled with a person's name ('Marissa: I was …',
    'ALEXANDRIA DOUZIECH: I try …') right after a question or another labelled answer is that
    person's answer, quoted directly. The label must name a person the article names in full."""
    text = a.ctx.text
    previous = ""
    answers: list[tuple[Person, int, int, tuple[int, int]]] = []
    unlabelled: list[tuple[int, int]] = []  # paragraphs right after a question, without a label
    for start, end in a.ctx.paragraphs:
        para = text[start:end].strip()
        if not para:
            continue
        m = INTERVIEW_LABEL.match(text, start, end)
        after_question = previous.endswith("?")
        if m and (after_question or INTERVIEW_LABEL.match(previous)):
            label = " ".join(w if not w.isupper() else w.title() for w in m["label"].split())
            person = a.reg.resolve_label(label)
            if person is not None:
                answers.append((person, m.start("answer"), end, m.span("label")))
        elif after_question and not m and not para.endswith("?"):
            unlabelled.append((start, end))
        previous = para
    # a Q&A piece asks several questions, and its answers speak in the first person (a police log's
    # 'Christopher Tays: two county warrants …' is neither)
    questions = sum(1 for x, y in a.ctx.paragraphs if text[x:y].rstrip().endswith("?"))
    if questions < 2 or not any(FIRST_PERSON.search(text[x:y]) for _, x, y, _ in answers):
        answers = []
    found = [(person, x, y, INTERVIEW_ANSWER, label) for person, x, y, label in answers]
    if len({p.key for p, _, _, _ in answers}) == 1:
        # one interviewee: after their first labelled answer, an unlabelled reply to a question is theirs
        first, label = answers[0][1], answers[0][3]
        found += [(answers[0][0], x, y, INTERVIEW_REPLY, label) for x, y in unlabelled if x > first]
    for person, x, y, rule_id, label in found:
        a.ledger.record(person, Quote(text[x:y], "interview answer", "direct", x, y, rule_id, a.ctx.span(*label)), None)


def embedded_posts(a: Attribution) -> None:
    """An embedded tweet: its text as a paragraph, then a paragraph signing it
    ('— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020'); the post is the named person's words."""
    text = a.ctx.text
    for i, (start, end) in enumerate(a.ctx.paragraphs):
        m = POST_SIGNATURE.fullmatch(text, start, end)
        if m is None or i == 0:
            continue
        person = next((p for p, men in a.reg.mentions_between(m.start("name"), m.start("name") + 1)
                       if men.end == m.end("name")), None)
        if person is None:
            continue
        ps, pe = a.ctx.paragraphs[i - 1]
        body = POST_LINK.sub("", text[ps:pe]).rstrip()  # (without the link to the picture)
        if len(body.split()) >= MIN_QUOTE_WORDS and not POST_SIGNATURE.fullmatch(text, ps, pe):
            a.ledger.record(person, Quote(body, "(embedded tweet)", "direct", ps, ps + len(body), EMBEDDED_POST,
                                          a.ctx.span(start, end)), None)


def introduced_statements(a: Attribution) -> None:
    """'In a statement, Mayor Tom Hale said:' or 'Governor Ann Walsh issued the following statement:'
    closing a paragraph: the next paragraph, if it is plain text, is that person's statement."""
    doc, text = a.ctx.doc, a.ctx.text
    taken = Taken((q.start, q.end) for p in a.reg.people for q in p.quotes)
    for (ps, pe), (ns, ne) in zip(a.ctx.paragraphs, a.ctx.paragraphs[1:]):
        if not text[ps:pe].rstrip().endswith(":") or text[ns:ns + 1] in "“\"«„":
            continue
        if taken.meets(ns, ne):
            continue  # (an embedded post, already its signer's)
        colon = doc.char_span(pe - 1, pe, alignment_mode="expand")
        if not colon:
            continue
        verb = sent(colon[0]).root
        s = sent(verb)
        lemma = verb.lemma_.lower()
        if not (lemma in CUE_VERBS or lemma in ISSUING_VERBS and any(t.lemma_.lower() in ISSUED_WORDS for t in s)):
            continue
        subj = subject(verb)
        person = a.reg.person_at(subj) if subj is not None else None
        if person is None:
            continue
        if len(text[ns:ne].split()) >= 4:
            cue = verb.text.lower() if lemma in CUE_VERBS else "(statement)"
            a.ledger.record(person, Quote(text[ns:ne], cue, "direct", ns, ne, INTRODUCED_STATEMENT,
                                          a.ctx.span(s.start_char, s.end_char)), subj)
