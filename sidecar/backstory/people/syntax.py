"""Reading the dependency parse: who is the subject of a verb, which clause it reports, what a noun
phrase is. Helpers the rules share; they decide nothing about who said what."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .words import (AGE_UNITS, BELIEF_VERBS, CREDENTIALS, CUE_VERBS, HELD_VIEW_NOUNS, HONORIFICS, INVERSION_MARKS, JUDGING_AS_VERBS,
                    MANNER_WORDS, PERSON_ROLE_NOUNS, PROMISE_VERBS, PUBLICATION_WORDS, PUTTING_VERBS, QUOTE_CUES,
                    TELLING_VERBS, TITLE_ABBREVIATIONS, UNNAMED_HEADS, WARNING_VERBS)

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OPENING_MARKS = frozenset({"“", '"', "‘", "«", "„", "''", "``"})  # (a quotation opening between a verb and a name)
CLOSING_MARKS = frozenset({"”", "»", "''"})  # (a quotation closing between two verbs; a straight mark may open one)
VERBAL = frozenset({"VERB", "AUX"})
# what closes off a noun phrase as someone else's ('the mayor of Paris', 'the minister who …')
_NOUN_TAILS = frozenset({"prep", "relcl", "acl", "appos"})


def sent(tok: Token) -> Span:
    """The sentence of a token, from an index built once per document (``Token.sent`` scans the
    document's sentences on every call)."""
    doc = tok.doc
    index = doc.user_data.get("backstory_sent_index")
    if index is None:
        index = [None] * len(doc)
        for s in doc.sents:
            for i in range(s.start, s.end):
                index[i] = s
        doc.user_data["backstory_sent_index"] = index
    return index[tok.i]


def span_text(doc: Doc, start_tok: int, end_tok: int) -> tuple[str, int, int]:
    span = doc[start_tok:end_tok]
    return span.text, span.start_char, span.end_char


def phrase(doc: Doc, left: int, right: int, limit: int = 15) -> tuple[str, int, int] | None:
    """Tokens ``left``..``right`` as a role: without leading articles or trailing punctuation, and only
    when 1 to ``limit`` tokens remain."""
    # (nor what closes the quotation before it: '…,” Sweden’s deputy director …, Eva-Marie Persson, said')
    while left < right and (doc[left].pos_ == "DET" or doc[left].text in {"”", "»", ",", ")", ":", ";"}):
        left += 1
    while right > left and doc[right - 1].is_punct:
        right -= 1
    return span_text(doc, left, right) if 0 < right - left <= limit else None


def subject(verb: Token) -> Token | None:
    """Who does the saying: the verb's subject, the subject it shares with a verb it is conjoined to
    ('X laughed and said …'), an inverted subject ('…, said X'), or a name right before the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects and all(c.i > verb.i for c in subjects) and verb.tag_ in {"VB", "VBP"} and verb.i > 0 \
            and verb.doc[verb.i - 1].text in {"(", "["}:
        return None  # ('… tax rules in Europe (think Brexit, for example)': a parenthesis opened by a verb speaks to the reader)
    if len(subjects) > 1 and subjects[0].i < verb.i and subjects[0].ent_type_ != "PERSON" \
            and all(c.i > verb.i for c in subjects[1:]) \
            and not (verb.i > 0 and verb.doc[verb.i - 1].text in INVERSION_MARKS):
        subjects = subjects[:1]  # ('The letter … warns Mr Johnson: “…”': the name after the verb is who is addressed)
    if len(subjects) > 1 and (named := [c for c in subjects if c.ent_type_ == "PERSON"]):
        # the parser gave the verb two subjects ('Wikileaks editor-in-chief Kristinn Hrafnsson said',
        # '…, said study co-author Anezina Solomonidou'): the name is the one saying
        best = min(named, key=lambda c: abs(c.i - verb.i))
        # unless a proper noun stands between it and the verb, a name the model did not tag ('… her
        # autobiography, Lady Sings the Blues, …, Billie Holliday replied'): the title is not the speaker
        nearer = [c for c in subjects if c.pos_ == "PROPN" and c.ent_type_ != "PERSON"
                  and (c.i < verb.i) == (best.i < verb.i) and abs(c.i - verb.i) < abs(best.i - verb.i)]
        return min(nearer, key=lambda c: abs(c.i - verb.i)) if nearer else best
    for child in subjects[:1]:
        if child.lower_ in {"who", "that"} and verb.dep_ == "relcl":
            # 'Dr Amanda Pinder, who expressed …': the relative pronoun's antecedent, or the name
            # in apposition to it ('the clinic's vet, Dr Amanda Pinder, who …')
            head = verb.head
            if head.pos_ == "PROPN":
                return head
            named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and head.i < c.i < verb.i]
            if named:
                return named[-1]
        return exemplified(child) or named_before_verb(child, verb) or child
    return _subject_elsewhere(verb)


def named_before_verb(subj: Token, verb: Token) -> Token | None:
    """A parenthetical attribution the parser read as an apposition: 'To understand the real Dred Scott, Chief
    Justice Roberts said, one should …' makes Scott the subject and Roberts his apposition; the name that
    ends right before the verb, after a comma, is the one saying (not 'Ann Lee, the mayor, said', nor a list: 'what
    John Leguizamo, Zoe Saldana, America Ferrera and many more Latinos said')."""
    if subj.ent_type_ != "PERSON" or subj.i > verb.i:
        return None
    for c in subj.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.pos_ == "PROPN" and c.right_edge.i == verb.i - 1 \
                and subj.doc[verb.i - 1].ent_type_ == "PERSON" and not any(g.dep_ == "conj" for g in c.children) \
                and subj.i < c.left_edge.i and subj.doc[c.left_edge.i - 1].text == "," and subj.ent_iob_ != "" \
                and not any(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" for t in subj.doc[subj.i + 1 : c.left_edge.i]):
            return c
    return None


def _subject_elsewhere(verb: Token) -> Token | None:
    """A subject the parse did not hang on the verb itself: taken for its object, shared with the verb it is
    joined to, the subject of 'was quoted as saying', or a name right before or after the verb."""
    for child in verb.children:
        # (a gerund has no inverted subject: 'by calling out Trump for his “lies”' calls Trump out)
        # (nor is a name inside the quotation the verb introduces: 'and joked, “Bernie or Bust people, …”')
        if child.dep_ in {"dobj", "attr"} and child.i > verb.i and child.ent_type_ == "PERSON" and verb.tag_ != "VBG" \
                and not any(t.text in OPENING_MARKS for t in verb.doc[verb.i + 1 : child.i]):
            return child  # an inverted subject taken for the object ('…,” said Ms Lee')
    # (not the subject of a verb inside a quotation that closes before this one: '“… We will achieve justice,” Tulsa
    # police Chief Chuck Jordan said', parsed as a conjunct of 'achieve')
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ == "VERB" and verb.i > verb.head.i \
            and not _quoted(verb.head, verb):
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and _after_other_people(verb):
            return None  # (whose participle it is, the parse cannot say: nobody's)
        shared = [c for c in verb.head.children if c.dep_ in SUBJECTS]
        named = [c for c in shared if c.ent_type_ == "PERSON"]
        if shared:  # (of several parsed subjects, the name: 'Facebook co-founder Mark Zuckerberg tweeted … and said')
            return named[-1] if len(shared) > 1 and named else shared[0]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.pos_ == "VERB":
        for child in verb.head.head.children:  # 'X was quoted as saying …'
            if child.dep_ in SUBJECTS:
                return child
    if verb.dep_ == "pcomp" and verb.head.lower_ in {"after", "before", "while", "whilst"} and verb.head.head.pos_ == "VERB" \
            and verb.head.i > verb.head.head.i and not any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        for child in verb.head.head.children:  # 'X came in for criticism after saying …' ('after being asked': not X's)
            if child.dep_ == "nsubj":
                return child
    before = verb.i - 1 - (verb.i > 1 and verb.doc[verb.i - 1].text == ",")  # ('… the Hon. Aubyn Hill, told')
    while before >= 2 and verb.doc[before].lower_.strip(".") in CREDENTIALS and verb.doc[before - 1].text == ",":
        before -= 2  # (past the letters after the name: 'Tom Molomby, SC, said')
    if before >= 0 and verb.doc[before].ent_type_ == "PERSON" and verb.doc[before].pos_ == "PROPN":
        return verb.doc[before]  # the parser lost the subject ('… Chief Executive Satya Nadella said that …')
    for child in verb.children:
        # the same with the name mis-tagged ('…,” wrote Fadem'): a proper noun right after the verb;
        # the caller still needs a known person
        if child.dep_ in {"dobj", "attr"} and child.pos_ == "PROPN" and child.left_edge.i == verb.i + 1 and verb.tag_ != "VBG":
            return child
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].ent_type_ == "PERSON" and doc[verb.i + 1].ent_iob_ == "B" \
            and verb.tag_ == "VBD" and verb.i > 0 and doc[verb.i - 1].text in {",", "”", '"'}:
        # an inverted subject the parser gave to a second verb ('“…,” said Jean-Paul Claverie, advisor to
        # Arnault, told Observer'): the name right after the verb, to its last word
        end = verb.i + 1
        while end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I":
            end += 1
        return doc[end]
    return None


def _quoted(inner: Token, verb: Token) -> bool:
    """Whether ``inner`` stands inside a quotation that closes before ``verb`` (a closing mark between them, and no
    opening one before it: 'called the plan “a disaster” and said' quotes between two verbs of one speaker)."""
    between = verb.doc[inner.i + 1 : verb.i]
    closing = next((t.i for t in between if t.text in CLOSING_MARKS), None)
    return closing is not None and not any(t.text in OPENING_MARKS for t in verb.doc[inner.i + 1 : closing])


def _after_other_people(verb: Token) -> bool:
    """Whether a participle follows named members of a group of people in a phrase of the clause before ('X and Y
    remain confident despite a few supporters of the bill, such as Bob Corker and Lindsey Graham, now saying …': the
    supporters say it, though the parser hung 'saying' on 'remain'); not a person as the object ('Trump attacked
    Clinton, saying …', 'lashed out at Clinton, saying …'), nor a group no one of which is named ('praised her
    advocacy for families and children, saying …'): the subject says it."""
    prev = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    while prev is not None and prev.i > verb.head.i and (prev.is_punct or prev.pos_ == "ADV"):
        prev = verb.doc[prev.i - 1]
    if prev is None or prev.i <= verb.head.i:
        return False
    tok, named = prev, False
    while tok.i != verb.head.i and tok.head.i != tok.i:
        named = named or tok.ent_type_ == "PERSON"
        if named and tok.tag_ == "NNS" and tok.lemma_.lower() in PERSON_ROLE_NOUNS | UNNAMED_HEADS \
                and any(a.dep_ == "prep" for a in [tok, *tok.ancestors] if a.i > verb.head.i):
            return True
        tok = tok.head
    return False


def says(tok: Token) -> bool:
    """Whether a token is the one saying: subject of an attribution verb, the inverted subject right
    after it ('…,” said Opelka'), or the source after 'according to'."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ == "to" and verb.i > 0 and tok.doc[verb.i - 1].lower_ == "according":
        return True  # ('According to Parrington, …')
    if verb.pos_ not in VERBAL or verb.lemma_.lower() not in QUOTE_CUES:
        return False
    # (inverted only after a quotation or a comma: '“…,” said Opelka', not 'Add Windows applications')
    return tok.dep_ in SUBJECTS or tok.dep_ in {"dobj", "attr"} and tok.i == verb.i + 1 \
        and verb.i > 0 and tok.doc[verb.i - 1].text in INVERSION_MARKS


def in_reduced_relative(subj: Token) -> bool:
    """Whether a name the parser made a subject follows an article and a common noun it belongs to: 'a prospect
    Vindman denied' is a prospect (that) Vindman denied, not Vindman denying the sentence before it ('the 14th-ranked
    Schwartzman', 'counsel Steve Castor' are the name's own words)."""
    left = [c for c in subj.children if c.i < subj.i]
    return subj.pos_ == "PROPN" and any(c.dep_ == "det" for c in left) and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in PERSON_ROLE_NOUNS and not agent_word(c.lower_)
        for c in left)


def opens_with_subject(verb: Token) -> bool:
    """Whether the verb's sentence opens with its subject or the verb itself ('He Jianxiong, the former
    director, said …', 'said Ms Lee'; not 'After the match, Nabil Maaloul said …')."""
    s = sent(verb)
    first = next((t for t in s if not t.is_punct and not t.is_space), None)
    if first is None or first.i == verb.i:
        return first is not None
    subj = subject(verb)
    return subj is not None and subj.left_edge.i <= first.i


def fronted_affiliation(subj: Token) -> tuple[str, int, int] | None:
    """'From the Copernicus Climate Change Service, Samantha Burgess confirms …': the organisation put
    before the speaker, as the article words it."""
    verb = subj.head
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from" and prep.i < subj.i and prep.i == sent(verb).start \
                and any(c.dep_ == "pobj" and c.ent_type_ == "ORG" for c in prep.children):
            return phrase(verb.doc, prep.i, prep.right_edge.i + 1)
    return None


def exemplified(subj: Token) -> Token | None:
    """The named example of a group subject: 'researchers like X', 'experts such as X' -> X."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in UNNAMED_HEADS:
        return None
    for prep in subj.children:
        if prep.dep_ == "prep" and (prep.lower_ == "like" or prep.lower_ == "as" and prep.i > 0 and subj.doc[prep.i - 1].lower_ == "such"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ == "PERSON":
                return pobj
    return None


def object_of(verb: Token) -> Token | None:
    """The object that carries what was said with verbs like 'voice' and 'express' ('call for …'), or what the
    speaker judges with 'call' and 'dismiss' ('called the plan a mistake', 'dismissed the plan as a stunt'; not
    'called the police', 'called her son Tom', 'dismissed the employee')."""
    lemma = verb.lemma_.lower()
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma == "call":
        # (not 'what he called “experiments”', 'which he calls “superminds”': a name for a thing)
        judged = dobj is not None and dobj.tag_ not in {"WDT", "WP"} and any(
            c.dep_ == "oprd" and c.pos_ in {"NOUN", "ADJ"} for c in verb.children)
        return dobj if judged else next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    if lemma in JUDGING_AS_VERBS:
        # ('dismissed the plan as a stunt', 'had dubbed Sondland's role as “the Gordon problem”', 'branded the deal a
        # betrayal'; not 'dismissed the employee', 'dubbed the film into French')
        judged = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or lemma != "dismiss" and any(
            c.dep_ == "oprd" and c.pos_ in {"NOUN", "ADJ"} for c in verb.children)
        return dobj if judged and dobj is not None and dobj.tag_ not in {"WDT", "WP"} else None
    return dobj


def has_person_role(tok: Token) -> bool:
    """A role noun as apposition or pre-modifier of this name ('X, an editor at …'; 'historian X')."""
    for child in tok.children:
        if child.dep_ in {"appos", "compound", "amod"} and child.lemma_.lower() in PERSON_ROLE_NOUNS:
            return True
        if child.dep_ == "appos" and any(c.dep_ == "conj" and c.lemma_.lower() in PERSON_ROLE_NOUNS for c in child.children):
            return True
    return tok.dep_ == "appos" and tok.head.lemma_.lower() in PERSON_ROLE_NOUNS


def putting_it(verb: Token) -> bool:
    """'X put it bluntly', 'X summed it up', 'X was blunt': a verb announcing the speaker's own words."""
    lemma = verb.lemma_.lower()
    if lemma in PUTTING_VERBS:
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    return lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in MANNER_WORDS for c in verb.children)


