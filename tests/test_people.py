"""The people stage on small texts written for one rule each, and on the seed page."""

import pytest

from backstory.extract import extract
from backstory.nlp import load_model
from backstory.people import find_bio, find_people, role_of
from backstory.settings import default_model

from conftest import SEED_URL


@pytest.fixture(scope="module")
def model():
    return load_model(default_model())


def run(model, *paragraphs, authors=()):
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return text, find_people(model, text, spans, list(authors))


def cited(result):
    return {p.name: p for p in result.cited}


def test_direct_quote_with_role_before_name(model):
    text, r = run(model, "“The ceasefire will not hold for long, and everyone in the region knows it,” "
                         "political analyst Andrew Korybko said.")
    people = cited(r)
    assert list(people) == ["Andrew Korybko"]
    k = people["Andrew Korybko"]
    assert k.role == "political analyst"
    q = k.quotes[0]
    assert (q.kind, q.cue) == ("direct", "said")
    assert text[q.start:q.end] == q.text and q.text.startswith("The ceasefire")


def test_said_before_name_and_apposition_role(model):
    _, r = run(model, "“We have seen prices rise every month since the spring,” said Maria Lopez, "
                      "an economist at the University of Chicago.")
    person = cited(r)["Maria Lopez"]
    assert person.role == "economist at the University of Chicago"


def test_indirect_quote_and_last_name_merge(model):
    text, r = run(
        model,
        "Jane Whitfield, a spokesperson for the ministry, said that the talks would resume next week in Geneva.",
        "Whitfield added that no date had been fixed for the second round of negotiations.",
    )
    people = cited(r)
    assert list(people) == ["Jane Whitfield"]
    p = people["Jane Whitfield"]
    assert p.role == "spokesperson for the ministry"
    assert len(p.quotes) == 2 and {q.kind for q in p.quotes} == {"indirect"}
    assert {m.text for m in p.mentions} == {"Jane Whitfield", "Whitfield"}
    assert all(text[q.start:q.end] == q.text for q in p.quotes)


def test_according_to(model):
    _, r = run(model, "According to Thomas Becker, the shipments had already left the port by Friday evening.")
    p = cited(r)["Thomas Becker"]
    assert p.quotes[0].cue == "according to"


def test_per_a_named_person(model):
    _, r = run(model, "The budget will fall short by March, per Maria Alvarez, the city treasurer.")
    p = cited(r)["Maria Alvarez"]
    assert (p.quotes[0].cue, p.role) == ("per", "city treasurer")
    # a rate is no source, nor is a named person's document
    _, r = run(model, "Maria Alvarez paid $40 per person for the dinner, and the council paid the rest of the bill.",
               "Tickets cost $12 per adult, per the rules Maria Alvarez set last year for the festival.")
    assert cited(r) == {}


@pytest.mark.parametrize("lead", ["Maria Alvarez put it bluntly:", "Maria Alvarez summed it up:", "Maria Alvarez was blunt:"])
def test_words_announced_by_how_the_speaker_put_them(model, lead):
    _, r = run(model, "Maria Alvarez runs the bakery on Main Street.", f"{lead} “We are losing money every single day.”")
    assert [q.text for q in cited(r)["Maria Alvarez"].quotes] == ["We are losing money every single day."]


@pytest.mark.parametrize("lead", ["Maria Alvarez was blunt.", "Maria Alvarez put it bluntly."])
def test_words_announced_by_a_sentence_of_their_own(model, lead):
    _, r = run(model, f"{lead} “We are losing money every single day.” The council did not reply.")
    assert [q.text for q in cited(r)["Maria Alvarez"].quotes] == ["We are losing money every single day."]


def test_announced_words_that_say_who_else_spoke_them(model):
    # the quotation's own sentence names what spoke it; nor does a sentence that goes on after 'blunt' announce
    _, r = run(model, "Maria Alvarez was blunt. “No dogs are allowed in the park,” the sign read.",
               "Maria Alvarez was blunt with the staff. “No dogs are allowed in the park.”")
    assert cited(r) == {}


def test_quotation_left_open_for_the_next_paragraph(model):
    """A paragraph that opens a quotation and leaves it open carries on in the next one: both are the words of
    whoever the next paragraph's quotation is attributed to."""
    _, r = run(model, "“The plan is dead,” Tom Roe said.", "“We all know it.", "“The council knows it too,” Maria Alvarez said.")
    people = cited(r)
    assert [q.text for q in people["Maria Alvarez"].quotes] == ["We all know it.", "The council knows it too"]
    assert [q.text for q in people["Tom Roe"].quotes] == ["The plan is dead"]
    # a quotation closed in its own paragraph does not carry on
    _, r = run(model, "“We all know it.”", "“The council knows it too,” Maria Alvarez said.")
    assert [q.text for q in cited(r)["Maria Alvarez"].quotes] == ["The council knows it too"]


def test_quotation_signed_with_a_dash(model):
    _, r = run(model, "“We are losing money every single day.” — Maria Alvarez, city treasurer")
    p = cited(r)["Maria Alvarez"]
    assert ([(q.text, q.cue) for q in p.quotes], p.role) == ([("We are losing money every single day.", "(no verb)")],
                                                             "city treasurer")
    # a dash before what is not a name's signature
    _, r = run(model, "“No dogs are allowed in the park” — Maria Alvarez’s favourite sign, at the gate.")
    assert cited(r) == {}


def test_words_after_a_colon_that_are_not_the_subjects(model):
    _, r = run(model, "Maria Alvarez read the sign aloud: “No entry for trucks after six in the evening.”",
               "Maria Alvarez put the box down: “No entry for trucks after six in the evening.”")
    assert cited(r) == {}


@pytest.mark.parametrize("lead, role", [("Maria Alvarez, the city treasurer:", "city treasurer"),
                                        ("Treasurer Maria Alvarez:", "Treasurer"), ("Maria Alvarez:", None)])
def test_words_after_the_speakers_name_and_a_colon(model, lead, role):
    _, r = run(model, "The council met on Monday to discuss the budget.", f"{lead} “We are losing money every single day.”")
    p = cited(r)["Maria Alvarez"]
    assert [(q.text, q.cue) for q in p.quotes] == [("We are losing money every single day.", "(no verb)")]
    assert p.role == role


@pytest.mark.parametrize("lead", ["Maria Alvarez and the mayor:", "The sign outside Maria Alvarez's shop:",
                                  "A message to Maria Alvarez:", "On Maria Alvarez, the treasurer:"])
def test_words_after_a_colon_that_only_names_someone(model, lead):
    _, r = run(model, "The council met on Monday to discuss the budget.", f"{lead} “We are losing money every single day.”")
    assert cited(r) == {}


@pytest.mark.parametrize("noun", ["estimate", "calculations", "testimony"])
def test_according_to_a_persons_own_working_out(model, noun):
    _, r = run(model, f"The repairs will cost about $4 million, according to Maria Alvarez's {noun}.")
    assert cited(r)["Maria Alvarez"].quotes[0].cue == "according to"


@pytest.mark.parametrize("sentence, cue", [
    ("The report, written by Maria Alvarez, found that the plan would cost twice as much.", "found"),
    ("A study led by Maria Alvarez found that the plan would cost twice as much.", "found"),
    ("Maria Alvarez's research shows that the plan would cost twice as much.", "shows"),
    ("Research by Maria Alvarez shows that the plan would cost twice as much.", "shows"),
    ("The plan would cost twice as much, according to a paper published by Maria Alvarez.", "according to"),
])
def test_findings_of_a_work_by_a_named_author(model, sentence, cue):
    _, r = run(model, sentence)
    assert cited(r)["Maria Alvarez"].quotes[0].cue == cue


@pytest.mark.parametrize("sentence", [
    "A study of Maria Alvarez's patients found that the drug works.",  # about her, not by her
    "Research by Maria Alvarez's team shows that the drug works.",  # her team's
    "Maria Alvarez's death shows that the system failed.",  # no work of hers
])
def test_findings_not_by_the_person_named(model, sentence):
    _, r = run(model, sentence)
    assert cited(r) == {}


@pytest.mark.parametrize("noun", ["lawyer", "office", "family"])
def test_according_to_those_who_speak_for_a_person(model, noun):
    _, r = run(model, f"The repairs will cost about $4 million, according to Maria Alvarez's {noun}.")
    assert cited(r) == {}


def test_per_a_reporter_passing_on_anothers_words(model):
    _, r = run(model, "Emily Feng covers China for the network.",
               "“Don't hide things like this from us,” one commenter said, per Feng.")
    assert cited(r) == {}


def test_a_small_clause_after_find_is_no_claim(model):
    _, r = run(model, "Valerie Smith still found it difficult to talk about the events of that year.")
    assert cited(r) == {}


def test_as_x_noted_with_the_verb_the_tagger_takes_for_an_adjective(model):
    # ('last' in 'such cuts rarely last' is tagged as an adjective: the reported clause still has its subject)
    text, r = run(model, "As Maria Alvarez, a historian at Yale, noted, such cuts rarely last.")
    p = cited(r)["Maria Alvarez"]
    assert p.role == "historian at Yale"
    assert p.quotes[0].text.startswith("such cuts rarely last")


def test_told_with_clause(model):
    _, r = run(model, "Emirates President Tim Clark told reporters at a press conference that the airline "
                      "would recommence its expansion in the early 2020s.")
    p = cited(r)["Tim Clark"]
    assert p.quotes[0].cue == "told"
    assert p.quotes[0].text.startswith("the airline would recommence")


def test_pronoun_quote_goes_to_last_speaker(model):
    _, r = run(model, "Sarah Connolly said the plan was sound and would be carried out in stages.",
               "“We are confident the first stage will be finished on time,” she said.")
    p = cited(r)["Sarah Connolly"]
    assert [q.kind for q in p.quotes] == ["indirect", "direct"]


def test_mentioned_is_not_cited(model):
    _, r = run(model, "Relations have been in crisis since the election of Donald Trump, as the Republican "
                      "politician promises to achieve peace with Russia.")
    assert r.cited == []
    assert [p.name for p in r.mentioned] == ["Donald Trump"]


def test_scare_quotes_are_not_quotes(model):
    _, r = run(model, "Despite talk of “isolation”, Peter Hall visited Moscow twice this year.")
    assert r.cited == []


def test_unnamed_sources(model):
    _, r = run(model, "Some experts believe that the Ukrainian initiative was a serious mistake.",
               "Officials said the bridge would stay closed until the inspection ended.",
               "Analysts say the market has already priced in the rate cut.")
    assert [u.source for u in r.unnamed] == ["Some experts", "Officials", "Analysts"]
    assert r.cited == []


def test_author_is_not_cited_or_mentioned(model):
    _, r = run(model, "Lucas Leiroz said the attack was planned long in advance by the army command.",
               "You can follow Lucas on Telegram.", authors=["Lucas Leiroz"])
    assert r.cited == [] and r.mentioned == []


def test_bio_claims():
    text = ("Lucas Leiroz is a member of the BRICS Journalists Association, researcher at the Center for "
            "Geostrategic Studies, geopolitical consultant. You can follow Lucas on X. He is a regular contributor "
            "to Global Research.")
    bio = find_bio(text, [(0, len(text))], "Lucas Leiroz")
    claims = [(c.relation, c.organisation) for c in bio.claims]
    assert claims == [
        ("member of", "BRICS Journalists Association"),
        ("researcher at", "Center for Geostrategic Studies"),
        ("role", None),
        ("regular contributor to", "Global Research"),
    ]
    assert bio.claims[2].text == "geopolitical consultant"


def test_no_bio_without_author_lead():
    text = "Mr. Leiroz is said to be a member of several groups."
    assert find_bio(text, [(0, len(text))], "Lucas Leiroz") is None


def test_seed_page_people(model, seed_html):
    ex = extract(SEED_URL, seed_html, max_chars=10**7)
    r = find_people(model, ex.text, ex.paragraphs, ["Lucas Leiroz"])
    assert [p.name for p in r.cited] == ["Andrew Korybko"]
    k = r.cited[0]
    assert k.role == "political analyst"
    assert k.quotes[0].text.startswith("Ukraine’s large-scale drone attack")
    assert k.quotes[0].text.endswith("at this pivotal moment in the conflict")
    assert [p.name for p in r.mentioned] == ["Donald Trump"]
    assert [u.text for u in r.unnamed] == ["Some experts believe that the Ukrainian initiative was a serious mistake."]
    assert "Lucas Leiroz" in r.bios


def test_hyphenated_surname_tagged_as_organisation(model):
    _, r = run(model, "The briefing was led by Chief Education Officer Dr Ramona Smith-Carter.",
               "Smith-Carter said consent forms had been sent to parents last week and most had answered.")
    p = cited(r)["Ramona Smith-Carter"]
    assert p.quotes[0].cue == "said" and p.quotes[0].text.startswith("consent forms had been sent")


def test_name_particle_des(model):
    _, r = run(model, "“We are fully committed to bringing the painting home,” said Laurence des Cars, "
                      "the museum’s president, in an interview.")
    assert list(cited(r)) == ["Laurence des Cars"]


def test_relative_pronoun_speaker(model):
    _, r = run(model, "Handing over the boxes was clinic vet Dr. Helen Marsh who expressed excitement to be "
                      "able to donate the supplies to the shelter.")
    p = cited(r)["Helen Marsh"]
    assert p.quotes[0].cue == "expressed"
    assert p.quotes[0].text.endswith("donate the supplies to the shelter")


def test_group_subject_with_named_example(model):
    _, r = run(model, "Researchers like Tomas Oduya from the University of Leeds attribute this rise to a "
                      "combination of factors, including emissions and the El Niño pattern.")
    p = cited(r)["Tomas Oduya"]
    assert p.quotes[0].cue == "attribute" and "combination of factors" in p.quotes[0].text
    assert r.unnamed == []


def test_interview_answers_by_label(model):
    text, r = run(
        model,
        "Dana Whitcombe and Lee Ortega run the night desk; we asked them how it started.",
        "How did you get into journalism?",
        "Dana: I was writing for the school paper long before I knew it could be a job.",
        "LEE ORTEGA: I came from radio, and the night shift was the only opening at the time.",
        "What keeps you on nights?",
        "Dana: We like the quiet, and the stories that only happen after midnight.",
        "Note: this interview has been edited for length.",
    )
    people = cited(r)
    assert set(people) == {"Dana Whitcombe", "Lee Ortega"}
    q = people["Dana Whitcombe"].quotes[0]
    assert (q.kind, q.cue) == ("direct", "interview answer")
    assert text[q.start:q.end] == q.text and q.text.startswith("I was writing")
    assert people["Lee Ortega"].quotes[0].text.startswith("I came from radio")


def test_label_without_question_is_not_an_answer(model):
    _, r = run(model, "Dana Whitcombe runs the night desk.",
               "Dana: a colleague's nickname for the desk, painted on its door.")
    assert r.cited == []


