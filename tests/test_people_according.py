"""'According to X', '…, per X' (rules according.*)."""

import pytest

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


@pytest.mark.parametrize("noun", ["estimate", "calculations", "testimony"])
def test_according_to_a_persons_own_working_out(model, noun):
    _, r = run(model, f"The repairs will cost about $4 million, according to Maria Alvarez's {noun}.")
    assert cited(r)["Maria Alvarez"].quotes[0].cue == "according to"


@pytest.mark.parametrize("noun", ["lawyer", "office", "family"])
def test_according_to_those_who_speak_for_a_person(model, noun):
    _, r = run(model, f"The repairs will cost about $4 million, according to Maria Alvarez's {noun}.")
    assert cited(r) == {}


def test_per_a_reporter_passing_on_anothers_words(model):
    _, r = run(model, "Emily Feng covers China for the network.",
               "“Don't hide things like this from us,” one commenter said, per Feng.")
    assert cited(r) == {}


def test_according_to_a_document_from_a_person(model):
    _, r = run(model, "According to a statement from Governor Ann Walsh, the shelters will stay open through the weekend.")
    assert cited(r)["Ann Walsh"].quotes[0].cue == "according to"