def clause(verb: Token) -> Token | None:
    """The clause a speech verb reports: its ccomp, or the clause after a nearby 'that'.
    Belief verbs need a finite clause ('experts believe that …', not 'doctors don't think to ask')."""
    deps = {"ccomp"} if verb.lemma_.lower() in BELIEF_VERBS | PROMISE_VERBS else {"ccomp", "xcomp"}
    for child in verb.children:
        # (a clause with its own subject whose verb the tagger took for an adjective: 'noted, such cuts rarely last')
        # (not a small clause: 'found it difficult to talk')
        if child.dep_ in deps and (child.pos_ in VERBAL or child.dep_ == "ccomp" and any(
                c.dep_ in SUBJECTS and c.lower_ not in {"it", "this", "that"} for c in child.children)):
            return child
    found = _clause_of_lemma(verb)
    return found if found is not None else _clause_hung_elsewhere(verb)


def reporting_verbs(verb: Token) -> list[Token]:
    """The other verbs of saying or believing whose reported clause holds ``verb``, nearest first: an ancestor
    ('Earnest said Obama has called for …', 'Merrill says Machado promised … and said …') or an attribution
    hung on it ('Clinton had told police …, the source added.'). Not negated ones ('X did not say …')."""
    found = []
    for a in (*verb.ancestors, *(c for c in verb.children if c.dep_ in {"parataxis", "conj"})):
        if a.lemma_.lower() not in CUE_VERBS or a.pos_ != "VERB" or any(c.dep_ == "neg" for c in a.children) \
                or (subj := subject(a)) is not None and in_reduced_relative(subj):
            continue  # (nor '…, a prospect Vindman denied': what he denied is the prospect)
        said = clause(a)
        if said is not None and said.i != a.i and said.left_edge.i <= verb.i <= said.right_edge.i \
                or a.i > verb.i and _closing_attribution(a):
            found.append(a)
    return found