def test_middle_name_mention_merges(model):
    _, r = run(model, "Marie Etienne Duval said the fundraiser had already covered the first month of care.",
               "“We hope someone out there can help us with the rest of the treatment,” Etienne said.")
    assert list(cited(r)) == ["Marie Etienne Duval"]
    assert len(cited(r)["Marie Etienne Duval"].quotes) == 2


def test_single_interviewee_unlabelled_answers(model):
    text, r = run(
        model,
        "Sculptor Mara Lindqvist opens a show this weekend.",
        "WEEKLY: What is your work about?",
        "MARA LINDQVIST: Plants, mostly, and the families who kept them alive, mine among them.",
        "Why do you live in the city?",
        "It is home, and the light here is unlike anywhere else.",
        "What are you reading?",
    )
    quotes = cited(r)["Mara Lindqvist"].quotes
    assert [q.text for q in quotes] == ["Plants, mostly, and the families who kept them alive, mine among them.",
                                        "It is home, and the light here is unlike anywhere else."]


def test_passive_speech_verb_agent(model):
    _, r = run(model, "The new curfew was announced by Mayor Helen Okoro on Monday evening.")
    p = cited(r)["Helen Okoro"]
    assert p.quotes[0].cue == "announced" and p.quotes[0].kind == "indirect"


def test_quote_embedded_in_reported_clause(model):
    text, r = run(model, "Acting attorney Daniel Reyes said in the release the case shows that free speech does not "
                         "protect people who “make threats against elected officials, their families and their staff "
                         "members, whatever their reasons.”")
    p = cited(r)["Daniel Reyes"]
    assert p.quotes[0].cue == "said" and "make threats" in p.quotes[0].text


@pytest.mark.parametrize("sentence, name", [
    ("Jane Doe, 34, said she heard gunshots around midnight and called the police immediately.", "Jane Doe"),
    ("“I could not breathe at night,” 43-year-old Martin Hale of Aberdeen wrote in his account.", "Martin Hale"),
])
def test_age_is_not_a_role(model, sentence, name):
    _, r = run(model, sentence)
    assert cited(r)[name].role is None


@pytest.mark.parametrize("sentence, name, start, end", [
    ("Maria Gonzalez was quoted as saying that the merger would cost hundreds of jobs in the region.",
     "Maria Gonzalez", "the merger would cost", "in the region"),
    ("Emily Zhang, a nurse at the city hospital, described the scene as chaotic and overwhelming for staff.",
     "Emily Zhang", "the scene as chaotic", "for staff"),
    # an infinitive or a condition after the object or 'against …' belongs to the claim
    ("Acting Premier Jane Doe called for Smith and Jones to be afforded due process in the courts.",
     "Jane Doe", "for Smith and Jones", "to be afforded due process in the courts"),
    ("Health Secretary John Roe will warn against a blanket approach to closures unless absolutely necessary.",
     "John Roe", "against a blanket approach", "unless absolutely necessary"),
])
def test_extent_of_an_indirect_claim(model, sentence, name, start, end):
    _, r = run(model, sentence)
    said = cited(r)[name].quotes[0].text
    assert said.startswith(start) and said.endswith(end)


def test_age_is_cut_from_a_role(model):
    _, r = run(model, "“It will be part of my life forever,” 32-year-old admirer Gustav Lind told reporters.")
    assert cited(r)["Gustav Lind"].role == "admirer"


def test_role_reference_to_the_only_person_with_that_role(model):
    _, r = run(model, "Mayor Linda Park opened the new library on Saturday.",
               "“This is a great day for our city,” the mayor said.")
    assert [q.cue for q in cited(r)["Linda Park"].quotes] == ["said"]


def test_role_reference_with_two_candidates_is_not_resolved(model):
    _, r = run(model, "Mayor Linda Park and former mayor Joe Brant opened the new library on Saturday.",
               "“This is a great day for our city,” the mayor said.")
    assert r.cited == []


def test_subject_with_name_in_apposition(model):
    _, r = run(model, "The report's author, Dr. Ahmed Karimi, warned that the findings could not be generalised.")
    assert cited(r)["Ahmed Karimi"].quotes[0].cue == "warned"


def test_told_listener_clause(model):
    _, r = run(model, "Police identified the driver as Thomas Reed, 45, of Dayton.",
               "Reed told officers he had swerved to avoid a deer on the highway.")
    p = cited(r)["Thomas Reed"]
    assert p.quotes[0].text.startswith("he had swerved")


def test_quote_signed_without_a_verb(model):
    _, r = run(model, "“The situation is under control and no one was hurt,” Augusto Reyes, Director of the "
                      "Emergency Agency.")
    p = cited(r)["Augusto Reyes"]
    assert (p.quotes[0].cue, p.quotes[0].kind) == ("(no verb)", "direct")
    assert p.role == "Director of the Emergency Agency"


def test_name_after_a_quote_as_new_sentence_is_not_a_signature(model):
    _, r = run(model, "“The situation is under control and no one was hurt.” Augusto Reyes arrived an hour later.")
    assert r.cited == []


def test_communication_verb_with_content_object(model):
    _, r = run(model, "In June, Donald Trump announced his decision to pull the United States out of the Paris "
                      "Agreement.", "Mayor Ann Roe announced the winners.")
    assert list(cited(r)) == ["Donald Trump"]


def test_that_is_the_view_of(model):
    _, r = run(model, "The team will struggle to compete at the highest level next year. That is the view of "
                      "former captain Renaldo Gilkes.")
    q = cited(r)["Renaldo Gilkes"].quotes[0]
    assert q.text.startswith("The team will struggle") and q.cue == "that is the view of"


def test_parenthetical_citation(model):
    _, r = run(model, "Friederike Otto leads the group. Warming is a harbinger of worse to come (Otto 2023).",
               "The suspect was arrested on Main Street (Jane Miller, 34, a witness).")
    assert list(cited(r)) == ["Friederike Otto"]
    assert cited(r)["Friederike Otto"].quotes[0].cue == "(parenthetical citation)"


def test_plural_role_reference_stays_unnamed(model):
    _, r = run(model, "Energy expert Bill Powers has studied the grid for decades.",
               "The energy experts noted that peak use over the weekend fell below the peaks of other years.")
    assert r.cited == [] and [u.source for u in r.unnamed] == ["The energy experts"]


def test_more_unnamed_sourcing(model):
    _, r = run(model, "Researchers are warning of a new ransomware spreading through online forums and text messages.",
               "Detectives believe the car was taken without the owner's permission.",
               "Researchers found that the malicious links had been clicked thousands of times.",
               "Police said the road would reopen on Monday.")
    assert [u.source for u in r.unnamed] == ["Researchers", "Detectives", "Researchers"]


def test_sides_in_a_debate_are_unnamed_sources(model):
    _, r = run(model, "Opponents argue that the plan is far too expensive for a small town.",
               "Backers of tariffs say that they help American companies compete.",
               "Skeptics doubt the plan will ever pay for itself.")
    assert [u.source for u in r.unnamed] == ["Opponents", "Backers of tariffs", "Skeptics"]


def test_a_question_asserts_nothing_for_unnamed_sources(model):
    _, r = run(model, "Is it fair to say that the event was not as bad as the sceptics thought it would be?",
               "The sceptics thought it would be a disaster.")
    assert [u.text for u in r.unnamed] == ["The sceptics thought it would be a disaster."]


def test_according_to_a_document_from_a_person(model):
    _, r = run(model, "According to a statement from Governor Ann Walsh, the shelters will stay open through the weekend.")
    assert cited(r)["Ann Walsh"].quotes[0].cue == "according to"


def test_cautioned_against(model):
    _, r = run(model, "Dr. Ravi Menon, an epidemiologist, cautioned against reading too much into a single week of data.")
    p = cited(r)["Ravi Menon"]
    assert p.role == "epidemiologist" and "reading too much" in p.quotes[0].text


def test_quote_cues_that_report_nothing_alone(model):
    _, r = run(model, "Maria Lopez runs the bakery on Elm Street.",
               "“We have never seen a winter like this one in thirty years,” Lopez laughed.",
               "Maria Lopez continued to work through the night.")
    p = cited(r)["Maria Lopez"]
    assert [q.cue for q in p.quotes] == ["laughed"]


def test_second_half_of_a_split_quote(model):
    text, r = run(model, "“We had no warning at all,” said resident Carla Diaz. “The water came in within minutes "
                         "and we lost everything.”",
                  "“This is a disgrace from start to finish,” one neighbour said. “Nobody came to help us.”")
    p = cited(r)["Carla Diaz"]
    assert [q.text for q in p.quotes] == ["We had no warning at all", "The water came in within minutes and we lost everything."]
    assert len(r.cited) == 1  # the unnamed neighbour's second half goes to no one


@pytest.mark.parametrize(("paragraphs", "name", "second"), [
    # a long attribution that names nobody else
    (["“We’re honoured to join this community of 14 providers, diverse providers that are taking us back to the moon. "
      "And we are going,” said Brent Sherwood, vice president of Advanced Development Programs at Blue Origin. "
      "“It’s very exciting times. We’re using our Blue Moon lander to get there.”"],
     "Brent Sherwood", "It’s very exciting times. We’re using our Blue Moon lander to get there."),
    # a hyphenated surname in the attribution
    (["Raquel Montoya-Lewis was sworn in on Monday as the first Native American justice of the state’s Supreme Court.",
      "“I was raised to remember that I come from those who survived. My ancestors survived attempts to eradicate "
      "their cultures, and yet as my father reminded me often ‘we survived,’” Montoya-Lewis said after her "
      "appointment. “I am here because of their resilience and their courage.”"],
     "Raquel Montoya-Lewis", "I am here because of their resilience and their courage."),
    # a sentence split by its attribution, the second half in lower case
    (["“He could have had a more successful career,” Patrick Nielsen Hayden, Teresa’s husband and Tor’s editor in "
      "chief, said, “if he had been more disciplined about his writing” and stuck to one genre, or written a series. "
      "“But Mike wanted to write what he wanted to write.”"],
     "Patrick Nielsen Hayden", "if he had been more disciplined about his writing"),
])
def test_second_half_after_a_longer_attribution(model, paragraphs, name, second):
    _, r = run(model, *paragraphs)
    assert second in [q.text for q in cited(r)[name].quotes]


def test_long_attribution_naming_someone_else_ends_the_quote(model):
    _, r = run(model, "“We are honoured to join this group of providers taking us back to the moon,” said Brent Sherwood, "
                      "who worked for years alongside the former astronaut Kathryn Sullivan at the agency. "
                      "“It is a very exciting time for all of us.”")
    quotes = [q.text for p in r.cited for q in p.quotes]
    assert "It is a very exciting time for all of us." not in [q.text for q in cited(r)["Brent Sherwood"].quotes]
    assert len(quotes) >= 1


@pytest.mark.parametrize(("paragraph", "name", "role"), [
    # a name the model calls an organisation, in apposition to the subject that gives the role
    ("“After a full assessment of what has emerged during the preliminary investigation, the evidence is not strong "
     "enough to file an indictment,” Sweden’s deputy director of public prosecutions, Eva-Marie Persson, said on Tuesday.",
     "Eva-Marie Persson", "Sweden’s deputy director of public prosecutions"),
    # the place at the end of the role stays in it
    ("“If the situation becomes uncontrollable, the government would not sit on its hands and watch,” China’s "
     "ambassador to Britain, Liu Xiaoming, said on Monday.", "Liu Xiaoming", "China’s ambassador to Britain"),
])
def test_role_given_by_the_subject_the_name_stands_beside(model, paragraph, name, role):
    _, r = run(model, paragraph)
    p = cited(r)[name]
    assert p.role == role and len(p.quotes[0].text.split()) >= 10


def test_hyphenated_given_name_opens_the_name(model):
    # the capitalised words before 'Eva-Marie' are the role, not more of her name
    doc = model("Deputy Director of Public Prosecution Eva-Marie Persson took the decision, the authority said.")
    assert role_of(next(t for t in doc if t.text == "Persson"), doc)[0] == "Deputy Director of Public Prosecution"


def test_pronoun_answer_goes_to_the_person_asked(model):
    _, r = run(model, "Raquel Montoya-Lewis was sworn in on Monday.",
               "At a press conference, a reporter asked Montoya-Lewis, “What do you see as the biggest problem with "
               "implicit bias in the courts right now?”",
               "“The biggest hurdle is getting people to understand that we all bring biases to our decisions,” she replied.")
    assert [q.text for q in cited(r)["Raquel Montoya-Lewis"].quotes] == [
        "The biggest hurdle is getting people to understand that we all bring biases to our decisions"]


def test_quote_running_over_paragraphs(model):
    _, r = run(model, "“We worked hard for this result,” coach Ana Ruiz said. “And we will keep working until the end",
               "“Next season we start again from the very beginning.”")
    quotes = cited(r)["Ana Ruiz"].quotes
    assert quotes[-1].text == "Next season we start again from the very beginning." and quotes[-1].cue == "(continued)"


def test_name_with_a_quoted_nickname(model):
    _, r = run(model, "The team will struggle next year. That is the view of football coach and administrator "
                      "Renaldo “Peewee” Gilkes as the Tridents prepare.",
               "Gilkes said the squad was young and needed more games against stronger teams.")
    p = cited(r)["Renaldo “Peewee” Gilkes"]
    assert len(p.quotes) == 2 and p.role == "administrator"


def test_places_credits_and_possessives_are_not_people(model):
    _, r = run(model, "The crash happened on Miller Drive near the school, police said.",
               "Residents of São Paulo saw the smoke; in São Paulo the sky went dark. Photo: Jonathan Nackstrand/AFP.",
               "Researchers compared it with DeepMind’s Go program.",
               "The program was first shown in 2016 by Sarah Collins, a researcher in London.")
    names = {p.name for p in r.mentioned} | {p.name for p in r.cited}
    assert not names & {"Miller Drive", "São Paulo", "Jonathan Nackstrand/AFP", "DeepMind’s Go"}
    assert "Sarah Collins" in names


def test_one_card_per_person_despite_ambiguous_and_short_names(model):
    _, r = run(model, "“It is like pouring everything into a small box,” Apte said.",
               "Joshua Apte, a professor of engineering, studies air quality. Josh Apte said the winter was worst.",
               "Tim Cook spoke first. “We love it here,” Cook said. Hosting Cook at the show was a dream, Benioff "
               "said. “I can feel his presence when I come here,” Cook said.")
    names = [p.name for p in r.cited]
    assert names.count("Joshua Apte") == 1 and "Apte" not in names and "Josh Apte" not in names
    assert names.count("Cook") <= 1 and names.count("Tim Cook") <= 1


