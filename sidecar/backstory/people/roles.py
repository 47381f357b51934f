"""The role the article gives a person: strategies tried in the declared order at one mention of the name
(the first that finds a role wins), and the clean-ups applied to what they find.

Each strategy is a declared rule (``role.*``); the role it finds records the strategy's id as the
person's ``role_rule``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .declare import rule
from .model import Found, Mention, Person
from .syntax import (agent_word, hyphenated_start, is_age, is_title_abbreviation, person_noun, phrase, role_noun,
                     share_of_group, span_text)
from .words import (BULLETS, CREDENTIALS, CREDIT_LABELS, HONORIFICS, LEADING_VERBS, ONGOING_WORK_VERBS, ORGANISATION_NOUNS,
                    PERSON_ROLE_NOUNS, QUANTIFIERS, ROLE_ABBREVIATIONS, SERVING_VERBS, TIME_NOUNS)

# a lawmaker's party and state after the name ('R-Neb.', 'D-N.Y.', 'I-Vt.')
PARTY_LABEL = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,6}(?:[ .][A-Z][A-Za-z.]{0,6})?\.?$")
WORDS = re.compile(r"[\w’'-]+")
TOKENS = re.compile(r"\S+")
_STOP = object()  # (a strategy that applies but finds no role: no later strategy is tried)

PREMODIFIER = rule("role.premodifier", "The words before the name that modify it ('political analyst Andrew Korybko').",
                   fires_on=["“The ceasefire will not hold for long, and everyone in the region knows it,” political analyst "
                             "Andrew Korybko said."],
                   never_on=["“We have seen prices rise every month since the spring,” said 43-year-old Martin Taylor.",
                             # (an adjective is no role, though the model may tag it a noun)
                             "The usually dapper Tom Ford said that the collection would ship in May.",
                             # (another person's title: the surname alone, before she is named, is her husband's)
                             "President Trump and his wife Melania visited the hospital.\n\n“The nurses are heroes,” "
                             "Melania Trump said.",
                             "President Donald Trump and first lady Melania Trump visited the hospital.\n\n“The nurses "
                             "are heroes,” Mrs. Trump said."])
APPOSITION = rule("role.apposition", "A noun phrase set beside the name after it ('Maria Lopez, an economist at the "
                  "University of Chicago').",
                  fires_on=["“We have seen prices rise every month since the spring,” said Maria Lopez, an economist at "
                            "the University of Chicago."],
                  never_on=["“We have seen prices rise every month since the spring,” said Jane Doe, 34, of Leeds.",
                            "Ann Lee, usually dapper, said that the collection would ship in May."])
PARTY_TITLE = rule("role.party_title", "A title before the name when the apposition after it is only a party and state "
                   "('Sen. Ben Sasse, R-Neb.' -> 'Sen.').",
                   fires_on=["“The bill is a mistake and we will vote against it,” said Sen. Ben Sasse, R-Neb."],
                   never_on=["“The bill is a mistake and we will vote against it,” said Ben Sasse, a senator."])
RELATIVE_BE = rule("role.relative_be", "A relative clause with 'be' after the name ('said Leigh Sears, who is the lake's "
                   "concessions manager').",
                   fires_on=["“The water is lower than we have ever seen it,” said Leigh Sears who is the Lake Berryessa "
                             "concessions manager."],
                   never_on=["“The water is lower than we have ever seen it,” said Leigh Sears, who was there.",
                             "Chris Pine, who plays Captain James T. Kirk, said that the script was ready."])
RELATIVE_LEADS = rule("role.relative_leads", "A relative clause saying what the person leads, runs or studies ('Scott Paul, "
                      "who heads the Alliance for American Manufacturing').",
                      fires_on=["Scott Paul, who heads the Alliance for American Manufacturing, said that the tariffs "
                                "would help workers."],
                      never_on=["Scott Paul, who studied the report, said that the tariffs would help workers."])
RELATIVE_SERVES = rule("role.relative_serves", "A relative clause saying what the person serves or works as ('who is serving "
                       "as the President's physician').",
                       fires_on=["Ronny Jackson, who was then serving as the President's physician, said that the "
                                 "president was in excellent health."],
                       never_on=["Ronny Jackson, who served as the President's physician for years, said that the "
                                 "president was in excellent health."])
ORGANISATION_AFTER = rule("role.organisation_after", "An organisation right after the name ('Lukas Stefanko with ESET').",
                          fires_on=["“The malware hides in plain sight and steals passwords,” said Lukas Stefanko with "
                                    "ESET."],
                          never_on=["“The malware hides in plain sight and steals passwords,” said Lukas Stefanko on "
                                    "Tuesday."])
COPULA = rule("role.copula", "A sentence that says what the person is ('Lisa Monroe is a researcher at the Brookings "
              "Institution').",
              fires_on=["Lisa Monroe is a researcher at the Brookings Institution.\n\n“The numbers are worse than anyone "
                        "expected,” Monroe said."],
              never_on=["Lisa Monroe is a fan of the team.\n\n“The numbers are worse than anyone expected,” Monroe said.",
                        # (not what the person is not, or might be)
                        "Donald Trump is not the first president to attack the press.\n\n“The media is the enemy,” "
                        "Trump said.",
                        "Lisa Monroe could be the next director of the Brookings Institution.\n\n“The numbers are "
                        "worse than anyone expected,” Monroe said."])
ROLE_NOUN_BEFORE = rule("role.named_in_apposition", "The name set beside a role noun before it ('a spokesperson for the "
                        "ministry, Jane Doe, said').",
                        fires_on=["A spokesperson for the ministry, Jane Doe, said that the talks would resume next week."],
                        never_on=["Jane Doe said that the talks would resume next week."])
TITLE_BEFORE = rule("role.title_before", "Capitalised words with a role noun right before the name or its honorific, "
                    "which the parse hung elsewhere ('Acting Chief Medical Officer Dr Anton Best').",
                    fires_on=["The briefing was given by Chief Education Officer Dr Ramona Archer-Bradshaw and Acting "
                              "Chief Medical Officer Dr Anton Best, who said that schools would reopen."],
                    never_on=["The briefing was given by Anton Best, who said that schools would reopen.",
                              # (a fictional character is no role of the actor's)
                              "Chris Pine as Captain James T. Kirk said that the script was ready."])
FRONTED_AFFILIATION = rule("role.fronted_affiliation", "The organisation put before the speaker at the start of the "
                           "sentence ('From the Copernicus Climate Change Service, Samantha Burgess confirms …').",
                           fires_on=["From the Copernicus Climate Change Service, Samantha Burgess confirms that the "
                                     "month was the warmest on record."],
                           never_on=["Samantha Burgess confirms that the month was the warmest on record."])
EPITHET = rule("role.epithet", "What the article calls a speaker found by a definite role noun ('Speaking in the "
               "Commons, the Conservative MP said'), when no mention of the name gives a role.",
               fires_on=["Chris Grayling warned that the ferries would be late.\n\nSpeaking in the Commons, the "
                         "Conservative MP said that the contracts were sound."],
               never_on=["Chris Grayling warned that the ferries would be late."])


def role_of(token: Token, doc: Doc) -> Found | None:
    """The role at this mention, unless it is only an honorific ('Dr', 'Mr') or runs into a quotation
    (a song title, '“I’d Do Anything', or the end of a quote, 'water in vapor form," lead researcher')."""
    found = _role_of(token, doc)
    span = doc.char_span(found.start, found.end, alignment_mode="expand") if found else None
    if span is not None:
        # without what ends it but is no part of it: the name's own title ('CNN's chief medical
        # correspondent Dr.') or a paragraph break ('ZDNet')
        end = span.end
        while end > span.start and (doc[end - 1].is_space or doc[end - 1].lower_.strip(".") in HONORIFICS):
            end -= 1
        found = Found(*span_text(doc, span.start, end), found.rule) if end > span.start else None
    if found and span is not None and _only_a_description(doc[span.start : span.end]):
        return None
    if found and (found[0].strip(". ").casefold() in HONORIFICS | CREDENTIALS | QUANTIFIERS or _inside_quote(found[0])
                  or found[0].lstrip("(").startswith("@")  # (nor a degree, 'Michael Shadlen, Ph.D.', nor a handle)
                  or set(found[0].casefold().replace(":", " ").split()) <= CREDIT_LABELS):  # ('Image: Mark Rathbun')
        return None
    return found


def _only_a_description(words: Span) -> bool:
    """'usually dapper', 'ever cheerful': words that describe the person, not a role; the model may tag the adjective a
    noun, but an adverb of frequency or degree ('usually', 'very') modifies no role noun."""
    if any(t.lemma_.lower() in PERSON_ROLE_NOUNS or t.pos_ == "PROPN" for t in words):
        return False
    adverbs = [t for t in words if t.dep_ == "advmod" and t.tag_ == "RB"]
    return bool(adverbs) and all(any(a.head.i == t.i for a in adverbs) for t in words if t.pos_ == "NOUN")


def _inside_quote(role: str) -> bool:
    """A role cut out of quoted text: it opens a quotation it never closes ('“I’d Do Anything'), or
    closes one it never opened ('water in vapor form," lead researcher'). Balanced quotation marks are
    fine ('“Today” show host')."""
    opens, closes = role.count("“") + role.count("«"), role.count("”") + role.count("»")
    if opens != closes:
        return True
    first_close = min((i for i in (role.find("”"), role.find("»")) if i >= 0), default=-1)
    first_open = min((i for i in (role.find("“"), role.find("«")) if i >= 0), default=-1)
    if first_close >= 0 and first_close < first_open:
        return True
    return role.count('"') % 2 == 1


def name_left(token: Token) -> int:
    """Index of the first word of the name whose last word is ``token`` ('Elizabeth Truss' in
    'British Foreign Secretary Elizabeth Truss'): proper nouns that are not role words."""
    left = token.i
    doc = token.doc
    if token.ent_type_ == "PERSON" and token.ent_iob_ == "I":
        # a name the model tagged in full ('Kay McConney'): the capitalised words before it belong to the
        # role, whatever the parse says ('Minister of Education Kay McConney'); an entity that swallowed
        # its role ('Biden spokesperson Andrew Bates') starts after the role noun
        while doc[left].ent_iob_ == "I" and doc[left - 1].lemma_.lower() not in PERSON_ROLE_NOUNS:
            left -= 1
        return left
    while left > 0:
        prev = doc[left - 1]
        if prev.head != token or prev.dep_ != "compound" or prev.pos_ != "PROPN" or not prev.is_title:
            break
        if prev.lemma_.lower() in PERSON_ROLE_NOUNS or prev.ent_type_ in {"GPE", "NORP", "ORG"}:
            break
        left -= 1
        if (hyphenated := hyphenated_start(doc, left)) != left:
            left = hyphenated  # (a hyphenated given name opens the name: 'Eva-Marie Persson')
            break
    # the whole PERSON entity the token closes ('Renaldo “Peewee” Gilkes'), whatever the parse says
    start = token.i
    while start > 0 and doc[start].ent_type_ == "PERSON" and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_type_ == "PERSON" and doc[start].lemma_.lower() not in PERSON_ROLE_NOUNS:
        left = min(left, start)
    return left


def _found(rule_id: str, found: tuple[str, int, int] | None) -> Found | None:
    return Found(*found, rule_id) if found is not None else None


def _premodifier(token: Token, doc: Doc, name_start: int) -> Found | None:
    """1. pre-modifiers of the name: "political analyst Andrew Korybko", "British Foreign Secretary Elizabeth Truss"."""
    mods = [c for c in token.children if c.i < name_start and c.dep_ in {"compound", "amod", "nmod"}
            and (c.ent_type_ != "PERSON" or c.lemma_.lower() in PERSON_ROLE_NOUNS)]
    if not mods:
        return None
    left = min(m.left_edge.i for m in mods)
    while left < name_start and doc[left].pos_ == "DET":
        left += 1
    while 0 < left < name_start and (doc[left].text == "-" or doc[left - 1].text == "-") and not doc[left - 1].whitespace_:
        left -= 1  # the whole hyphenated word ('co-author', not '-author')
    # only the words after the last comma or conjunction, and after any other name: what stands right
    # before the name is its role ('… Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer
    # Dr Anton Best' when the parse hangs the list on the last name; 'in Redmond, Washington, Chief
    # Executive Satya Nadella'); the words before a conjunction may describe someone else
    if any(t.dep_ == "cc" or t.text == "," for t in doc[left:name_start]):
        for i in range(name_start - 1, left - 1, -1):
            if doc[i].ent_type_ == "PERSON" and doc[i].lemma_.lower() not in PERSON_ROLE_NOUNS \
                    or doc[i].dep_ == "cc" or doc[i].text == ",":
                left = i + 1
                break
    words = doc[left:name_start]
    ages = is_age(words)
    if ages:  # '43-year-old Martin Taylor': an age is no role; '32-year-old admirer X': the rest is
        words = doc[ages[-1] + 1 : name_start]
    words = without_titles(words)
    while len(words) and (words[0].text in BULLETS or words[0].is_space):
        words = words[1:]  # a list's bullet ('- SoftBank CEO Masayoshi Son'), not an opening quotation mark
    # (a noun that is only a time, 'Day-by-day Schiff’s …', makes no role)
    if len(words) and (any(t.pos_ == "NOUN" and t.ent_type_ not in {"DATE", "TIME"} and t.lemma_.lower() not in TIME_NOUNS
                           for t in words)
                       or any(t.lemma_.lower() in PERSON_ROLE_NOUNS for t in words)):
        return Found(words.text, words.start_char, words.end_char, PREMODIFIER)
    return None


def _apposition(token: Token, doc: Doc, name_start: int) -> Found | None:
    """2. apposition after the name: "X, a spokesperson for the ministry, said"."""
    for child in token.children:
        if child.dep_ != "appos" or child.i <= token.i or child.ent_type_ == "PERSON" or child.like_num \
                or child.ent_type_ in {"DATE", "CARDINAL"}:  # 'Jane Doe, 34, said': an age is no role
            continue
        if child.lemma_.lower() in ORGANISATION_NOUNS:
            continue
        listed = [c for c in child.children if c.dep_ == "conj"]
        if listed and not any(person_noun(t) for t in (child, *listed)):
            continue  # a list the name opens, not a role ('Taylor Swift, her former record label and a couple of …')
        left, right = child.left_edge.i, child.right_edge.i + 1
        # a hyphenated role the parse split into appositions ('vice', '-', 'chancellor of …')
        while right + 1 < len(doc) and doc[right].text == "-" and not doc[right - 1].whitespace_ \
                and doc[right + 1].dep_ == "appos" and doc[right + 1].head == token:
            right = doc[right + 1].right_edge.i + 1
        # (a relative clause after a comma is about the person or the organisation, not a role:
        # '…at Duke University, who is leading …', '…Group, which oversees …')
        right = next((t.i for t in doc[child.i + 1 : right - 1]
                      if t.text == "," and doc[t.i + 1].lower_ in {"who", "which", "whose", "where"}), right)
        # (without the letters after the name that open it: 'MD, MSc, Senior Deputy Editor'; 'QC' alone is none)
        while left < right and (doc[left].lower_.strip(".") in CREDENTIALS or doc[left].text == ","):
            left += 1
        if left >= right:
            continue
        found = phrase(doc, left, right, limit=20) or phrase(doc, left, child.i + 1, limit=20)
        if found and PARTY_LABEL.match(found[0]) and name_start > 0 and is_title_abbreviation(doc[name_start - 1]) \
                and doc[name_start - 1].is_title:
            # 'Sen. Ben Sasse, R-Neb.': the party and state say which senator; the title before the name is the role
            return Found(*span_text(doc, name_start - 1, name_start), PARTY_TITLE)
        if found:  # (a long apposition is cut to its head: 'a senior scientist')
            return Found(*found, APPOSITION)
    return None


def _relative_be(token: Token, doc: Doc, name_start: int) -> Found | None:
    """3. a relative clause with 'be': "said Leigh Sears who is the Lake Berryessa concessions manager"."""
    for child in token.children:
        if child.dep_ == "relcl" and child.lemma_ == "be" and child.i > token.i:
            attr = next((c for c in child.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}), None)
            if attr is not None and attr.ent_type_ != "PERSON" and (found := phrase(doc, attr.left_edge.i, attr.right_edge.i + 1)):
                return Found(*found, RELATIVE_BE)
    return None


def _relative_leads(token: Token, doc: Doc, name_start: int) -> Found | None:
    """3b. a relative clause saying what the person leads: "Scott Paul, who heads the Alliance for American
    Manufacturing" -> 'heads the Alliance for American Manufacturing' (the verb and its object only, not 'in 1999')."""
    for child in token.children:
        ongoing = child.lemma_.lower() in ONGOING_WORK_VERBS and child.tag_ in {"VBZ", "VBP"}
        if child.dep_ == "relcl" and child.i > token.i and (child.lemma_.lower() in LEADING_VERBS or ongoing) \
                and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in child.children) \
                and not any(c.dep_ in {"aux", "neg"} for c in child.children):
            obj = next((c for c in child.children if c.dep_ == "dobj" and (c.pos_ in {"NOUN", "PROPN"} or share_of_group(c))), None)
            end = obj.right_edge.i + 1 if obj is not None else None
            # (where they do it, when it is an institution: '… who teaches economics at Yale')
            place = next((c for c in child.children if c.dep_ == "prep" and c.lower_ in {"at", "for"} and end is not None
                          and c.i == end and any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children)), None)
            if ongoing and place is not None:
                end = place.right_edge.i + 1
            # (not a person led: 'who coaches Serena Williams' … but a client is a lawyer's role: 'who represents Noel')
            if obj is not None and (obj.ent_type_ != "PERSON" or child.lemma_.lower() == "represent") \
                    and (found := phrase(doc, child.i, end)):
                return Found(*found, RELATIVE_LEADS)
    return None