def _closing_attribution(verb: Token) -> bool:
    """'…, but the police overruled that request, the source added.': a subject and its verb of saying set off by a
    comma at the end of the sentence attribute the whole sentence (the parser may make them a conjunct of its verb)."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i < verb.i), None)
    doc = verb.doc
    return subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == "," \
        and all(t.is_punct or t.is_space for t in doc[verb.i + 1 : sent(verb).end])


def _clause_of_lemma(verb: Token) -> Token | None:
    """What a plea asks for, what a warning is of, and the clause the parser hangs on the one told."""
    lemma = verb.lemma_.lower()
    if lemma == "plead":
        # 'X pleaded with the council to fix the road': what they asked for
        plea = next((c for c in verb.children if c.dep_ in {"advcl", "xcomp"} and c.pos_ == "VERB"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if plea is not None:
            return plea
    if lemma in WARNING_VERBS:
        # 'researchers are warning of a new ransomware …': the warning's content follows 'of'/'about'
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"of", "about", "against"}), None)
        if prep is not None and any(c.dep_ in {"pobj", "pcomp"} for c in prep.children):
            return prep
    if lemma in TELLING_VERBS:
        # 'X told officers he had swerved …': the parser hangs the reported clause on the listener
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for rel in (c for c in obj.children if c.dep_ == "relcl" and c.i > obj.i):
                if not any(t.lower_ in {"who", "whom", "which", "that", "whose"} for t in rel.children):
                    return rel
    return None


def _clause_hung_elsewhere(verb: Token) -> Token | None:
    """The reported clause when the verb is set off inside it or after it ('…, authorities said, and …',
    'As Dr. X noted at the time, …', 'X told reporters at a press conference that …')."""
    # "The operation began in July, authorities said, and …": the verb hangs off the clause it reports
    if verb.dep_ == "parataxis" and verb.head.pos_ in VERBAL:
        return verb.head
    # "Creating birch tar, the researchers note, requires …": set off by commas, the parse made the rest of
    # the sentence a conjunct of the verb
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    doc = verb.doc
    if verb.dep_ == "ROOT" and subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == "," \
            and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ",":
        rest = next((c for c in verb.children if c.dep_ == "conj" and c.i > verb.i + 1 and c.pos_ in VERBAL), None)
        if rest is not None:
            return rest
    # "As Dr. X noted at the time, the disease meant …": the main clause is what was said ('As he said
    # goodbye, …' has an object and reports nothing)
    if verb.dep_ == "advcl" and verb.head.pos_ in VERBAL \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and not any(c.dep_ in {"ccomp", "xcomp"} or c.dep_ == "dobj" and verb.lemma_.lower() != "tell"
                        for c in verb.children):  # ('As Heald told The Huffington Post, …': the listener)
        if verb.i < verb.head.i:
            between = verb.doc[verb.i + 1 : verb.head.i]
            comma = next((t.i for t in between if t.text == ","), None)
            if comma is not None and not any(t.pos_ in VERBAL for t in verb.doc[verb.i + 1 : comma]):
                return verb.head
        elif verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == "," \
                and all(t.is_punct or t.is_space for t in verb.doc[verb.right_edge.i + 1 : sent(verb).end]):
            return verb.head  # '…, as my colleague Geoffrey Skelley wrote recently.' closing the sentence
    # "X told reporters at a press conference that …": the parser may hang the clause elsewhere
    for tok in verb.doc[verb.i + 1 : min(verb.i + 9, sent(verb).end)]:
        if tok.lower_ == "that" and tok.head.i > tok.i:  # 'mark', or mis-parsed as a relative pronoun
            if tok.head.dep_ == "relcl" and tok.dep_ != "mark" and not (
                    tok.head.head.head.i == verb.i and tok.head.head.dep_ in {"dobj", "dative"}):
                # (a relative pronoun with a part in its clause: 'the strong leader that Mr. Trump so admires'; not on
                # the one told, 'tells the paper that he fought with …', the parser's relative clause)
                break
            return tok.head
        if tok.pos_ == "VERB" or tok.is_punct and tok.text in ".;":
            break
    return None


def proper(tok: Token) -> bool:
    """A proper noun, or a capitalised word the tagger called a noun with nothing making it one
    ('Figgins declined'; not 'the Depot said')."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.is_title and not any(c.dep_ == "det" for c in tok.children)


