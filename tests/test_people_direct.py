"""Direct quotes (rules direct.*): a quotation and the words that attribute it in its sentence or the one before; which quoted runs are quotes at all."""

import pytest

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_quotation_signed_with_a_dash(model):
    _, r = run(model, "“We are losing money every single day.” — Maria Alvarez, city treasurer")
    p = cited(r)["Maria Alvarez"]
    assert ([(q.text, q.cue) for q in p.quotes], p.role) == ([("We are losing money every single day.", "(no verb)")],
                                                             "city treasurer")
    # a dash before what is not a name's signature
    _, r = run(model, "“No dogs are allowed in the park” — Maria Alvarez’s favourite sign, at the gate.")
    assert cited(r) == {}


def test_quotations_signed_with_the_quotation_dash(model):
    # the quotation dash (U+2015) signs a quotation as an em dash does, spaced or not, even where the model reads
    # the dash as a verb whose subject is the name
    _, r = run(model, "“Mr. Ortega embodies what went wrong with the campaign. He represents our greatest shame.” ― Sonya Hartmann",
               "“The most unqualified child to ever run for mayor.”― Francisco Herrera",
               "“Ortega scares me. Hearing him talk about our town makes me fearful.” ― Karen Morales")
    assert {name: [q.rule for q in p.quotes] for name, p in cited(r).items()} == {
        "Sonya Hartmann": ["direct.signature"], "Francisco Herrera": ["direct.signature"],
        "Karen Morales": ["direct.signature"]}
    # (still no signature when the name starts a sentence of its own)
    _, r = run(model, "“The most unqualified child to ever run for mayor.” ― Francisco Herrera said nothing more.")
    assert "Francisco Herrera" not in cited(r) or cited(r)["Francisco Herrera"].quotes[0].rule != "direct.signature"


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


def test_scare_quotes_are_not_quotes(model):
    _, r = run(model, "Despite talk of “isolation”, Peter Hall visited Moscow twice this year.")
    assert r.cited == []


def test_quote_signed_without_a_verb(model):
    _, r = run(model, "“The situation is under control and no one was hurt,” Augusto Reyes, Director of the "
                      "Emergency Agency.")
    p = cited(r)["Augusto Reyes"]
    assert (p.quotes[0].cue, p.quotes[0].kind) == ("(no verb)", "direct")
    assert p.role == "Director of the Emergency Agency"


def test_name_after_a_quote_as_new_sentence_is_not_a_signature(model):
    _, r = run(model, "“The situation is under control and no one was hurt.” Augusto Reyes arrived an hour later.")
    assert r.cited == []


def test_quote_cues_that_report_nothing_alone(model):
    _, r = run(model, "Maria Lopez runs the bakery on Elm Street.",
               "“We have never seen a winter like this one in thirty years,” Lopez laughed.",
               "Maria Lopez continued to work through the night.")
    p = cited(r)["Maria Lopez"]
    assert [q.cue for q in p.quotes] == ["laughed"]


def test_curly_quote_closed_by_a_straight_mark(model):
    text, r = run(model, "“The end of the calendar year is a popular time for expensive vehicle purchases,\" "
                         "Jessica Caldwell, the site's executive director of industry analysis, said in a statement.")
    q = cited(r)["Jessica Caldwell"].quotes[0]
    assert q.kind == "direct" and q.text.startswith("The end of the calendar year")
    assert text[q.start:q.end] == q.text


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


def test_straight_opening_and_curly_closing_quotation_marks(model):
    _, r = run(model, "The Democrats say the call was an abuse of office. \"A great day for Republicans, a great day "
                      "for our Country! In the end, we will win,” Donald Trump tweeted soon after the hearing.")
    assert cited(r)["Donald Trump"].quotes[0].text.startswith("A great day for Republicans")


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