def _relative_serves(token: Token, doc: Doc, name_start: int) -> Found | None:
    """3c. a relative clause saying what the person serves or works as: "Ronny Jackson, who was then serving as the
    President's physician" -> "President's physician"."""
    for child in token.children:
        # (said in the present or as the time's: 'who served as Finance Minister for several years' is a former role)
        if child.dep_ == "relcl" and child.i > token.i and child.lemma_.lower() in SERVING_VERBS \
                and child.tag_ in {"VBZ", "VBP", "VBG"} \
                and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in child.children) \
                and not any(c.dep_ == "neg" for c in child.children):
            as_ = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            role = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
            if role is not None and person_noun(role) and (found := phrase(doc, role.left_edge.i, role.right_edge.i + 1)):
                return Found(*found, RELATIVE_SERVES)
    return None


def _organisation_after(token: Token, doc: Doc, name_start: int) -> Found | None:
    """4. the organisation right after the name: "Lukas Stefanko with ESET", "X from the University of Reading"."""
    end = token.i + 1
    if end + 1 < len(doc) and doc[end].lower_ in {"with", "from", "at", "of"}:
        start = end + 1 + (doc[end + 1].lower_ == "the" and doc[end + 1].ent_type_ != "ORG")
        if start < len(doc) and doc[start].ent_type_ == "ORG" and doc[start].ent_iob_ == "B":
            stop = start + 1
            while stop < len(doc) and doc[stop].ent_iob_ == "I":
                stop += 1
            return Found(*span_text(doc, end, stop), ORGANISATION_AFTER)
    return None