def hyphenated_start(doc: Doc, start: int) -> int:
    """Where a name starting at ``start`` really starts when capitalised words are joined to it by
    hyphens ('Eva-Marie Persson' from 'Marie')."""
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
        start -= 2
    return start


def person_noun(tok: Token) -> bool:
    """A noun for a person: a known role, a title, or a word formed the way agent nouns are ('dermatologist',
    'obstetrician', 'founder'); not 'label' or 'couple'."""
    return tok.lemma_.lower() in PERSON_ROLE_NOUNS or tok.pos_ == "PROPN" or tok.is_upper or agent_word(tok.lower_)


def agent_word(word: str) -> bool:
    """A lower-case word formed the way agent nouns are ('dermatologist', 'founder', 'executive')."""
    return word.endswith(("ist", "ian", "er", "or", "ant", "ent", "eer", "ee", "ive", "man", "woman", "person"))


def epithet(tok: Token) -> bool:
    """'the mayor', 'the Conservative MP': a definite role noun standing for a person, with nothing
    after it that would make it someone else ('the mayor of Paris', 'the minister who …')."""
    # (a capitalised head that also names newspapers names one: 'The Hollywood Reporter', 'The Economist')
    return tok.tag_ in {"NN", "NNP"} and tok.lemma_.lower() in PERSON_ROLE_NOUNS and tok.ent_type_ == "" \
        and not (tok.is_title and tok.lower_ in PUBLICATION_WORDS) \
        and any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children) \
        and not any(c.dep_ in _NOUN_TAILS for c in tok.children)


