"""Reported speech (rules reported.*): the clause or object of a verb of saying, passive agents, claims without a clause."""

import pytest

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_told_listener_clause(model):
    _, r = run(model, "Police identified the driver as Thomas Reed, 45, of Dayton.",
               "Reed told officers he had swerved to avoid a deer on the highway.")
    p = cited(r)["Thomas Reed"]
    assert p.quotes[0].text.startswith("he had swerved")


def test_communication_verb_with_content_object(model):
    _, r = run(model, "In June, Donald Trump announced his decision to pull the United States out of the Paris "
                      "Agreement.", "Mayor Ann Roe announced the winners.")
    assert list(cited(r)) == ["Donald Trump"]


def test_cautioned_against(model):
    _, r = run(model, "Dr. Ravi Menon, an epidemiologist, cautioned against reading too much into a single week of data.")
    p = cited(r)["Ravi Menon"]
    assert p.role == "epidemiologist" and "reading too much" in p.quotes[0].text


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


def test_publication_cited_with_as_noted_by_is_no_person(model):
    _, r = run(model, "Since those vitamins are found in most multivitamins, as noted by Verywell Fit, one pill a day "
                      "covers the dose.")
    assert not r.cited


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


def test_as_someone_wrote_closing_the_sentence(model):
    _, r = run(model, "If you have been following endorsements, the biggest thing that stands out is the lack of them, "
                      "as my colleague Geoffrey Skelley wrote recently.",
               "The market will recover next year, as Ann Lee predicted.",
               "He left the room as Tom Roe said goodbye to everyone.")
    people = cited(r)
    assert set(people) == {"Geoffrey Skelley", "Ann Lee"}
    assert people["Ann Lee"].quotes[0].text == "The market will recover next year"


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


def test_a_name_after_an_article_and_a_noun_is_a_reduced_relative_clause(model):
    """'…, a prospect Vindman denied': Vindman denied the prospect, not the sentence before it, so a 'he' inside that
    sentence is not him."""
    _, r = run(model, "Former official Tim Morrison testified. Alexander Vindman, a career Army officer, testified earlier.",
               "Morrison did reference his earlier testimony, in which he said others had raised concerns about Vindman "
               "potentially leaking information, a prospect Vindman denied earlier in the day.")
    people = cited(r)
    assert "Alexander Vindman" not in people
    assert [q.text for q in people["Tim Morrison"].quotes] == ["others had raised concerns about Vindman potentially leaking information"]


def test_a_promise_with_a_clause_of_its_own_is_a_claim(model):
    _, r = run(model, "At the summit, Prime Minister Ann Lee pledged that her country would double its solar capacity by 2030.")
    assert [q.text for q in cited(r)["Ann Lee"].quotes] == ["her country would double its solar capacity by 2030"]
    # what the promiser will do is no claim ('Trump's vows to resurrect coal' is background)
    _, r = run(model, "Ann Lee vowed to reopen the mill and promised to protect the pensions of its workers.")
    assert "Ann Lee" not in cited(r)


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


@pytest.mark.parametrize("sentence, outer, inner", [
    # a named person's words inside what a source not named reports: the source's claim, not theirs
    ("Jane Whitfield had told police officials that she did not want the escort at all, but the police overruled "
     "that request, the source added.", None, "Jane Whitfield"),
    # (the parser may make the closing attribution a conjunct of the sentence's verb)
    ("Clinton had told police officials that she didn’t want the escort at all, but the NYPD overruled that request, "
     "the source added.", None, "Clinton"),
    # inside what a named spokesman reports, conjoined to another verb of the reported clause
    ("Nick Merrill says Maria Alvarez promised to keep supporting the mayor and said she would stand up to the attacks.",
     ("Nick Merrill", "Maria Alvarez promised"), "Maria Alvarez"),
    ("Campaign manager Robby Mook further asserted that Tom Ray tells so many lies that the mayor could not check them.",
     ("Robby Mook", "Tom Ray tells so many lies"), "Tom Ray"),
])
def test_a_report_inside_someone_elses_report_is_theirs(model, sentence, outer, inner):
    # (issue 26: the cue's subject in the same sentence must be the speaker; a second-hand report is no citation)
    _, r = run(model, sentence)
    people = cited(r)
    assert inner not in people
    if outer is not None:
        assert any(outer[1] in q.text for q in people[outer[0]].quotes)


@pytest.mark.parametrize("sentence, speaker, words", [
    ("Ann Lee said she told Tom Ray that the plan for the bridge would fail.", "Ann Lee", "the plan for the bridge"),
    ("Ann Lee said the bridge would close, adding that the city would pay for a ferry.", "Ann Lee", "the city would pay"),
    # a belief is known only as someone reports it: the spokesman gives Carter's view
    ("Carter’s press secretary, Peter Cook, told the Times that Ash Carter believes his use of personal email was a "
     "mistake.", "Ash Carter", "his use of personal email"),
])
def test_the_same_speaker_inside_their_own_report_keeps_it(model, sentence, speaker, words):
    _, r = run(model, sentence)
    people = cited(r)
    assert "Tom Ray" not in people
    assert any(words in q.text for q in people[speaker].quotes)