def _copula(token: Token, doc: Doc, name_start: int) -> Found | None:
    """5. a sentence that says what the person is: "Lisa Monroe is a researcher at the Brookings Institution"."""
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and not any(
            c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in token.head.children):
        # (not what the person is not, or could be: 'Trump is not the first president to …')
        attr = next((c for c in token.head.children if c.dep_ == "attr" and c.i > token.i), None)
        if attr is not None and attr.lemma_.lower() in PERSON_ROLE_NOUNS and attr.ent_type_ != "PERSON" \
                and (found := phrase(doc, attr.left_edge.i, attr.right_edge.i + 1)):
            return Found(*found, COPULA)
    return None


def _named_in_apposition(token: Token, doc: Doc, name_start: int) -> object:
    """6. the name is itself the apposition of a role noun: "a spokesperson for the ministry, Jane Doe, said"."""
    if token.dep_ == "appos" and role_noun(token.head) and token.head.i < name_start:
        # (up to the name, whose first words may be hung elsewhere: 'Eva-Marie' of 'Eva-Marie Persson')
        right = name_start
        while right > token.head.i + 1 and (doc[right - 1].text == "-" and not doc[right - 1].whitespace_
                                             or doc[right - 1].pos_ == "PROPN" and doc[right - 1].head == token
                                             and doc[right - 1].ent_type_ not in {"GPE", "NORP", "LOC"}):
            right -= 1
        found = phrase(doc, token.head.left_edge.i, right)
        return Found(*found, ROLE_NOUN_BEFORE) if found is not None else _STOP
    return None