def share_of_group(tok: Token) -> bool:
    """'some of Epstein’s accusers', 'one of the teams': a pronoun or number that says which part of a group."""
    return tok.pos_ in {"PRON", "NUM"} and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"} for o in p.children)
        for p in tok.children)


def held_view(verb: Token) -> tuple[Token, Token] | None:
    """'are of the view (opinion, belief) that …': the noun and the clause that says the view."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in HELD_VIEW_NOUNS:
                found = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.pos_ in VERBAL
                              and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
                if found is not None:
                    return noun, found
    return None


def age_epithet(tok: Token) -> bool:
    """'the 56-year-old', 'The 31-year-old': an age standing for a person, with nothing after it that would make it
    someone else ('the 56-year-old from Leeds', 'the 31-year-old who …')."""
    words = tok.doc[tok.left_edge.i : tok.i + 1]
    return tok.lower_ == "old" and len(words) == 6 and words[0].lower_ == "the" and words[1].like_num \
        and [w.lower_ for w in words[2:5]] == ["-", "year", "-"] and not any(c.dep_ in _NOUN_TAILS for c in tok.children)


def role_noun(tok: Token) -> bool:
    """A common noun, or a title the tagger calls a proper noun ('The institute’s CEO, Oren Etzioni'; 'Cmdr.
    Sean Robertson, …, told')."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.ent_type_ == "" and (
        tok.lemma_.lower() in PERSON_ROLE_NOUNS or is_title_abbreviation(tok))


def is_title_abbreviation(tok: Token) -> bool:
    """'Cmdr', 'Hon.' or 'Dr': a title written short."""
    word = tok.lower_.rstrip(".")
    return word + "." in TITLE_ABBREVIATIONS or word in HONORIFICS


def is_age(words: Span) -> list[int]:
    """Indices of the 'old' of each 'NN-year-old' among ``words`` ('43-year-old Martin Taylor')."""
    doc = words.doc
    return [t.i for t in words if t.lower_ == "old" and t.i >= 2 and doc[t.i - 2].lower_ in AGE_UNITS]