def test_in_the_words_of_a_role_then_name_and_continued_with_a_colon(model):
    _, r = run(model, "Gloria cried a lot, and in the words of the Crown prosecutor, Mark Tedeschi, QC, \"Gloria spent a "
                      "lot of the last five months of her life crying.\"",
               "Labour's Shadow Home Secretary Yvette Cooper said her party has supported the idea for months.",
               "She continued: \"Labour has a common-sense plan to fast-track cases and get return agreements in place.\"")
    people = cited(r)
    # ('QC' is no role; the role before the name is)
    assert people["Mark Tedeschi"].quotes[0].cue == "(in their words)" and people["Mark Tedeschi"].role == "Crown prosecutor"
    assert people["Yvette Cooper"].quotes[-1].cue == "continued"


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


def test_passive_speech_verbs_do_not_make_their_subject_the_speaker(model):
    _, r = run(model, "Walter Dean Burnham is an expert in the analysis of elections. He has been called “one of the "
                      "country's premier election analysts by far in the field”.",
               "Tom Lee was told that the plant would close next year.",
               "Ann Roe was quoted as saying: “We will never give up on this town and its people.”")
    assert list(cited(r)) == ["Ann Roe"]


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


def test_colon_after_a_quote_introduces_the_next_one(model):
    _, r = run(model, "“It’s a totally different muscle,” Kate Yorke said. “You have to take yourself out of it a little bit, "
                      "it’s kind of like acting.” Caitlyn Smith agreed: “It’s a different job altogether, and it is hard.”")
    people = cited(r)
    assert [q.text for q in people["Kate Yorke"].quotes] == [
        "It’s a totally different muscle", "You have to take yourself out of it a little bit, it’s kind of like acting."]
    assert [q.text for q in people["Caitlyn Smith"].quotes] == ["It’s a different job altogether, and it is hard."]


def test_colon_quote_after_a_clause_with_whilst(model):
    _, r = run(model, "During questions on Wednesday, Sunak defended the record of the government whilst promising an "
                      "update: “We are working as quickly as possible to bring forward that legislation.”",
               "The forms are part of Prime Minister Rishi Sunak's effort to clear the backlog.")
    assert "Rishi Sunak" in cited(r)


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


def test_a_verb_with_a_clause_of_its_own_does_not_attribute_the_quotation_before(model):
    # '… .” X said it would be …' reports X's own clause; the quotation before is not X's
    _, r = run(model, "Mayor Jennifer Roberts said Friday that the video should come out, but said \"the question is the "
                      "timing.\" Gov. Pat McAllister said it would be improper for him to speak on the matter.")
    people = cited(r)
    assert all("timing" not in q.text for q in people["Pat McAllister"].quotes)
    # ('… .” Ford said.' still does)
    _, r = run(model, "The mayor spoke first. \"The question is the timing.\" Pat McAllister said.")
    assert [q.text for q in cited(r)["Pat McAllister"].quotes] == ["The question is the timing."]


def test_a_straight_opening_mark_closed_by_a_curly_one_before_another_quotation(model):
    # '"…,” said X. "…"': the first closing mark closes the first quotation; the attribution is outside both
    _, r = run(model, "\"This is a long and expensive process for every campaign in the state,” said Paul Lindqvist, a "
                      "spokesman for the committee. \"Some candidates will have a hard time living hand to mouth.\"")
    assert [q.text[:20] for q in cited(r)["Paul Lindqvist"].quotes] == ["This is a long and e", "Some candidates will"]
    # (a curly pair inside a straight quotation stays inside it)
    _, r = run(model, "\"I am going to read you the question: “Do you think the mayor is fit to serve?” Forty-three said yes,\" "
                      "Pat Cadwell said.")
    assert [q.text[-20:] for q in cited(r)["Pat Cadwell"].quotes] == ["Forty-three said yes"]


def test_the_next_sentences_verb_with_its_own_object_does_not_take_the_quotation(model):
    # '… .” Former governor Tom Reyes called the program “…”': Reyes's own words are his object; the quotation
    # before is the senator's ('called him “…”'), not his
    _, r = run(model, "Senator Ann Cole said the tax plan would give money to people who never paid in, and called him "
                      "\"the leading proponent of open borders in the whole party.\" Former governor Tom Reyes called "
                      "the program \"worse than amnesty.\"")
    assert [q.rule for q in cited(r)["Tom Reyes"].quotes] == ["reported.object"]