def _title_before_name(token: Token, doc: Doc, name_start: int) -> Found | None:
    """7. a capitalised title right before the name that the parse hung elsewhere (a list of officials,
    '…, Chief Education Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer Dr Anton Best')."""
    return _found(TITLE_BEFORE, title_before(doc, name_start))


STRATEGIES: tuple[Callable[[Token, Doc, int], object], ...] = (
    _premodifier, _apposition, _relative_be, _relative_leads, _relative_serves, _organisation_after, _copula,
    _named_in_apposition, _title_before_name,
)


def _role_of(token: Token, doc: Doc) -> Found | None:
    name_start = name_left(token)
    for strategy in STRATEGIES:
        found = strategy(token, doc, name_start)
        if found is _STOP:
            return None
        if found is not None:
            return found
    return None


def before_honorifics(doc: Doc, end: int, start: int = 0) -> int:
    """Where the honorifics that end ``doc[start:end]`` begin ('… Officer Dr' -> the index of 'Dr')."""
    while end > start and doc[end - 1].lower_.strip(".") in HONORIFICS:
        end -= 1
    return end


def without_titles(words: Span) -> Span:
    """A role without the honorifics that end it ('Chief Education Officer Dr' -> 'Chief Education Officer')."""
    return words.doc[words.start : before_honorifics(words.doc, words.end, words.start)]