def test_said_to_have_is_hearsay_about_the_subject(model):
    _, r = run(model, "Prince Andrew met the businessman in 2010.",
               "Queen Elizabeth is said to have been disapproving of the idea from the start.")
    assert "Queen Elizabeth" not in cited(r)
    assert [u.cue for u in r.unnamed] == ["said"]


def test_team_and_position_before_a_name(model):
    _, r = run(model, "Browns DL Sheldon Richardson said that the quarterback should be disciplined by the league.")
    assert list(cited(r)) == ["Sheldon Richardson"]


@pytest.mark.parametrize("role, rejected", [
    ('water in vapor form," lead researcher', True),
    ("“I’d Do Anything", True),
    ("“Today” show host", False),
    ("political analyst", False),
])
def test_roles_cut_from_quotations_are_dropped(role, rejected):
    from backstory.people.roles import _inside_quote
    assert _inside_quote(role) is rejected


def test_statement_introduced_by_a_colon(model):
    _, r = run(model, "Governor Ann Walsh issued the following statement:",
               "The state will not tolerate violence against its election workers, and those responsible will be prosecuted.",
               "Here is what we know about the suspect, Tom Hale:",
               "He was born in 1970 and grew up in Ohio before moving west.")
    assert list(cited(r)) == ["Ann Walsh"]
    q = cited(r)["Ann Walsh"].quotes[0]
    assert (q.cue, q.kind) == ("(statement)", "direct") and q.text.startswith("The state will not")


def test_police_log_with_name_labels_is_no_interview(model):
    _, r = run(model, "Who was arrested this week?",
               "Christopher Tays: Two county warrants, one out-of-county warrant, possession of a syringe.",
               "Ryan Hollman: Dealing in methamphetamine, possession of a controlled substance.",
               "Where were they taken?",
               "Victor Burton: Possession of methamphetamine, visiting a common nuisance.")
    assert r.cited == []


def test_passive_agent_hung_on_the_occasion_and_this_points_back(model):
    # the parser attaches 'by …' to 'conference'; 'This' stands for the sentence before
    text, r = run(model, "Mobile clinics will visit every secondary school before the end of the month. This was all "
                         "revealed yesterday in a televised press conference by Minister of Health Kay Brathwaite, "
                         "Chief Education Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer Dr Anton Best.")
    people = cited(r)
    assert set(people) == {"Kay Brathwaite", "Ramona Archer-Bradshaw", "Anton Best"}
    for p in people.values():
        q = p.quotes[0]
        assert q.text == "Mobile clinics will visit every secondary school before the end of the month."
        assert text[q.start:q.end] == q.text and q.cue == "revealed"
    assert people["Kay Brathwaite"].role == "Minister of Health"
    assert people["Ramona Archer-Bradshaw"].role == "Chief Education Officer"  # not '… Officer Dr'
    assert people["Anton Best"].role == "Acting Chief Medical Officer"


def test_passive_agent_of_a_noun_that_is_no_occasion_is_not_a_source(model):
    _, r = run(model, "This was revealed in a painting by Claude Monet that hangs in the museum's east wing.")
    assert not r.cited


def test_he_after_a_titled_surname(model):
    # 'Mr Anderson' is a surname shared by two people named in full; the title rules out Zoe, so 'he' is
    # Chris Anderson
    _, r = run(model, "Zoe Anderson, 24, died at the home of her father, publisher Chris Anderson.",
               "Mr Anderson had previously taken to the witness box during the trial.",
               "He told the jury how his daughter had been days away from starting a placement in New York.")
    people = cited(r)
    assert list(people) == ["Chris Anderson"]
    assert people["Chris Anderson"].quotes[0].text.startswith("how his daughter")


def test_she_never_resolves_to_a_mr(model):
    _, r = run(model, "Zoe Anderson, 24, died at the home of her father, publisher Chris Anderson.",
               "Mr Anderson had previously taken to the witness box during the trial.",
               "She told the jury how her sister had been days away from starting a placement in New York.")
    assert not r.cited


@pytest.mark.parametrize("sentence, name, role", [
    # the parser gives 'said' two subjects: the organisation or noun, and the name
    ('Wikileaks editor-in-chief Kristinn Hrafnsson said: "Let us now focus on the threat the extradition poses '
     'to journalists everywhere."', "Kristinn Hrafnsson", "editor-in-chief"),
    ("Rainfall occurs everywhere on Titan, but the equatorial regions are drier than the poles, said study co-author "
     "Anezina Solomonidou, a European Space Agency research fellow.", "Anezina Solomonidou", "co-author"),
])
def test_verb_with_two_subjects_takes_the_name(model, sentence, name, role):
    _, r = run(model, sentence)
    assert list(cited(r)) == [name]
    assert cited(r)[name].role == role


def test_curly_quote_closed_by_a_straight_mark(model):
    text, r = run(model, "“The end of the calendar year is a popular time for expensive vehicle purchases,\" "
                         "Jessica Caldwell, the site's executive director of industry analysis, said in a statement.")
    q = cited(r)["Jessica Caldwell"].quotes[0]
    assert q.kind == "direct" and q.text.startswith("The end of the calendar year")
    assert text[q.start:q.end] == q.text


def test_title_the_parser_calls_a_proper_noun(model):
    _, r = run(model, "The institute’s CEO, Oren Etzioni, says he is encouraged by the efforts of researchers, as "
                      "many papers now report the computing power behind them.")
    assert cited(r)["Oren Etzioni"].role == "institute’s CEO"


def test_a_name_in_a_role_before_a_name_stays(model):
    _, r = run(model, "“We will not comment on an ongoing investigation,” Biden spokesperson Andrew Bates said.")
    assert cited(r)["Andrew Bates"].role == "Biden spokesperson"


@pytest.mark.parametrize("paragraphs, name", [
    # a surname with a title, before or after the full name: one card
    (("International Trade Secretary Liz Truss faces growing pressure over the commission.",
      "Ms Truss has repeatedly insisted that the government will not lower the country's food standards."), "Liz Truss"),
    (("Ms Truss has repeatedly insisted that the government will not lower the country's food standards.",
      "International Trade Secretary Liz Truss faces growing pressure over the commission."), "Liz Truss"),
    # a double surname without the first name
    (("“Vitamin D matters most in winter,” said registered dietitian Amanda A. Kostro Miller.",
      "Kostro Miller said that most adults get enough vitamin C from their food alone."), "Amanda A. Kostro Miller"),
    # the model stopped at a particle
    (("Recently, Ursula von der Leyen stated that the goal is to cut emissions by more than half by 2030.",), "Ursula von der Leyen"),
])
def test_one_card_per_person(model, paragraphs, name):
    _, r = run(model, *paragraphs)
    assert [p.name for p in r.cited] == [name]
    assert not [p.name for p in r.mentioned if p.name != name and name.split()[-1] in p.name]


def test_as_noted_by_and_a_surname_taken_for_a_product(model):
    _, r = run(model, "A daily multivitamin can lower the risk of age-related eye disease, as noted by immunologist "
                      "Dr. Lina Velikova.",
               "Specifically, these strong little fighters can protect and preserve your eyes in several different "
               "ways, said Velikova.")
    p = cited(r)["Lina Velikova"]
    assert p.role == "immunologist"
    assert [q.cue for q in p.quotes] == ["noted", "said"]


def test_as_with_a_speech_verb_and_no_agent_names_nobody(model):
    _, r = run(model, "As noted in the report, the ministry will hire two hundred nurses before the winter, "
                      "Maria Lopez wrote in her column.")
    assert [q.cue for q in cited(r)["Maria Lopez"].quotes] == ["wrote"]


@pytest.mark.parametrize("sentence, name, role", [
    # (after a conjunction only: what stands before it may describe someone else)
    ("“The series will run for another year,” said writer and jewelry designer Elise Matthesen.",
     "Elise Matthesen", "jewelry designer"),
    ("- SoftBank CEO Masayoshi Son has told WeWork executives that the company must turn a profit by 2021.",
     "Masayoshi Son", "SoftBank CEO"),
])
def test_pre_modifier_roles_keep_their_words_and_lose_bullets(model, sentence, name, role):
    _, r = run(model, sentence)
    assert cited(r)[name].role == role


def test_publication_cited_with_as_noted_by_is_no_person(model):
    _, r = run(model, "Since those vitamins are found in most multivitamins, as noted by Verywell Fit, one pill a day "
                      "covers the dose.")
    assert not r.cited


def test_plural_noun_is_cut_from_a_name(model):
    _, r = run(model, "Stars including Jamie Oliver signed the letter.",
               "Chefs Jamie Oliver and Hugh Fearnley-Whittingstall demand assurances from the government.")
    names = [p.name for p in r.mentioned + r.cited]
    assert "Jamie Oliver" in names and not any(n.startswith("Chefs") for n in names)


@pytest.mark.parametrize(("text", "name", "role", "cue"), [
    # the role stops at a comma, and a time is no role
    ("Speaking from a stage at the company's headquarters in Redmond, Washington, Chief Executive Satya Nadella said "
     "that corporations need to create plans to remove carbon.", "Satya Nadella", "Chief Executive", "said"),
    # an organisation put before the speaker is their affiliation when no mention gives a role
    ("From the Copernicus Climate Change Service, Samantha Burgess confirms with high certainty that the global "
     "temperature has surpassed pre-industrial averages.", "Samantha Burgess", "From the Copernicus Climate Change Service",
     "confirms"),
    # the one name conjoined to a subject that is a description
    ('American academic and professor Marc Lamont Hill commented, "Hoping that the movement translates into a '
     'substantive national conversation on race and punishment."', "Marc Lamont Hill", "professor", "commented"),
    # 'remembers' after a quotation
    ("“We were amazed at how smart these goats were,” remembers Shanna Challenger, coordinator for the programme, "
     "with a laugh.", "Shanna Challenger", "coordinator for the programme", "remembers"),
])
def test_speaker_role_and_cue(model, text, name, role, cue):
    _, r = run(model, text)
    person = cited(r)[name]
    assert (person.role, person.quotes[0].cue) == (role, cue)


def test_a_name_nameparser_reads_as_titled_is_not_merged(model):
    _, r = run(model, "A vehicle driven by Royal Jackson was eastbound when it struck the ditch.",
               "A vehicle driven by Keyosha Jackson was southbound when it left the road.")
    assert {p.name for p in r.mentioned} >= {"Royal Jackson", "Keyosha Jackson"}


def test_role_opening_with_a_quoted_title_keeps_its_mark(model):
    _, r = run(model, "“Today” show host Hoda Kotb said the footage had stunned everyone in the studio.")
    assert cited(r)["Hoda Kotb"].role == "“Today” show host"


def test_she_is_the_person_brought_in_after_the_last_speaker(model):
    _, r = run(model, "“She lost seventy pounds that year and kept it off,” Kirstie Alley told the magazine.",
               "In 2014 the company's former marketing chief, Leesa Eichberger, spoke to Ad Age about the actress "
               "coming back. “Her humor and honesty about her weight set her apart from other spokespeople,” she said.")
    people = cited(r)
    assert [q.text for q in people["Leesa Eichberger"].quotes] == [
        "Her humor and honesty about her weight set her apart from other spokespeople"]
    assert len(people["Kirstie Alley"].quotes) == 1


def test_he_inside_someone_elses_reported_words_is_not_a_source(model):
    _, r = run(model, "Derek Scissors, a China scholar at the American Enterprise Institute, said on Monday.",
               "Scissors said whether Donald Trump will agree to remove the tariffs depends largely on whether he "
               "believes it will help his re-election chances.")
    assert "Donald Trump" not in cited(r)


def test_he_said_adding_keeps_his_own_words(model):
    _, r = run(model, "Satya Nadella spoke from a stage at the company's headquarters.",
               "“We must begin to offset the damaging effects of climate change,” he said, adding that the results "
               "of inaction would be devastating for every region.")
    cues = [q.cue for q in cited(r)["Satya Nadella"].quotes]
    assert cues == ["said", "adding"]


def test_quote_after_one_persons_words_is_theirs(model):
    text, r = run(model,
                  "“As a general matter, import tariffs are a tax,” said Lawrence White, a professor at New York "
                  "University’s Stern School of Business. “Tariffs, like any tax, generally introduce an inefficiency "
                  "into the economy.”",
                  "“He has been hit before,” said Hank Sheinkopf, a former political adviser to the mayor.",
                  "“There is nothing new to any of this. It is not carried forward by anybody.”")
    people = cited(r)
    assert [q.text for q in people["Lawrence White"].quotes][-1].startswith("Tariffs, like any tax")
    assert [q.text for q in people["Hank Sheinkopf"].quotes][-1].startswith("There is nothing new")


def test_quote_after_two_speakers_or_a_new_name_stays_unattributed(model):
    _, r = run(model,
               "“The plan will not survive the winter,” said Maria Lopez, who met Tom Hale at the summit.",
               "“We have heard all of this before and nothing ever changes.”")
    assert all(not q.text.startswith("We have heard") for p in r.cited for q in p.quotes)


def test_they_after_unnamed_experts_and_claims_without_a_clause(model):
    _, r = run(model, "The rolling blackouts left some of the state’s energy experts bewildered. They said that the "
                      "utilities had plenty of power available.",
               "The family denies any involvement in the fire.",
               "An agency spokesman told us the figures were measured by weight, not by value.")
    texts = [u.text for u in r.unnamed]
    assert "They said that the utilities had plenty of power available." in texts
    assert "The family denies any involvement in the fire." in texts
    assert any(t.startswith("An agency spokesman told us") for t in texts)


@pytest.mark.parametrize("sentence", [
    "The researchers observed Europa for 17 nights, from February 2016 through May 2017.",
    "The family claimed his body and cleaned out his apartment.",
    "Delhi officials are responding to the air pollution with new restrictions on traffic.",
    # a judgement in the passive with its judge named, or the sight of something
    "The shift was seen by Ann Lee as an attempt to change the law.",
    "The comet was seen in the sky over the city on Tuesday night.",
    # a class of people something is for, who want it: no claim
    "Today we are announcing a new option for users who require or want a more advanced level of security.",
    # the one person the story is about, described rather than vague (tests/fixtures: livescience-feather-duvet)
    "“It doesn't affect me at all now,” the patient wrote in the case report.",
])
def test_speech_verbs_in_another_sense_are_not_unnamed_sourcing(model, sentence):
    _, r = run(model, sentence)
    assert r.unnamed == []


@pytest.mark.parametrize("sentence, name", [
    ("The donation was handed over by Baark Volunteer Coordinator at the clinic on Monday.", "Baark Volunteer Coordinator"),
    ("The platters are made by Showa Denko K.K in Japan and shipped to the factory.", "Showa Denko K.K"),
    ("Anyone who needs support can contact Befrienders Worldwide for help at any hour.", "Befrienders Worldwide"),
    ("He later filed a lawsuit against Trump Golf over the unpaid bills from the tournament.", "Trump Golf"),
    # a spacecraft, and a product with an acronym after its name
    ("Space Shuttle Atlantis landed at the Kennedy Space Center on Monday after a twelve-day mission.", "Space Shuttle Atlantis"),
    ("Fans lined up to try Arkham VR at the expo on Saturday.", "Arkham VR"),
])
def test_organisation_and_title_endings_are_not_people(model, sentence, name):
    _, r = run(model, sentence)
    assert name not in [p.name for p in r.mentioned + r.cited]


