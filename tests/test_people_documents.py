"""Documents and findings (rules documents.*): a named person's work, statement, 'the view of X', citations."""

import pytest

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_a_persons_statement_says_what_they_say(model):
    _, r = run(model, 'Senator John Cornyn was angry. Cornyn\'s statement added, "The decision is a slap in the face '
                      'to Texas and its people."', "The company's statement said the plant would close next year.")
    assert list(cited(r)) == ["John Cornyn"]
    assert cited(r)["John Cornyn"].quotes[0].cue == "added"