def title_before(doc: Doc, name_start: int) -> tuple[str, int, int] | None:
    """'Acting Chief Medical Officer' in '… and Acting Chief Medical Officer Dr Anton Best': capitalised
    words (and 'of') right before the name or its honorific, with a role noun among them
    ('Minister of Health Kay Brathwaite')."""
    end = before_honorifics(doc, name_start)
    if end > 0 and doc[end - 1].is_lower and doc[end - 1].lemma_ in PERSON_ROLE_NOUNS:
        # a common-noun role the parse hung elsewhere ('Both Agerblad and tattoo artist Zashay Tastas'):
        # the role noun and the words right before it that describe it ('Instagram head Adam Mosseri')
        left = end - 1
        while end - left < 4 and left > 0 and doc[left - 1].is_alpha and (
                doc[left - 1].is_lower and doc[left - 1].pos_ in {"NOUN", "ADJ", "ADV", "PROPN"}
                or doc[left - 1].pos_ == "PROPN" and doc[left - 1].ent_type_ in {"ORG", "GPE", "NORP", ""}):
            left -= 1
        return span_text(doc, left, end)
    left = end
    while left > 0 and (doc[left - 1].is_title and doc[left - 1].pos_ in {"PROPN", "ADJ", "NOUN", "VERB"}
                        and doc[left - 1].ent_type_ not in {"PERSON", "DATE", "TIME"}
                        or doc[left - 1].lower_ == "of" and left - 1 > 0 and doc[left - 2].is_title and left < end):
        left -= 1
    if not 0 < end - left <= 8 or not any(t.lemma_.lower() in PERSON_ROLE_NOUNS for t in doc[left:end]):
        return None
    return span_text(doc, left, end)


