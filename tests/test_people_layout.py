"""Attributions the page's layout makes (rules layout.*): interview answers, embedded posts, introduced statements."""

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_embedded_post_is_its_signers(model):
    _, r = run(model, "Reporter Drew Mikkelsen was tweeting in:",
               "The state’s newest Supreme Court Justice, Raquel Montoya-Lewis, heading into courtroom to be sworn in. "
               "She is the first state justice of Native American heritage. pic.twitter.com/CIHDX5qmux",
               "— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020",
               "More text follows here about the ceremony and the court.")
    person = cited(r)["Drew Mikkelsen"]
    assert [(q.cue, q.text[-25:]) for q in person.quotes] == [("(embedded tweet)", "Native American heritage.")]
    assert person.role == "Reporter"  # (not the handle)


def test_a_headline_in_the_text_is_no_citation(model):
    # a title-case line that does not end as a sentence is a headline: the words it puts in someone's mouth are
    # not a quote of this article
    _, r = run(model, "Mayor Ann Walsh Says Town Will Face ‘Hard Choices and Long Winters’",
               "Mayor Ann Walsh opened the new library on Monday.")
    assert cited(r) == {}
    assert [p.name for p in r.mentioned] == ["Ann Walsh"]
    # (a sentence in the text, ending with a full stop, still is)
    _, r = run(model, "Mayor Ann Walsh said the town would face ‘hard choices and long winters’ this year.")
    assert list(cited(r)) == ["Ann Walsh"]