def test_a_name_made_of_words_the_text_uses_as_ordinary_words_is_nobody(model):
    # the model tags 'Maple Syrup' as a person; the text also says 'maple' and 'syrup' in lower case
    _, r = run(model, "Toss with Maple Syrup. The syrup should coat the oats, and more maple can be added later.")
    assert "Maple Syrup" not in [p.name for p in r.mentioned]
    # a real name stays, even when one of its words is also an ordinary word ('green')
    _, r = run(model, "The green paint was chosen by Laura Green, who runs the gallery in Leeds.")
    assert "Laura Green" in [p.name for p in r.mentioned]


@pytest.mark.parametrize(("paragraphs", "name"), [
    # products, places and dishes the model tags as people: the first word is nobody's given name and
    # nothing in the article treats them as people
    (["Nintendo Switch Lite for $200", "The smaller, more portable Nintendo Switch gives up the ability to slide into "
      "a dock and game on your TV."], "Nintendo Switch"),
    (["On rainy nights she may offer you dinner: Salmon Dinner, Crispy Bass, Fried Eel, Carp Surprise, or Vegetable "
      "Medley."], "Fried Eel"),
    (["NASA scientists using a telescope atop Mauna Kea have confirmed the presence of water vapor on the surface of "
      "Europa."], "Mauna Kea"),
    (["Since those are commonly found in most multivitamins, as noted by Verywell Fit, you can knock out your dose "
      "in one pill."], "Verywell Fit"),
])
def test_a_name_nothing_shows_as_a_person_is_not_mentioned(model, paragraphs, name):
    _, r = run(model, *paragraphs)
    assert name not in [p.name for p in r.mentioned]


@pytest.mark.parametrize(("paragraphs", "name"), [
    # no given name the list knows, but the article shows a person: a title or role
    (["Hawaii Rep. Tulsi Gabbard and others are under pressure to show strength in the polls."], "Tulsi Gabbard"),
    (["The talks stalled before Chinese leader Xi Jinping travelled to the summit in Chile."], "Xi Jinping"),
    # named together with a person
    (["The party of Franklin Roosevelt and Strom Thurmond did not stand for a multiethnic coalition."], "Strom Thurmond"),
    # the surname alone later
    (["Semyon Varlamov stopped 27 shots on Tuesday.", "Varlamov has not lost in regulation since October."],
     "Semyon Varlamov"),
    # an age, and where someone lives
    (["Deqa Dhalac, 55, won with 58% of the vote in Tuesday’s election for the city council."], "Deqa Dhalac"),
    (["Deqa Dhalac of South Portland, Maine, was the first Somali American to serve as mayor of an American city."],
     "Deqa Dhalac"),
])
def test_a_name_the_article_shows_as_a_person_is_mentioned(model, paragraphs, name):
    _, r = run(model, *paragraphs)
    assert name in [p.name for p in r.mentioned]


def test_a_captions_credit_label_is_not_part_of_the_name(model):
    # (the model takes 'Ahmed Mohamed Image' for one person)
    _, r = run(model, "Ahmed Mohamed spoke to reporters outside the school on Monday.",
               "Ahmed Mohamed Image: Nick Moreau.")
    names = [p.name for p in r.mentioned + r.cited]
    assert "Ahmed Mohamed" in names and "Ahmed Mohamed Image" not in names


def test_people_named_only_in_the_credits_are_not_mentioned(model):
    _, r = run(model, "Shares of the company fell 4% after Chief Executive Adam Neumann stepped down on Monday.",
               "(Reporting by Greg Roumeliotis and Joshua Franklin; Editing by Martin Howell)",
               "Photo: Jane Roe/AFP")
    names = [p.name for p in r.mentioned + r.cited]
    assert "Adam Neumann" in names
    assert not {"Greg Roumeliotis", "Joshua Franklin", "Martin Howell", "Jane Roe"} & set(names)
    # nor someone named only in a link to another story
    _, r = run(model, "Shares of the company fell 4% after Chief Executive Adam Neumann stepped down on Monday.",
               "[Related: Salesforce Keynote: AI, Integration, Alicia Keys And Protestors]",
               "MORE: Senator Mitch McConnell blocks the spending bill")
    names = [p.name for p in r.mentioned + r.cited]
    assert "Adam Neumann" in names and not {"Alicia Keys", "Mitch McConnell"} & set(names)
    # and a link's headline is no quotation ('MORE: Trump says …')
    _, r = run(model, "Shares of the company fell 4% after Chief Executive Adam Neumann stepped down on Monday.",
               "MORE: Trump says Biden is too weak to lead the country")
    assert r.cited == []


def test_a_regnal_number_stays_in_the_name(model):
    _, r = run(model, "King Henry VIII had six wives, the historian said.")
    assert "Henry VIII" in [p.name for p in r.mentioned + r.cited]


def test_common_noun_role_the_parse_hangs_elsewhere(model):
    _, r = run(model, "Both Agerblad and tattoo artist Zashay Tastas were surprised by the interest shown by the media.",
               "“People have been asking for it all week,” Tastas said.")
    assert cited(r)["Zashay Tastas"].role == "tattoo artist"


def test_the_role_named_just_before_stands_for_that_person(model):
    _, r = run(model, "Chris Grayling warned on Monday that the sector is facing mass job cuts around the country.",
               "Speaking in the Commons, the Conservative MP said: “It does not need to be like this because there "
               "are ways in which we can test travellers.”")
    p = cited(r)["Chris Grayling"]
    assert p.role == "Conservative MP"
    assert any(q.text.startswith("It does not need to be like this") for q in p.quotes)


def test_a_newspaper_named_like_a_role_is_nobody(model):
    _, r = run(model, "Chris Hemsworth was said to have run into contractual issues in 2018.",
               "The Hollywood Reporter said that the film is still being written and has no director yet.")
    assert "Chris Hemsworth" not in cited(r)


def test_song_titles_in_quotation_marks_are_not_quotes(model):
    _, r = run(model, "After hitting “Takin’ It To the Streets,” the band’s singer Pat Simmons told the audience "
                      "it was time to go home.")
    assert all("Takin" not in q.text for p in r.cited for q in p.quotes)


def test_quotation_right_after_its_verb_without_a_comma(model):
    _, r = run(model, "In a letter to the president in May, Zippy Duvall, the president of the American Farm Bureau, "
                      "said farmers faced “near-unprecedented economic uncertainty and hardship” this year.",
               "Sen. Ben Sasse called his death “a crisis of public trust and a failure of the system”.")
    assert any(q.text.startswith("near-unprecedented economic") for q in cited(r)["Zippy Duvall"].quotes)
    assert any(q.text.startswith("a crisis of public trust") for q in cited(r)["Ben Sasse"].quotes)


def test_short_quote_followed_by_its_attribution_is_a_quote(model):
    # one word in quotation marks is usually a scare quote; closed by a comma and followed by
    # 'Davis said' it is something he said, and the quote after it is his too
    text, r = run(model, "Anthony Davis scored 34 points as the Lakers beat the Thunder on Tuesday night.",
                  "“Amazing,” Davis said. “To be able to do that against every team is something special.”")
    person = cited(r)["Anthony Davis"]
    assert [q.text for q in person.quotes] == ["Amazing", "To be able to do that against every team is something special."]
    _, r = run(model, "Anthony Davis scored 34 points as the Lakers beat the Thunder, a win fans called “amazing” online.")
    assert not r.cited


def test_surname_tagged_as_a_nationality_or_place_when_it_speaks(model):
    # the small model takes 'Opelka' for a nationality and 'Brooke' for a place; as the one saying
    # something and the surname of one person named in full, it is that person
    _, r = run(model, "Vasek Pospisil edged Reilly Opelka 7-6 (5), 7-6 (7) in Madrid.",
               "\"Came down to a few points,\" Opelka said. \"He was just too good.\"")
    assert [q.text for q in cited(r)["Reilly Opelka"].quotes] == ["Came down to a few points", "He was just too good."]
    _, r = run(model, "Singer Ally Brooke advanced to the finals on Monday.",
               "“Can I give my place to James, please?” Brooke tearfully asked before apologizing to the actor.")
    assert "Ally Brooke" in cited(r)


