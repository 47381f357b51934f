"""Beliefs held rather than said (rules beliefs.*), and moods, judgements and reflexives that are no claims."""

import pytest

from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_finding_oneself_somewhere_is_no_claim(model):
    _, r = run(model, "Maybe it’s something in the Earth’s journey through the cosmos that lands world leaders in "
                      "heated pools of controversy every 50 years, but now, in November 2023, former president Donald "
                      "Trump finds himself mired in multiple criminal cases, two that include charges of interfering "
                      "with the 2020 election — which led to the January 6 attack on the Capitol — and a pair of "
                      "cases involving business fraud.")
    assert "Donald Trump" not in cited(r)


def test_being_of_the_view_that_is_a_belief(model):
    # (a Moneycontrol story, 2019-11-19, in the ScrapingHub benchmark)
    _, r = run(model, "Experts and brokerages are of the view that the market is factoring in a recovery in the economy.")
    assert [u.source for u in r.unnamed] == ["Experts and brokerages"]
    _, r = run(model, "Ann Lee, the city treasurer, is of the view that the shops will close by the summer.")
    assert [(q.cue, q.text) for q in cited(r)["Ann Lee"].quotes] == [("of the view", "the shops will close by the summer")]
    # not a view someone is not of
    _, r = run(model, "Ann Lee is not of the view that the shops will close by the summer.")
    assert r.cited == []