def without_own_name(role: Mention, name: str) -> Mention:
    """A role without the words of the person's own name that the parse ran into it ('CEO of the Refugee Council
    Enver' for Enver Solomon)."""
    # (not a title the name carries: 'Prince' stays the role of Prince Andrew)
    own = {w.casefold() for w in name.split()} - PERSON_ROLE_NOUNS - HONORIFICS
    words = list(TOKENS.finditer(role.text))
    keep = len(words)
    while keep and words[keep - 1][0].casefold() in own:
        keep -= 1
    if keep == len(words):
        return role
    text = role.text[: words[keep - 1].end()].rstrip(" ,") if keep else ""
    return Mention(text, role.start, role.start + len(text))


def plain_role(role: str, name: str) -> bool:
    """A role that names what someone is ('senior Tory MP', 'spokesperson for …'), with none of their own
    name in it ('executive chair Marcelo') and a word for a person ('mechanical engineering' has none)."""
    words = WORDS.findall(role.casefold())
    names = {w.casefold() for w in name.split()}
    return not names & set(words) and any(w in PERSON_ROLE_NOUNS or agent_word(w) or w in ROLE_ABBREVIATIONS for w in words)


def set_role(person: Person, found: Found | None) -> None:
    """Give a person the role found (its text, span and strategy)."""
    if found is not None:
        person.role, person.role_span, person.role_rule = found.text, found.span, found.rule


def role_from_mentions(person: Person, doc: Doc, *, before: int | None = None) -> None:
    """The first role the article gives anywhere it names the person ('Napa County Public Works
    Director Steve Lederer' early on, 'Lederer said' later); with ``before``, only a role that starts
    before that offset replaces the one found there."""
    # (the surname alone before the person is first called by their given name is someone else's)
    words = person.name.split()
    given = words[0] if len(words) >= 2 and words[0].strip(".").casefold() not in HONORIFICS else None
    introduced = min((m.start for m in person.mentions if m.text.split()[0] == given), default=None) if given else None
    for mention in person.mentions:
        if before is not None and mention.start >= before:
            return
        if introduced is not None and mention.start < introduced and mention.text == words[-1]:
            continue  # (the surname alone before the person is named is someone else's: 'President Trump and his
            # wife Melania …' gives Melania Trump no title)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        found = role_of(span.root, doc) if span is not None else None
        if found and before is not None and not plain_role(found[0], person.name):
            continue  # (an earlier role replaces the quote's only when it reads as one)
        if found:
            set_role(person, found)
            return

