"""Quotation runs (rules runs.*): a quotation with no attribution of its own that carries on the previous speaker's words."""

import pytest

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_quote_running_over_paragraphs(model):
    _, r = run(model, "“We worked hard for this result,” coach Ana Ruiz said. “And we will keep working until the end",
               "“Next season we start again from the very beginning.”")
    quotes = cited(r)["Ana Ruiz"].quotes
    assert quotes[-1].text == "Next season we start again from the very beginning." and quotes[-1].cue == "(continued)"


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