def test_inverted_subject_the_model_took_for_an_object():
    # '“…,” wrote Fadem in a report' parsed with the name as the verb's object and tagged ORG (as the
    # small model does on the page this comes from): a parse built by hand, so the rule is what is tested
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from backstory.people.syntax import subject as _subject

    words = ["“", "Weak", ",", "”", "wrote", "Fadem", "in", "a", "report", "."]
    heads = [4, 4, 4, 4, 4, 4, 4, 8, 6, 4]
    deps = ["punct", "ccomp", "punct", "punct", "ROOT", "dobj", "prep", "det", "pobj", "punct"]
    pos = ["PUNCT", "ADJ", "PUNCT", "PUNCT", "VERB", "PROPN", "ADP", "DET", "NOUN", "PUNCT"]
    ents = ["O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    assert _subject(doc[4]).text == "Fadem"
    # a common noun there is what was written, not who wrote it
    doc = Doc(Vocab(), words=["He", "wrote", "letters", "."], heads=[1, 1, 1, 1],
              deps=["nsubj", "ROOT", "dobj", "punct"], pos=["PRON", "VERB", "NOUN", "PUNCT"])
    assert _subject(doc[1]).text == "He"
    doc = Doc(Vocab(), words=["wrote", "letters", "."], heads=[0, 0, 0], deps=["ROOT", "dobj", "punct"],
              pos=["VERB", "NOUN", "PUNCT"])
    assert _subject(doc[0]) is None


def test_joint_subject_cites_both(model):
    _, r = run(model, "Kurt Volker and Tim Morrison testified on Tuesday afternoon.",
               "Volker and Morrison said that the call with the Ukrainian president was not in line with American "
               "national security goals.")
    people = cited(r)
    assert set(people) == {"Kurt Volker", "Tim Morrison"}
    assert people["Tim Morrison"].quotes[0].text == people["Kurt Volker"].quotes[0].text


def test_object_speech_verb_with_a_that_clause(model):
    # 'stress', 'emphasize', 'echo' usually carry what was said in their object ('stressed the need
    # for …'); with a that-clause instead, the clause is the statement
    _, r = run(model, "But Vice-President Mike Pence stressed on Thursday that the virus was about three times "
                      "as contagious as influenza.")
    quote = cited(r)["Mike Pence"].quotes[0]
    assert (quote.cue, quote.text) == ("stressed", "the virus was about three times as contagious as influenza")


def test_as_someone_noted_opening_the_sentence(model):
    _, r = run(model, "In 2018 the president was found to have a common form of heart disease. (As CNN's chief medical "
                      "correspondent Dr. Sanjay Gupta noted at the time, the condition meant that the President had a "
                      "moderate risk of a heart attack.)")
    person = cited(r)["Sanjay Gupta"]
    assert person.role == "CNN's chief medical correspondent"  # (not '… correspondent Dr.')
    assert person.quotes[0].text.startswith("the condition meant that the President")
    # 'as' with an object reports nothing
    _, r = run(model, "As Jim Brown said goodbye, the crowd cheered loudly for him.")
    assert not r.cited


def test_honorific_the_model_kept_in_the_name(model):
    _, r = run(model, "Ms Ana Ruiz emphasized that the order would not change before the summer.")
    assert list(cited(r)) == ["Ana Ruiz"]


def test_apposition_roles_hyphenated_and_without_relative_clause(model):
    _, r = run(model, "Prof David Green, vice-chancellor of Worcester University, agrees that many students are "
                      "“feeling blamed and abandoned and this isn’t fair”.",
               "Prof Gavin Yamey, director of the Centre for Policy Impact at Duke University, who is leading a "
               "study, said the plan to reopen campuses was wrong.")
    people = cited(r)
    assert people["David Green"].role == "vice-chancellor of Worcester University"
    assert people["Gavin Yamey"].role == "director of the Centre for Policy Impact at Duke University"


def test_title_with_a_full_stop_does_not_end_the_sentence(model):
    # 'the Hon.' read as a sentence end cut the speaker off from the quote before it
    _, r = run(model, "“We will also have representatives for academic discussions on economics, matters concerning "
                      "inflation and supply chain,” Minister of Industry, Investment and Commerce, Senator the Hon. "
                      "Aubyn Hill, told JIS News.")
    assert cited(r)["Aubyn Hill"].quotes[0].cue == "told"
    # a short title as the subject, the name in apposition to it
    _, r = run(model, "Cmdr. Sean Robertson, a spokesperson for Inherent Resolve, the U.S. military operation against "
                      "Islamic State in Iraq and Syria, told VOA Pentagon correspondent Carla Babb on Nov. 6 that the "
                      "ministry’s claim “is patently false.”")
    person = cited(r)["Sean Robertson"]
    assert person.role == "spokesperson for Inherent Resolve"
    assert person.quotes[0].text == "the ministry’s claim “is patently false.”"  # (its closing mark kept)
    assert "Cmdr" not in cited(r)


def test_one_word_name_untagged_where_it_speaks(model):
    _, r = run(model, "President Trump has stepped up his attacks on the former mayor this week.",
               "“What he is doing is nothing less than a large scale illegal campaign contribution,” Trump declared.")
    assert cited(r)["Trump"].quotes[0].cue == "declared"
    # or tagged as an organisation there
    _, r = run(model, "Republicans worried about what President Trump would do next, and Trump tweeted again on Monday.",
               "“The people of this country aren’t buying” impeachment, Trump said at a rally in Louisiana last week.")
    assert cited(r)["Trump"].quotes[0].text == "The people of this country aren’t buying"


def test_straight_opening_and_curly_closing_quotation_marks(model):
    _, r = run(model, "The Democrats say the call was an abuse of office. \"A great day for Republicans, a great day "
                      "for our Country! In the end, we will win,” Donald Trump tweeted soon after the hearing.")
    assert cited(r)["Donald Trump"].quotes[0].text.startswith("A great day for Republicans")


def test_shared_subject_of_several_parsed_subjects_is_the_name(model):
    # after another paragraph the parser gives 'tweeted' three subjects (Facebook co / - / Zuckerberg);
    # the conjoined 'said' shares the name, not the first of them
    _, r = run(model, "Hello there.", "Facebook co-founder Mark Zuckerberg tweeted to Mohamed and said the boy was "
                                      "welcome to come and tour the company.")
    assert cited(r)["Mark Zuckerberg"].quotes[0].text == "the boy was welcome to come and tour the company"


def test_a_persons_statement_says_what_they_say(model):
    _, r = run(model, 'Senator John Cornyn was angry. Cornyn\'s statement added, "The decision is a slap in the face '
                      'to Texas and its people."', "The company's statement said the plant would close next year.")
    assert list(cited(r)) == ["John Cornyn"]
    assert cited(r)["John Cornyn"].quotes[0].cue == "added"


def test_in_their_words_and_to_quote(model):
    _, r = run(model, "Michael Shadlen led the study. In Dr. Shadlen’s words, “Could the moment when the brain believes "
                      "it has enough evidence be tied to awareness?”",
               "In the words of Jane Roe: “We will not stop until the law changes.”")
    people = cited(r)
    assert people["Michael Shadlen"].quotes[0].cue == "(in their words)"
    assert people["Jane Roe"].quotes[0].text == "We will not stop until the law changes."


def test_quotation_paragraph_signed_by_the_next(model):
    _, r = run(model, "“Essentially, the act of becoming consciously aware of a decision conforms to the same process.”",
               "Michael Shadlen, Ph.D.",
               "“We will win this fight in the courts and in the streets, whatever it takes.”",
               "Jane Roe said nothing more.")
    people = cited(r)
    assert list(people) == ["Michael Shadlen"]  # (a sentence after a quote is no signature)
    assert people["Michael Shadlen"].quotes[0].cue == "(no verb)"
    assert people["Michael Shadlen"].role is None  # a degree is not a role


def test_more_verbs_after_a_quotation(model):
    _, r = run(model, "“It was a huge decision for me to stop relaxing my hair,” Dianne Austin shared with the magazine.",
               "“We have never seen demand like this before,” Tom Hale offered.")
    assert {p: c.quotes[0].cue for p, c in cited(r).items()} == {"Dianne Austin": "shared", "Tom Hale": "offered"}


def test_a_statement_announced_before_the_quotation(model):
    _, r = run(model, "Bolger’s lawyer, Jeremy Robinson, had a more succinct statement after the ruling on Thursday. "
                      "“It is impossible to overstate the magnitude of this ruling. Consumers will feel the impact.”",
               "Mayor Tim Hale issued a statement: “We all grieve for the victims of this terrible crash today.”",
               "Ann Roe read the statement. “We will rebuild the bridge before the winter comes, whatever it costs.”")
    people = cited(r)
    assert set(people) == {"Jeremy Robinson", "Tim Hale"}  # (reading a statement out is not giving it)
    assert people["Jeremy Robinson"].quotes[0].cue == "(statement)"
    assert people["Tim Hale"].quotes[0].text.startswith("We all grieve")


def test_she_for_a_one_word_name_that_has_spoken_and_never_he(model):
    _, r = run(model, "She told Harry about the ordeal because \"I knew that if I didn't say it, that I would do it,\" "
                      "Meghan said. She revealed her thoughts to her husband as they sat on the steps of their cottage. "
                      "Hours later, the pair had to attend an event in London. \"I can't be left alone for a minute "
                      "tonight,\" she remembered telling Harry, after he suggested she stay home.")
    quotes = [q.text for q in cited(r)["Meghan"].quotes]
    assert quotes == ["I knew that if I didn't say it, that I would do it", "I can't be left alone for a minute tonight"]


def test_embedded_post_is_its_signers(model):
    _, r = run(model, "Reporter Drew Mikkelsen was tweeting in:",
               "The state’s newest Supreme Court Justice, Raquel Montoya-Lewis, heading into courtroom to be sworn in. "
               "She is the first state justice of Native American heritage. pic.twitter.com/CIHDX5qmux",
               "— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020",
               "More text follows here about the ceremony and the court.")
    person = cited(r)["Drew Mikkelsen"]
    assert [(q.cue, q.text[-25:]) for q in person.quotes] == [("(embedded tweet)", "Native American heritage.")]
    assert person.role == "Reporter"  # (not the handle)


def test_full_name_tagged_as_an_organisation_whose_surname_speaks(model):
    _, r = run(model, "Guido Pella beat Nicolas Jarry 6-4, 6-3 and Diego Schwartzman defeated Cristian Garin 6-2, 6-2.",
               "\"It’s the end of the season but I think I played one of the best matches of the year,\" the "
               "14th-ranked Schwartzman said.")
    assert cited(r)["Diego Schwartzman"].quotes[0].text.startswith("It’s the end of the season")
    # a company named in full where it 'reports' is no person
    _, r = run(model, "Shares of construction goods giant Home Depot are dropping in premarket trading.",
               "Home Depot (ticker: HD) reported $2.53 in per-share earnings for the third quarter.")
    assert not r.cited and "Home Depot" not in {p.name for p in r.mentioned}


def test_a_name_ends_before_the_paragraph_break(model):
    _, r = run(model, "Parabolic Lightcloud by amigo & amigo", "Portam Civitatis by Peter Snijder",
               "Spider on the bridge by Groupe LAPS")
    assert "Peter Snijder" in {p.name for p in r.mentioned}


def test_quotation_after_a_persons_reported_words_and_after_as_told(model):
    _, r = run(model, "Kristen Wilkins, the curator, opened the show. Wilkins also said Warhol was both an artist and a "
                      "businessperson. \"As a way to commercialize his work, he would make a blue Marilyn and a pink "
                      "Marilyn.\"",
               "Colette Heald led the study. As Heald told The Huffington Post, US surface ozone has dropped partly due "
               "to the Clean Air Act. \"Despite an increase in vehicle miles driven, surface ozone has declined by 25 "
               "percent.\"")
    people = cited(r)
    # (someone named inside her own reported words does not stand between her and the quotation)
    assert people["Kristen Wilkins"].quotes[-1].text.startswith("As a way to commercialize")
    assert [q.cue for q in people["Colette Heald"].quotes] == ["told", "(continued)"]


def test_in_the_words_of_a_role_then_name_and_continued_with_a_colon(model):
    _, r = run(model, "Gloria cried a lot, and in the words of the Crown prosecutor, Mark Tedeschi, QC, \"Gloria spent a "
                      "lot of the last five months of her life crying.\"",
               "Labour's Shadow Home Secretary Yvette Cooper said her party has supported the idea for months.",
               "She continued: \"Labour has a common-sense plan to fast-track cases and get return agreements in place.\"")
    people = cited(r)
    # ('QC' is no role; the role before the name is)
    assert people["Mark Tedeschi"].quotes[0].cue == "(in their words)" and people["Mark Tedeschi"].role == "Crown prosecutor"
    assert people["Yvette Cooper"].quotes[-1].cue == "continued"


def test_full_name_or_first_name_where_the_model_missed_it(model):
    _, r = run(model, "Teresa Nielsen Hayden edited his books at Tor. Dale Ford is his brother.",
               "“All it took was one bad infection and Mike would wipe out every penny he had,” Teresa Nielsen Hayden "
               "explained.",
               "“Mike’s personal life was his own business and did not affect our feelings for him as a family,” Dale "
               "wrote.")
    people = cited(r)
    assert people["Teresa Nielsen Hayden"].quotes[0].cue == "explained"
    assert people["Dale Ford"].quotes[0].cue == "wrote"


def test_as_someone_put_it_and_no_attribution_from_the_next_sentences_story(model):
    # the sentence after the quotation goes on with the story ('Ford opted instead to write …'): no attribution
    _, r = run(model, "Neil Gaiman admired the book, and so did John Ford's other friends. As Gaiman put it, “Had he "
                      "taken The Dragon Waiting and written a sequence of five books, he would have been famous.” Ford "
                      "opted instead to write whatever he wanted.")
    assert [q.cue for q in cited(r)["Neil Gaiman"].quotes] == ["(in their words)"]
    # and a speaker after an opening phrase in that sentence is someone else's attribution to come
    _, r = run(model, "Harry Kane won the Man of the Match award. He said, \"In the first half it felt good out there. "
                      "We could have scored two or three goals.\" After the match, Tunisia's coach Nabil Maaloul said, "
                      "\"We were playing against a highly skilled team.\"")
    people = cited(r)
    assert people["Harry Kane"].quotes[0].text.startswith("In the first half")
    assert [q.text for q in people["Nabil Maaloul"].quotes] == ["We were playing against a highly skilled team."]


def test_as_someone_wrote_closing_the_sentence(model):
    _, r = run(model, "If you have been following endorsements, the biggest thing that stands out is the lack of them, "
                      "as my colleague Geoffrey Skelley wrote recently.",
               "The market will recover next year, as Ann Lee predicted.",
               "He left the room as Tom Roe said goodbye to everyone.")
    people = cited(r)
    assert set(people) == {"Geoffrey Skelley", "Ann Lee"}
    assert people["Ann Lee"].quotes[0].text == "The market will recover next year"


def test_office_title_before_a_surname_is_the_role_not_the_name(model):
    # (the model takes the title into the entity here: 'Congressman Meadows')
    _, r = run(model, "Mark Meadows retired. “It is time for me to go home to my family,” Congressman Meadows said.")
    people = cited(r)
    assert set(people) == {"Mark Meadows"}
    assert people["Mark Meadows"].role == "Congressman"


def test_quotation_running_over_paragraphs_the_british_way(model):
    # each paragraph opens a mark and only the last one closes it
    _, r = run(model, "His Honour Judge Neil Ford QC sentenced sobbing Hartley to three years for manslaughter.",
               'Judge Ford said: "There was absolutely no malicious or hostile intentions in this case.',
               '"You knew the potential dangers of a carbon monoxide leak.',
               '"When you left the site you believed that the flue was safe."',
               "Hartley was jailed.")
    quotes = cited(r)["Neil Ford"].quotes
    assert [q.text for q in quotes] == ["There was absolutely no malicious or hostile intentions in this case.",
                                        "You knew the potential dangers of a carbon monoxide leak.",
                                        "When you left the site you believed that the flue was safe."]
    # which paragraphs leave a quotation open (a curly opening closed by a straight mark does not)
    from backstory.people.quotation import leaves_quote_open as _leaves_quote_open
    assert _leaves_quote_open('Judge Ford said: "There was no malice.') and _leaves_quote_open("“You knew the risks.")
    assert not _leaves_quote_open('“Our results reflected growth," Craig Menear said.')
    assert not _leaves_quote_open('He said "yes" and left.') and not _leaves_quote_open("“Yes,” he said.")


def test_passive_speech_verbs_do_not_make_their_subject_the_speaker(model):
    _, r = run(model, "Walter Dean Burnham is an expert in the analysis of elections. He has been called “one of the "
                      "country's premier election analysts by far in the field”.",
               "Tom Lee was told that the plant would close next year.",
               "Ann Roe was quoted as saying: “We will never give up on this town and its people.”")
    assert list(cited(r)) == ["Ann Roe"]


def test_short_second_half_according_to_a_surname_and_said_but(model):
    _, r = run(model, "“We know there is no capacity problem,” Bill Powers said. “Something odd happened.”",
               "None of the buyers were charged Wednesday, Joshua Levy said, but “I want to emphasize this is an "
               "investigation that’s just getting going.”",
               "Mark Parrington is a scientist.",
               "According to Parrington, fires in the Amazon release an average of 500-600 metric tons of carbon dioxide "
               "a year.")
    people = cited(r)
    assert [q.text for q in people["Bill Powers"].quotes][-1] == "Something odd happened."
    assert people["Joshua Levy"].quotes[-1].text.startswith("I want to emphasize")
    assert people["Mark Parrington"].quotes[0].cue == "according to"


def test_unnamed_spokesperson_for_a_one_word_organisation_and_someone_quoted(model):
    _, r = run(model, "A spokesperson for OpenAI questioned the calculation, noting that it makes several assumptions.",
               "\"This is way too large for the lake and the people who live there,\" said someone at the meeting.",
               "I would not be offended if someone asked me that question about my age.")
    sources = [u.source for u in r.unnamed]
    assert sources == ["A spokesperson for OpenAI", "someone at the meeting"]


def test_the_outlet_has_learned_is_unnamed_sourcing(model):
    _, r = run(model, "Police have since launched a search for the woman, who fled after the incident, OBSERVER ONLINE "
                      "has learnt.", "The Guardian has learned that the minister will resign on Friday.",
               "Jane Roe has learned to play the piano.")
    assert [u.text[:20] for u in r.unnamed] == ["Police have since la", "The Guardian has lea"]


def test_reports_received_and_information_reaching_are_unnamed_sourcing(model):
    _, r = run(model, "Information reaching OBSERVER ONLINE is that about 3:00 pm, a little boy was seen walking across "
                      "the entrance.", "We have received reports that several internet service providers in Turkey have "
                      "restored access.", "She received reports from the police about the crash.")
    assert [u.text[:20] for u in r.unnamed] == ["Information reaching", "We have received rep"]


def test_hopes_is_hope_not_hop(model):
    # the small model's lemmatizer gives 'hop' for 'hopes' and 'hoped'
    _, r = run(model, "The family hopes the fundraiser will not only raise money for the expensive care they foresee, "
                      "but also make people aware of the illness.", "Jane Roe hoped that the bridge would open by May.")
    assert [u.cue for u in r.unnamed] == ["hopes"] and cited(r)["Jane Roe"].quotes[0].cue == "hoped"


def test_attribution_set_off_by_commas_mid_sentence(model):
    _, r = run(model, "Creating and using birch tar, the researchers note, requires some degree of complex thinking.",
               "The new law, Jane Roe argues, will hurt renters more than landlords.")
    assert [u.cue for u in r.unnamed] == ["note"] and cited(r)["Jane Roe"].quotes[0].cue == "argues"


def test_demanded_that_is_a_claim_asked_whether_a_question(model):
    _, r = run(model, "BBC’s Emily Maitlis did an excellent job pressing Andrew. Maitlis repeatedly demanded how Andrew "
                      "could be so sure what he was doing on that night.",
               "Jane Roe asked whether the council would release the report.",
               "Tom Hale demanded that the council release the report.")
    assert list(cited(r)) == ["Tom Hale"] and cited(r)["Tom Hale"].quotes[0].cue == "demanded"


def test_surname_misspelt_by_one_letter_is_the_same_person(model):
    # the article's own typos ('Water' for Kathryn Waters, 'Hauser' for Trevor Houser): one card, not two
    _, r = run(model, "Kathryn Waters, director of the gallery, expressed interest in further donations.",
               '"I think everybody knows Andy Warhol\'s name, even non-art people", Water said.')
    assert list(cited(r)) == ["Kathryn Waters"]
    assert len(cited(r)["Kathryn Waters"].quotes) == 2
    _, r = run(model, "Trevor Houser, a partner at Rhodium Group, studies emissions data.",
               "Emissions will rise again next year, Hauser said.")
    assert list(cited(r)) == ["Trevor Houser"]
    # a swapped letter in a short name is another person ('Osama' is not Obama)
    _, r = run(model, "Barack Obama spoke in Cairo on Thursday.",
               '"We will not forget," Osama said in a recording.')
    assert "Barack Obama" not in cited(r)


# (paragraphs of a Spokesman-Review story, 2019-11-19, in the ScrapingHub benchmark: the model tags
# neither 'Jeff Sanborn' nor, later, 'Sanborn' as a person here)
_SANBORN = [
    "“We were trying to reach young males, and we were doing our advertising on gaming sites, because we did some research that showed that that’s where a lot of young men were spending more time,” Graham said. “It can seem like there’s a thousand choices for where to put your money and where your audience might be looking now, but there is a benefit in having choices that are very audience-centric.”",
    "Jeff Sanborn, president of Chapter & Verse, a Spokane and Seattle advertising and design agency, said he thought South Dakota’s campaign – run by a Minneapolis-based firm with a budget of $449,000 – was meant to raise eyebrows.",
    "“OK, great, let’s be provocative, let’s get people to notice it and talk about it, but I don’t think people are talking about it in the way that you want them talking about it, right?” Sanborn said. “What’s America talking about? South Dakota’s got a meth problem, so that’s not the best thing for the South Dakota brand.”",
    "“The problem is, we tell clients all the time, they’ll put the heart of their message somewhere deep in their third paragraph,” Sanborn said. “If that’s the core and heart of your message, you better make that the five words that everybody in America reads.”",
]


def test_surname_after_a_name_found_by_its_role(model):
    # 'Jeff Sanborn, president of …, said' is found by its role; the later 'Sanborn said' (tagged as an
    # organisation) is the same person, and each quotation is counted once, as a direct quote
    _, r = run(model, *_SANBORN)
    quotes = [(q.kind, q.text[:20]) for q in cited(r)["Jeff Sanborn"].quotes]
    assert ("direct", "The problem is, we t") in quotes and ("direct", "If that’s the core a") in quotes
    assert sum(text.startswith(("The problem", "“The problem")) for _, text in quotes) == 1


# (a USA Today story, 2019-11-19, in the ScrapingHub benchmark: 'Montell Figgins' tagged as an
# organisation, 'Figgins' as a noun)
_FIGGINS = [
    "Montell Figgins, who represents Thomas, said his client chose not to accept a plea agreement offered by prosecutors. He said Thomas is a single father of three children, and a guilty plea would “ruin his life.”",
    "“We had hoped that the U.S. Attorney’s Office would try to make an effort to address the systematic failures with respect to the Bureau of Prisons,” Figgins said.",
    "Sometimes employees don't follow the rules, he said. \"But does that mean that they’re going to be indicted and put into a position like this where they’re going to face going to jail and losing their whole career?”",
    "Figgins declined to address whether Thomas slept on the job on the night Epstein died. “When all the evidence is presented about how the system was ran and how they were severely short-staffed at all times,\" he said, \"maybe you’ll have a different appreciation for what was going on.”",
]


def test_surname_the_tagger_calls_a_noun_after_a_full_name_it_calls_an_organisation(model):
    _, r = run(model, *_FIGGINS)
    quotes = cited(r)["Montell Figgins"].quotes
    said = " ".join(q.text for q in quotes)
    assert "We had hoped that the U.S." in said and "Sometimes employees don't follow the rules" in said
    # '“When all …," he said, "maybe …”': a curly quotation closed and reopened with straight marks around
    # its attribution is two quotes, both his (the 'he' is not Thomas or Epstein of the clauses before),
    # each once and as a quotation, not also as the reported clause of 'said'
    assert [q.text[:25] for q in quotes if q.kind == "direct"][-2:] == ["When all the evidence is ", "maybe you’ll have a diffe"]
    assert not any(q.text.startswith("“") for q in quotes)


def test_irish_office_titles_and_bars_are_not_names(model):
    _, r = run(model, "Taoiseach Micheal Martin said the rest of the nation would move to the higher level from midnight.")
    assert list(cited(r)) == ["Micheal Martin"] and cited(r)["Micheal Martin"].role == "Taoiseach"
    _, r = run(model, "Shelbourne Bar says they are looking forward to greeting customers again",
               "Cork doctor issues advice on when to stay at home.")
    assert cited(r) == {}


def test_source_named_as_the_agent_of_a_speech_verb_then_a_pronoun(model):
    # 'as noted by registered dietitian Trista Best' (the model tags 'dietitian Trista' and leaves
    # 'Best' out): the name whole, and the 'she' of the next sentence is her
    _, r = run(model, "But there's one thing a daily multivitamin will do for you for sure, as noted by registered dietitian "
                      "Trista Best. \"You will be more nourished because you will be taking in nutrients through other sources "
                      "than food,\" she told The List.")
    assert [q.text[:30] for q in cited(r)["Trista Best"].quotes] == ["You will be more nourished bec"]
    # 'penned' is a verb of writing what one says
    _, r = run(model, "\"Many people believe that taking multivitamins can help prevent heart disease, but the evidence is "
                      "mixed,\" Maria Lopez penned in an article for a health site.")
    assert "Maria Lopez" in cited(r)


def test_interviewer_questions_are_not_statements(model):
    _, r = run(model, "Wootton asked her, “Did you get it from a tick?” She answered that she had been bitten in Maine.")
    assert "Wootton" not in cited(r)
    _, r = run(model, "Then when Vogue asked Dion, “What are some of the ways that you’ve been impressed by your own strength?” "
                      "the singer said she was strong.")
    assert "Vogue" not in cited(r)
    # a source's own question, asked of nobody in particular, is still what they said
    _, r = run(model, "Maria Lopez, who owns the bar, was unimpressed by the new rules.",
               "“Why would anyone pay that much for a ticket to watch the game on a screen?” Lopez asked.")
    assert "Maria Lopez" in cited(r)


@pytest.mark.parametrize("paragraphs, speaker, openings", [
    pytest.param(
        # 'Shakira' is a person where she speaks; in 'Shakira started …' the model tags nothing: still her
        ["“I am very happy at 51,” Shakira told Vogue.",
         "Shakira started undergoing more fertility treatment not long afterward. “I’m approaching 40 years old, "
         "and I have to tend to that,” she told People in 2005."],
        "Shakira", ["I am very happy at 5", "I’m approaching 40 y"], id="she-after-a-one-word-name-left-untagged"),
    pytest.param(
        # '“…,” said X, advisor to Y, told Z': the parse makes X the subject of 'told' and leaves 'said' with none
        ["This is not the first purchase.",
         "“The painting is the finest of its kind still in private hands,” said Jean-Paul Claverie, advisor to "
         "Arnault, told Observer. “We are delighted to support its acquisition by the museum.”"],
        "Jean-Paul Claverie", ["The painting is the ", "We are delighted to "], id="inverted-speaker-given-to-a-second-verb"),
])
def test_quotes_reach_their_speaker(model, paragraphs, speaker, openings):
    _, r = run(model, *paragraphs)
    assert [q.text[:20] for q in cited(r)[speaker].quotes] == openings


def test_worries_and_activists(model):
    # a worry is a view someone holds, like a fear; activists and advocates are unnamed sources like critics
    _, r = run(model, "Some economists worry that the rate cut came too late.",
               "Environmental activists argue that the project threatens wetlands.",
               "Consumer advocates are urging the regulator to require backup power at every site.")
    assert [u.source for u in r.unnamed] == ["Some economists", "Environmental activists", "Consumer advocates"]
    _, r = run(model, "Dr. Atef Al-Kahlout, the director of the hospital, spoke to reporters on Monday.",
               "He worries that the fuel shortages will interrupt the use of dialysis machines.")
    assert [q.text for q in cited(r)["Atef Al-Kahlout"].quotes] == [
        "the fuel shortages will interrupt the use of dialysis machines"]


def test_speech_verb_after_before_or_while_shares_the_subject(model):
    _, r = run(model, "The government moved the county to a higher level of restrictions on Monday.",
               'Health Minister Stephen Donnelly came in for heavy criticism last night after saying "the virus" '
               "would be responsible for any further deaths.",
               "Opposition leader Mary Lou McDonald rejected the plan before warning that it would cost thousands of jobs.",
               "Ann Roe was criticised after being asked if the government would take responsibility for the lockdown.")
    people = cited(r)
    assert set(people) == {"Stephen Donnelly", "Mary Lou McDonald"}
    # the quotation the reported clause opens with is part of its span
    assert people["Stephen Donnelly"].quotes[0].text == '"the virus" would be responsible for any further deaths'
    assert people["Mary Lou McDonald"].quotes[0].text == "it would cost thousands of jobs"
    # 'after being asked': what was asked is not Ann Roe's claim
    assert "Ann Roe" in [p.name for p in r.mentioned]


def test_pronoun_inside_what_someone_else_recalls(model):
    _, r = run(model, "A New York man pleaded guilty Monday to threatening to kill U.S. Rep. Ilhan Omar in March, "
                      "prosecutors said.",
               "During the call, he asked about the group and called Omar a “terrorist”. Omar is one of the first two "
               "Muslim women elected to Congress.",
               "The staff member who reported the call recalled that he said he would hurt her badly, the U.S. "
               "attorney's office said.")
    assert "Ilhan Omar" not in cited(r)


def test_list_after_a_name_is_no_role(model):
    _, r = run(model, "A row involving Taylor Swift, her former record label and a couple of big name US politicians "
                      "looks like it's coming to an end.",
               "“I just want to be able to perform my own music,” Taylor Swift said.",
               "Ronald Moy, a board-certified dermatologist and the founder of DNA Renewal, said new skin cells "
               "originate in the basal layer of the skin.")
    people = cited(r)
    assert people["Taylor Swift"].role is None
    # two roles joined by 'and' are still a role
    assert people["Ronald Moy"].role.startswith("board-certified dermatologist and the founder")


def test_colon_after_a_quote_introduces_the_next_one(model):
    _, r = run(model, "“It’s a totally different muscle,” Kate Yorke said. “You have to take yourself out of it a little bit, "
                      "it’s kind of like acting.” Caitlyn Smith agreed: “It’s a different job altogether, and it is hard.”")
    people = cited(r)
    assert [q.text for q in people["Kate Yorke"].quotes] == [
        "It’s a totally different muscle", "You have to take yourself out of it a little bit, it’s kind of like acting."]
    assert [q.text for q in people["Caitlyn Smith"].quotes] == ["It’s a different job altogether, and it is hard."]


def test_quantifiers_and_organisations_are_no_roles(model):
    _, r = run(model, "Tariffs have also strengthened the country's leverage after massive job losses in recent decades, "
                      "said Scott Paul, who heads the Alliance for American Manufacturing, a group that has applauded the decisions.",
               "Federal prosecutors alleged that Tova Noel and Michael Thomas lingered in an office.",
               "Prosecutors alleged that Noel and Thomas both acknowledged to supervisors that they had not made their checks.")
    people = cited(r)
    # (the relative clause gives the role; the apposition 'a group that …' describes the alliance)
    assert people["Scott Paul"].role == "heads the Alliance for American Manufacturing"
    assert people["Tova Noel"].role is None and people["Michael Thomas"].role is None


@pytest.mark.parametrize("sentence, cue, said", [
    ("Maria Alvarez is convinced that the shops will close.", "convinced", "the shops will close"),
    ("Maria Alvarez was skeptical the money would arrive before winter.", "skeptical", "the money would arrive before winter"),
    ("In Maria Alvarez's view, the plan will hurt the shops.", "In Maria Alvarez's view",
     "In Maria Alvarez's view, the plan will hurt the shops."),
    ("Maria Alvarez called the plan a costly mistake.", "called", "the plan a costly mistake"),
    ("Maria Alvarez called the plan “a costly stunt,” and left.", "called", "the plan “a costly stunt,”"),
    ("Maria Alvarez dismissed the plan as a costly stunt.", "dismissed", "the plan as a costly stunt"),
    ("Maria Alvarez pleaded with the council to fix the road.", "pleaded", "to fix the road"),
])
def test_beliefs_and_judgements_of_a_named_person(model, sentence, cue, said):
    _, r = run(model, sentence)
    quote = cited(r)["Maria Alvarez"].quotes[0]
    assert (quote.cue, quote.text) == (cue, said)


@pytest.mark.parametrize("sentence", [
    "Maria Alvarez is confident.",  # a mood, with no claim
    "Maria Alvarez is worried about her son.",
    "Maria Alvarez is sure to win the seat next year.",
    "The council is confident that Maria Alvarez will win the seat.",  # the council's view, about her
    "Reporters asked how Maria Alvarez could be so sure what she was doing that night.",  # asked, not claimed
    "Maria Alvarez could be confident that the plan will work.",  # supposed
    "Maria Alvarez called her son Tom.",  # a name given, a call made, an idiom, a thing named
    "Maria Alvarez called the police.",
    "Maria Alvarez called it a day after ten hours at the shop.",
    "The shop sells what Maria Alvarez calls “kitchen magic” to tourists.",
    "Maria Alvarez dismissed the employee on Monday.",
    "Maria Alvarez pleaded guilty to fraud on Monday.",
    "In Maria Alvarez's house, the lights were off all night.",
])
def test_moods_names_and_dismissals_are_no_claims(model, sentence):
    _, r = run(model, sentence)
    assert cited(r) == {}


@pytest.mark.parametrize("clause, role", [
    ("who studies municipal finance at Rutgers University", "studies municipal finance at Rutgers University"),
    ("who teaches economics at Yale", "teaches economics at Yale"),
    ("who covers China for the network", "covers China"),
    # a thing done once is no role, nor is where someone studies
    ("who studied the report last year", None),
    ("who studies at Stanford University", None),
])
def test_what_a_person_does_for_a_living_is_their_role(model, clause, role):
    _, r = run(model, f"“We are losing money every single day,” said Maria Alvarez, {clause}.")
    assert cited(r)["Maria Alvarez"].role == role


@pytest.mark.parametrize("flagged, expected, not_flagged", [
    pytest.param(
        # a view held by people the article does not name, with no speech verb: a stance adjective after 'be',
        # a passive of feeling, a small clause after 'left', a wish, and a finding by researchers
        ["Residents who attended the hearing are very concerned about the new bus routes.",
         "Climate scientists are increasingly troubled by the data.",
         "The sudden outages left some of the region’s grid engineers bewildered.",
         "Conservationists want the quarry to stay closed for good.",
         "Researchers have also spotted a second strain of the malware."],
        [("concerned", "Residents"), ("troubled", "Climate scientists"),
         ("bewildered", "some of the region’s grid engineers"), ("want", "Conservationists"), ("spotted", "Researchers")],
        # a mood, a negated stance, a named person, someone picking up an object, a named researcher
        ["The passengers were upset about the delay.",
         "Residents are not worried about the new road.",
         "Jane Doe is concerned about the new bus routes.",
         "The researchers found a flint blade with no handle.",
         "Dr. Maria Lopez, a researcher at the institute, has also spotted a second strain."],
        id="stances"),
    pytest.param(
        ["The company has faced criticism from warehouse workers who have demanded that it slow the lines.",
         "While a few shrugged, others said the fee was unfair.",
         "Many in the town believe that the dam will fail.",
         "Some senators worry that the trial will drag on."],
        [("demanded", "warehouse workers"), ("said", "others"), ("believe", "Many in the town"),
         ("worry", "Some senators")],
        # the relative clause of a named person's apposition is theirs; 'the person who …' describes, what
        # others might say is no source, and a row of links is no sentence
        ["“The smoke came in overnight,” John Smith, a local resident who posted about it, said.",
         "Rare was the person who questioned the plan.",
         "Others might argue that the fee is fair.",
         "Home | Senators call for new rules | Weather | Sports"],
        id="relative-clauses-and-quantifiers"),
    pytest.param(
        ["A gambling ring was broken up in Providence, the feds announced.",
         "Some 300 residents filed complaints against the rent increase.",
         "The bridge was closed for hours, according to local news reports."],
        [("announced", "the feds"), ("filed", "Some 300 residents"), ("according", "not named")],
        # a report that is one document, or one with a named source
        ["The bridge was closed for hours, according to the report.",
         "The bridge was closed for hours, according to reports by the BBC."],
        id="feds-complaints-and-reports"),
    pytest.param(
        ["The mayor, who is accused by critics of ignoring the flood warnings, declined to comment.",
         "The budget was criticised by some economists as too timid."],
        [("accused", "critics"), ("criticised", "some economists")],
        ["The budget was criticised by Jane Doe as too timid."],
        id="unnamed-agent-of-a-passive"),
    pytest.param(
        ["A UK man’s decision to change his bedding left him gasping for air, his doctors say.",
         "Businesses and residents also have complained of poor communications and say that the outages were "
         "overly broad."],
        [("say", "his doctors"), ("complained", "Businesses and residents")],
        # an organisation's people are the organisation's; public bodies count as organisations
        ["A new strain was found in the samples, the ministry’s researchers say.",
         "The coup fizzled when state police and government officials opposed the insurgents."],
        id="someones-people-and-pairs"),
])
def test_more_kinds_of_unnamed_sourcing(model, flagged, expected, not_flagged):
    _, r = run(model, *flagged)
    assert [(u.cue, u.source) for u in r.unnamed] == expected
    _, r = run(model, *not_flagged)
    assert r.unnamed == []


def test_role_from_a_relative_clause_saying_what_the_person_leads(model):
    _, r = run(model, "Jane Roe, who runs a bakery in Leeds, said prices had doubled.",
               "“It is bad,” said Tom Lee, who founded the charity in 1999.",
               "“It is worse,” said Ann Fry, who has visited the charity twice.")
    people = cited(r)
    assert people["Jane Roe"].role == "runs a bakery in Leeds"
    assert people["Tom Lee"].role == "founded the charity"
    assert people["Ann Fry"].role is None  # visiting is no role


def test_names_whose_first_word_is_an_ordinary_word_are_no_people(model):
    # 'Big Machine' and 'Fact Checker' open with no one's given name, and the article uses 'big' and 'fact'
    # as ordinary words: a label and a column, not people
    _, r = run(model, "Big Machine have twice denied doing anything wrong, the label said in a big statement.",
               "“The claim is false,” Fact Checker wrote. In fact, the numbers were revised twice.")
    assert [p.name for p in r.cited + r.mentioned if p.name in {"Big Machine", "Fact Checker"}] == []
    # a real given name, a name whose first word the article never writes in lower case, and an address
    # that spells a first name in lower case all stay people
    _, r = run(model, "“We will appeal,” said Will Smith, who will speak again on Monday.",
               "“It is early,” said Kaveh Waddell, a reporter (kaveh@example.com).",
               "“It is done,” said Keir Starmer.")
    assert {"Will Smith", "Kaveh Waddell", "Keir Starmer"} <= set(cited(r))


def test_first_names_come_from_many_locales():
    from backstory.people import first_names
    names = first_names()
    assert all(n in names for n in ("kate", "emmanuel", "uriel", "farhan", "boris"))
    assert not any(n in names for n in ("big", "fact", "laundry"))


def test_one_word_speaker_gets_the_full_name_the_article_first_gives(model):
    # the model may miss the full name (or call it a place); the first time the word appears it follows a
    # given name, and nobody else in the article has that surname
    text, r = run(model, "The songwriter Kate York moved to Nashville in 2009.",
                  "“It’s a totally different muscle,” York said.")
    people = cited(r)
    assert "Kate York" in people and "York" not in people
    assert text[people["Kate York"].mentions[0].start:people["Kate York"].mentions[0].end] == "Kate York"
    # not after a title, not when the word first follows someone else's name, not a surname two people
    # share, not an all-capitals word
    _, r = run(model, "Princess Diana visited the clinic in 1987. “It changed everything,” Diana said.")
    assert "Princess Diana" not in cited(r)
    _, r = run(model, "His Honour Judge Neil Ford QC said: “You knew the potential dangers of a carbon monoxide leak.”")
    assert "Ford QC" not in cited(r) | {p.name: p for p in r.mentioned}
    _, r = run(model, "Debbie Meadows and Mark Meadows met in 1986. “I never planned to stay,” Meadows said.")
    assert [p.name for p in r.cited] == ["Meadows"]


def test_titled_surname_speaker_gets_the_full_name_the_article_first_gives(model):
    # 'Ms Persson' … the model never tagged 'Eva-Marie Persson' as a person
    _, r = run(model, "Deputy Director of Public Prosecution Eva-Marie Persson took the decision to discontinue the "
                      "investigation, the Swedish Prosecution Authority said.",
               "Ms Persson said: \"I would like to emphasise that the injured party has submitted a credible and "
               "reliable version of events.\"")
    assert [(p.name, p.role) for p in r.cited] == [("Eva-Marie Persson", "Deputy Director of Public Prosecution")]
    # not a given name of the other gender than the title's
    _, r = run(model, "The firm was founded by Zoe Ward in 1990.",
               "Mr Ward said: \"We will not sell the company to anyone, whatever the price they offer us.\"")
    assert "Zoe Ward" not in [p.name for p in r.cited]


def test_gendered_title_picks_between_two_people_with_one_surname(model):
    # 'Mr Anderson' with Zoe Anderson and Chris Anderson named: Zoe is only ever a woman's name; 'Chris'
    # may be either, so it stays possible
    _, r = run(model, "Zoe Anderson, 24, died at the home of her father, Future Publishing founder Chris Anderson.",
               "Mr Anderson, who quit Future Publishing in 2001, took the witness box. He proudly told the jury "
               "how his eldest daughter had been dazzling.")
    assert [(p.name, p.role) for p in r.cited] == [("Chris Anderson", "Future Publishing founder")]
    # with no title, or a title both could carry, the surname stays ambiguous
    _, r = run(model, "Alex Anderson and Chris Anderson run the shop.",
               "Mr Anderson told the court that the shop had closed in May.")
    assert [p.name for p in r.cited] == ["Anderson"]


def test_given_names_by_gender():
    from backstory.people.names import other_gender
    assert other_gender("zoe", "m") and other_gender("james", "f")
    assert not other_gender("chris", "m") and not other_gender("chris", "f") and not other_gender("zoe", "f")


def test_the_first_role_the_article_gives_is_the_role(model):
    # annotation rule: of several roles, the first descriptive one in the body
    _, r = run(model, "Dee Dee Myers — a White House press secretary for Bill Clinton — is leaving the studio.",
               "Myers, who was EVP of worldwide corporate communications, told Variety: “I’m going to take some time "
               "to figure out what’s next.”")
    assert cited(r)["Dee Dee Myers"].role == "White House press secretary for Bill Clinton"
    # an earlier 'role' that is no person's role, or that holds part of the name, does not replace the quote's
    _, r = run(model, "The lab works under associate professor of mechanical engineering Chinedum Okwudire.",
               "“It acts preemptively,” said Chinedum Okwudire, an associate professor who directs the lab.")
    assert cited(r)["Chinedum Okwudire"].role == "associate professor who directs the lab"


def test_a_superscript_digit_after_a_name_is_no_age_and_no_crash(model):
    # '²' is a digit to str.isdigit() but int() refuses it
    _, r = run(model, "Kentavious Caldwell-Pope, ², scored the last basket of the night in Los Angeles.")
    assert "Kentavious Caldwell-Pope" not in [p.name for p in r.cited]


def test_span_indexes_agree_with_a_plain_scan():
    """The bisection helpers that keep pages with thousands of quotes fast give the same answers as
    scanning every span: random overlapping spans (quotes already taken) and random sorted, disjoint
    ones (the quotation marks)."""
    import random

    from backstory.people.quotation import Taken as _Taken, overlapping as _overlapping

    rng = random.Random(7)
    for _ in range(200):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 25)))]
        taken = _Taken(spans)
        for pos in range(-2, 340):
            assert taken.holds(pos) == any(s <= pos < e for s, e in spans), (spans, pos)
        for _ in range(40):
            lo, hi = sorted(rng.randint(-5, 340) for _ in range(2))
            assert taken.meets(lo, hi) == any(s < hi and lo < e for s, e in spans), (spans, lo, hi)
        cuts = sorted(rng.sample(range(400), 2 * rng.randint(0, 12)))
        disjoint = list(zip(cuts[::2], cuts[1::2]))
        for _ in range(40):
            lo, hi = rng.randint(-5, 410), rng.randint(-5, 410)
            want = [(s, e) for s, e in disjoint if min(hi, e) - max(lo, s) > (hi - lo) / 2]
            assert [(s, e) for s, e in _overlapping(disjoint, lo, hi) if min(hi, e) - max(lo, s) > (hi - lo) / 2] == want


def test_many_quotes_each_keep_their_speaker(model):
    """A long transcript-like page: every one of 450 quotes goes to its own speaker, the pronoun ones
    (a paragraph of their own) to the speaker of the paragraph before (who spoke where is kept in
    the order of the text, and looked up by bisection)."""
    parts = []
    for i in range(150):
        parts.append(f"“We will fix road number {i} this year,” said Ann Lee, the mayor.")
        parts.append(f"“Road number {i} can wait until the spring,” Tom Rowe said as Ann Lee looked on.")
        parts.append("“The money is short,” he added.")
    _, r = run(model, *parts)
    people = cited(r)
    assert set(people) == {"Ann Lee", "Tom Rowe"}
    assert len(people["Ann Lee"].quotes) == 150
    assert all("fix road" in q.text for q in people["Ann Lee"].quotes)
    rowe = [q.text for q in people["Tom Rowe"].quotes]
    assert len(rowe) == 300 and sum("money is short" in q for q in rowe) == 150


def test_word_lookup_agrees_with_the_boundary_pattern():
    """_stands_alone (a set of the text's word runs, read once) answers as the regex it replaces did,
    for plain words, hyphenated ones and ones with other punctuation."""
    import random
    import re

    from backstory.people.names.evidence import stands_alone as _stands_alone

    rng = random.Random(11)
    pieces = ["big", "deal", "Big", "o'neil", "o", "neil", "st.", "st", "co-op", "co", "op", "-", "é", "café", " ", " ", ", ", ".", "'", "-"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for word in ("big", "deal", "o'neil", "neil", "st.", "st", "co-op", "op", "café", "-", "co-"):
            want = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None
            assert _stands_alone(word, text) == want, (word, text)


# Rules found on GUM's Wikinews pages (../shared/eval/gum_news, CC BY 2.5 texts): each sentence below is
# written for the rule, after the shape of the page that showed it.

def test_name_tagged_as_places_with_a_person_apposition(model):
    # (the model tags both words of 'Valeska Paris' as places)
    _, r = run(model, "Valeska Paris, an Australian woman and former Scientologist, has claimed that the church kept her "
                      "on a cruise ship for twelve years.",
               "Paris claims her passport was taken away from her on the first day.")
    p = cited(r)["Valeska Paris"]
    assert p.role == "Australian woman and former Scientologist"
    assert len(p.quotes) == 2
    # a place with an apposition that is no person stays a place
    _, r = run(model, "Victoria Station, a busy hub in central London, said on Monday that trains would run late.")
    assert "Victoria Station" not in cited(r)


def test_role_without_the_persons_own_first_name(model):
    _, r = run(model, "After the leak, CEO of the Refugee Council Enver Solomon told Sky News that any process must be "
                      "well thought out before it starts.")
    assert cited(r)["Enver Solomon"].role == "CEO of the Refugee Council"


def test_caption_credit_label_is_no_role(model):
    _, r = run(model, "Daniel Montalvo holds a copy of the book in September 2010. Image: Mark Rathbun.",
               "Rathbun wrote, “He would be put behind iron bars for a good long time unless he returned.”")
    assert cited(r)["Mark Rathbun"].role is None


def test_colon_quote_after_a_clause_with_whilst(model):
    _, r = run(model, "During questions on Wednesday, Sunak defended the record of the government whilst promising an "
                      "update: “We are working as quickly as possible to bring forward that legislation.”",
               "The forms are part of Prime Minister Rishi Sunak's effort to clear the backlog.")
    assert "Rishi Sunak" in cited(r)


def test_letters_after_the_name(model):
    # 'SC' between the name and its verb: the name still says it
    _, r = run(model, "Speaking in the parents' defense, Tom Molomby, SC, said that the parents should be declared "
                      "not guilty because of cultural differences.")
    assert "Tom Molomby" in cited(r)
    # credentials opening an apposition are not its role ('MD, MSc, Senior Deputy Editor')
    _, r = run(model, "Cynthia D. Mulrow, MD, MSc, Senior Deputy Editor, reports that she has no relationships or "
                      "interests to disclose.")
    assert cited(r)["Cynthia D. Mulrow"].role == "Senior Deputy Editor"


def test_straight_quote_closed_by_an_opening_curly_mark(model):
    # the typo '.“ However' closes the quotation: the name inside it is not its speaker
    _, r = run(model, "NASA Administrator Charles Bolden announced the new homes of the shuttles on Tuesday.",
               "Cornyn's statement added, \"There is no question Houston should have been selected, even "
               "Administrator Bolden stated as much. I am deeply disappointed with the decision.“ However, the "
               "center will receive seats from the flight deck.",
               "U.S. Senator John Cornyn, Republican from Texas, had issued a statement on Monday.")
    people = cited(r)
    assert people["Charles Bolden"].role == "NASA Administrator"
    assert not any("no question" in q.text for q in people["Charles Bolden"].quotes)


def test_first_name_misspelt_by_one_letter_is_the_same_person(model):
    _, r = run(model, "The prints were donated, according to Kristen Wilkins, curator of the exhibit.",
               "Kristin Wilkins, curator of the exhibition, in January.",
               "“He was hanging out with the celebrities,” Wilkins said.")
    assert list(cited(r)) == ["Kristen Wilkins"]
    assert len(cited(r)["Kristen Wilkins"].quotes) == 2


def test_pronoun_quote_that_names_its_candidate_in_full(model):
    # whoever 'he' is, it is not Andy Warhol, whom the quotation names in full
    _, r = run(model, "For Kevin Allton, a USI instructor in English, Warhol was also a legend. He said, “Andy Warhol "
                      "was the center of the Zeitgeist for the 20th century and everything since.”")
    assert "Andy Warhol" not in cited(r)


def test_name_after_the_verb_of_a_thing_that_speaks_is_who_is_addressed(model):
    # the parser gives 'warns' two subjects, 'letter' before it and 'Mr Johnson' after: he is warned, not warning
    _, r = run(model, "Boris Johnson won the election last year, and ministers are now negotiating new trade deals.",
               "The letter – an edited version of which is reproduced above – warns Mr Johnson: 'If we don't get "
               "this right, progress made as a result of your Government's obesity strategy could be wiped out.")
    assert "Boris Johnson" not in cited(r)
    assert "Boris Johnson" in [p.name for p in r.mentioned]


def test_untagged_name_right_before_the_verb_is_the_subject_not_a_title_further_back(model):
    # 'Lady Sings' (a book title the model tags as a person) is not who replied
    _, r = run(model, "Asked about major discrepancies in her 1956 autobiography, Lady Sings the Blues, which was "
                      "credited to her and the writer/activist William Dufty, Billie Holliday replied, “Shit, man, "
                      "I ain’t never read that book.”")
    assert "Lady Sings" not in cited(r)


def test_finding_oneself_somewhere_is_no_claim(model):
    _, r = run(model, "Maybe it’s something in the Earth’s journey through the cosmos that lands world leaders in "
                      "heated pools of controversy every 50 years, but now, in November 2023, former president Donald "
                      "Trump finds himself mired in multiple criminal cases, two that include charges of interfering "
                      "with the 2020 election — which led to the January 6 attack on the Capitol — and a pair of "
                      "cases involving business fraud.")
    assert "Donald Trump" not in cited(r)


def test_a_heading_opening_with_a_gerund_is_no_second_person(model):
    """'Questioning Vindman's judgment', a heading the model tags as one name: not a second Vindman, who would make
    the bare 'Vindman' that speaks later ambiguous."""
    _, r = run(model, "Alexander Vindman, a career Army officer, testified on Tuesday.",
               "Questioning Vindman's judgment",
               "In his testimony, Vindman said he was told by his supervisor to go straight to the legal counsel.")
    assert list(cited(r)) == ["Alexander Vindman"]
    assert not any("Questioning" in p.name for p in r.mentioned)


def test_names_opening_with_ing_words_that_stay(model):
    # a given name that ends so keeps it; so does a name that is the subject ('Rolling Stone reported' is no 'Stone')
    _, r = run(model, "Irving Berlin said that the song was written in a single night in 1938.")
    assert "Irving Berlin" in cited(r)
    _, r = run(model, "The band will tour again next year with its old singer.",
               "Rolling Stone reported details of the reunion tour that stops at Blossom Music Center on July 22.")
    assert not any(p.name == "Stone" for p in r.cited + r.mentioned)


def test_a_name_after_an_article_and_a_noun_is_a_reduced_relative_clause(model):
    """'…, a prospect Vindman denied': Vindman denied the prospect, not the sentence before it, so a 'he' inside that
    sentence is not him."""
    _, r = run(model, "Former official Tim Morrison testified. Alexander Vindman, a career Army officer, testified earlier.",
               "Morrison did reference his earlier testimony, in which he said others had raised concerns about Vindman "
               "potentially leaking information, a prospect Vindman denied earlier in the day.")
    people = cited(r)
    assert "Alexander Vindman" not in people
    assert [q.text for q in people["Tim Morrison"].quotes] == ["others had raised concerns about Vindman potentially leaking information"]


@pytest.mark.parametrize("sentence, name, role", [
    # a lawmaker's party and state after the name say which one; the title before it is the role
    ('Sen. Ben Sasse, R-Neb., called his death "a crisis of public trust" within the prison system.', "Ben Sasse", "Sen."),
    ("Rep. Ann Lee, D-N.Y., said that the bill would not pass this year.", "Ann Lee", "Rep."),
    # what the person serves or works as, now or at the time
    ("At the time, Dr. Ronny Jackson, who was then serving as the President's physician, said that the president "
     "should lose weight.", "Ronny Jackson", "President's physician"),
    ("Ann Lee, who serves as mayor, said that the plan would fail.", "Ann Lee", "mayor"),
    ("Ann Lee, who works as a nurse at the county hospital, said that the ward was short of staff.", "Ann Lee",
     "nurse at the county hospital"),
    # a lawyer's client
    ("Jason Foy, who represents Tova Noel, said that his client would fight the charges in court.", "Jason Foy",
     "represents Tova Noel"),
    # a share of a group ('some of', 'one of'), as a USA Today story, 2019-11-19, put it
    ("Jack Scarola, who represents some of Epstein’s accusers, said he's pleased to see authorities investigate.",
     "Jack Scarola", "represents some of Epstein’s accusers"),
    ("Ann Lee, who leads one of the rescue teams, said that the ward was short of staff.", "Ann Lee",
     "leads one of the rescue teams"),
])
def test_roles_from_a_title_with_the_party_a_serving_clause_or_a_client(model, sentence, name, role):
    _, r = run(model, sentence)
    assert cited(r)[name].role == role


@pytest.mark.parametrize("sentence, name", [
    ("Ann Lee, who served as mayor for a decade, said that the plan would fail.", "Ann Lee"),  # (a former role)
    ("Ann Lee, D-N.Y., said that the bill would not pass this year.", "Ann Lee"),  # (no title: the label stays)
    # ('some of them' says whom only with a noun)
    ("Jack Scarola, who represents some of them, said he's pleased to see authorities investigate.", "Jack Scarola"),
])
def test_a_former_service_is_no_role_and_a_party_label_alone_stays(model, sentence, name):
    _, r = run(model, sentence)
    assert cited(r)[name].role in (None, "D-N.Y.")


def test_a_promise_with_a_clause_of_its_own_is_a_claim(model):
    _, r = run(model, "At the summit, Prime Minister Ann Lee pledged that her country would double its solar capacity by 2030.")
    assert [q.text for q in cited(r)["Ann Lee"].quotes] == ["her country would double its solar capacity by 2030"]
    # what the promiser will do is no claim ('Trump's vows to resurrect coal' is background)
    _, r = run(model, "Ann Lee vowed to reopen the mill and promised to protect the pensions of its workers.")
    assert "Ann Lee" not in cited(r)


def test_an_age_standing_for_the_person_just_spoken_of(model):
    """'The 56-year-old said …' after a paragraph whose subject is one named person: theirs, as 'he said' would be."""
    _, r = run(model, "Jose Mourinho has been appointed Tottenham manager, replacing Mauricio Pochettino.",
               'The 56-year-old said after his appointment: "I am excited to be joining a club with such a great heritage."')
    assert list(cited(r)) == ["Jose Mourinho"]
    # an age with words after it that make it someone else ('the 28-year-old from Leeds') is nobody named
    _, r = run(model, "Jose Mourinho has been appointed Tottenham manager, replacing Mauricio Pochettino.",
               'The 28-year-old from Leeds said after the match: "I am excited to be joining a club with such a great heritage."')
    assert "Jose Mourinho" not in cited(r)


@pytest.mark.parametrize("sentence, source", [
    # members of the public, one or many
    ("Executives across the world say they have no choice but to postpone some hiring and investment.",
     "Executives across the world"),
    ("“Don't hide things like this,” one Weibo commenter said.", "one Weibo commenter"),
    ("Protesters believe the extradition bill is an example of the city's eroding freedoms.", "Protesters"),
])
def test_members_of_the_public_as_unnamed_sources(model, sentence, source):
    _, r = run(model, sentence)
    assert [u.source for u in r.unnamed] == [source] and not r.cited


@pytest.mark.parametrize("sentence", [
    "The US policy shift was widely seen as an attempt to change the legal context for a series of suits.",
    "Settlements are viewed as one of the most difficult issues in the conflict.",
])
def test_a_judgement_in_the_passive_with_no_one_judging_is_unnamed(model, sentence):
    _, r = run(model, sentence)
    assert [u.text for u in r.unnamed] == [sentence]


def test_bands_clubs_and_branches_are_no_people(model):
    _, r = run(model, "Dave Matthews Band and Doobie Brothers will play Blossom Music Center on July 22, singer Michael "
                      "McDonald said.",
               "Jose Mourinho left Manchester United in 2018. Rob Goldman of Ascom North America said that sales grew.")
    names = {p.name for p in r.cited + r.mentioned}
    assert not names & {"Dave Matthews Band", "Doobie Brothers", "Manchester United", "Ascom North America"}
    assert {"Michael McDonald", "Jose Mourinho", "Rob Goldman"} <= names


@pytest.mark.parametrize("credit", [
    "Keith Bradsher contributed reporting from Hong Kong.",
    "Associated Press writers Alan Fram, Zeke Miller and Jill Colvin contributed to this report.",
    "Contributing: Kristine Phillips",
])
def test_who_contributed_reporting_is_a_credit_not_a_mentioned_person(model, credit):
    _, r = run(model, "Ann Lee, the city treasurer, said that the budget would be cut by a tenth next year.", credit)
    assert [p.name for p in r.mentioned] == [] and list(cited(r)) == ["Ann Lee"]
    # someone who contributed to a report the article speaks of is mentioned
    _, r = run(model, "Ann Lee, the city treasurer, said that the budget would be cut by a tenth next year.",
               "Tom Roe, a professor of economics, contributed to the report on child poverty.")
    assert [p.name for p in r.mentioned] == ["Tom Roe"]


def test_products_named_pro_are_no_people(model):
    _, r = run(model, "Ann Lee, an analyst at the firm, said that the MacBook Pro and the Mac Pro would sell well, "
                      "as Coinbase Pro did.")
    assert {p.name for p in r.cited + r.mentioned} == {"Ann Lee"}


@pytest.mark.parametrize("sentence, name, expected", [
    # a judgement that names the judged thing, nested in another's reported speech too
    ("Tim Morrison, a former official, said his predecessor, Fiona Hill, had dubbed Sondland's role in Ukraine policy "
     'as "the Gordon problem."', "Fiona Hill", True),
    ('Ann Lee labelled the proposal "a disaster for the town" at the meeting on Monday.', "Ann Lee", True),
    # dubbing a film, labelling jars: no judgement
    ("Ann Lee, a sound engineer, dubbed the new animated family film into French before the festival.", "Ann Lee", False),
    ("Ann Lee, a local farmer, labelled the big strawberry jam jars before the market opened.", "Ann Lee", False),
])
def test_judgements_that_name_what_they_judge(model, sentence, name, expected):
    _, r = run(model, sentence)
    assert (name in cited(r)) is expected


def test_a_given_name_of_two_syllables_the_model_cut_short(model):
    _, r = run(model, "The roadmap was announced by president Moon Jae-in last week, officials said.")
    assert list(cited(r)) == ["Moon Jae-in"]


@pytest.mark.parametrize("text, name", [("Under Ann Lee-led teams, prices rose.", "Ann Lee"),
                                        ("Under Ann Lee-era rules, prices rose.", "Ann Lee"),
                                        ("President Moon Jae-in met them.", "Moon Jae-in")])
def test_a_name_and_a_hyphen_that_make_an_adjective_stay_the_name(model, text, name):
    from backstory.people import clean_name

    doc = model(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    assert clean_name(doc[start : start + 2])[0] == name


# (an AP story, 2019-11-20, in the ScrapingHub benchmark: the model calls 'Ukraine Kurt Volker' an organisation)
_VOLKER = ["Donald Trump spoke about Ukraine on Monday.",
           "Another diplomat, former special envoy to Ukraine Kurt Volker, shifted his own account of the meeting to say "
           "Sondland did discuss investigations with the visitors.",
           "“I think all of us thought it was inappropriate,” Volker said."]


def test_a_group_word_with_a_named_person_in_apposition_is_no_unnamed_source(model):
    _, r = run(model, *_VOLKER)
    assert "Kurt Volker" in cited(r) and r.unnamed == []
    # a named person elsewhere in the phrase does not name the group ('some of Trump’s defenders')
    _, r = run(model, _VOLKER[0], "Shortly after, some of Trump’s defenders took to social media to say the hearing was a sham.",
               _VOLKER[2])
    assert [u.source for u in r.unnamed] == ["some of Trump’s defenders"]


def test_being_of_the_view_that_is_a_belief(model):
    # (a Moneycontrol story, 2019-11-19, in the ScrapingHub benchmark)
    _, r = run(model, "Experts and brokerages are of the view that the market is factoring in a recovery in the economy.")
    assert [u.source for u in r.unnamed] == ["Experts and brokerages"]
    _, r = run(model, "Ann Lee, the city treasurer, is of the view that the shops will close by the summer.")
    assert [(q.cue, q.text) for q in cited(r)["Ann Lee"].quotes] == [("of the view", "the shops will close by the summer")]
    # not a view someone is not of
    _, r = run(model, "Ann Lee is not of the view that the shops will close by the summer.")
    assert r.cited == []


def test_said_to_be_with_the_subject_after_it_is_unnamed_sourcing(model):
    # (a Guardian editorial, 2019-11-18, in the ScrapingHub benchmark: the parser leaves the subject out)
    _, r = run(model, "Among the hundreds trapped were said to be secondary school pupils.")
    assert [u.text for u in r.unnamed] == ["Among the hundreds trapped were said to be secondary school pupils."]
    # or the subject is a conjunct's
    _, r = run(model, "The minister resigned on Monday and was said to be furious.")
    assert [u.cue for u in r.unnamed] == ["said"]
    # a participle opening the sentence describes its subject: nobody is said to say anything
    _, r = run(model, "Said to be the best in town, the bakery opened in 1990.")
    assert r.unnamed == []


def test_a_person_named_in_the_groups_own_clause_does_not_name_the_group(model):
    # (an Al Bawaba story, 2019-11-19, in the ScrapingHub benchmark)
    _, r = run(model, "Benjamin Netanyahu spoke on Monday.", "Israeli settlers, who overwhelmingly form part of Netanyahu's "
               "right-wing constituency, said the US policy change was a historic step.")
    assert [u.source for u in r.unnamed] == ["Israeli settlers, who overwhelmingly form part of Netanyahu's right-wing constituency,"]
    # but someone's aide is that person's: anchored, not unnamed
    _, r = run(model, "Benjamin Netanyahu spoke on Monday.", "An aide to Benjamin Netanyahu said the US policy change was a historic step.")
    assert r.unnamed == []
