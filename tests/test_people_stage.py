"""The people stage as a whole: the seed page, authors' bios, the spaCy components, and pages with many quotes."""

from backstory.extract import extract
from backstory.people import find_bio, find_people

from conftest import SEED_URL
from people_support import cited, model, run  # noqa: F401 (model is a fixture)


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


def test_hopes_is_hope_not_hop(model):
    # the small model's lemmatizer gives 'hop' for 'hopes' and 'hoped'
    _, r = run(model, "The family hopes the fundraiser will not only raise money for the expensive care they foresee, "
                      "but also make people aware of the illness.", "Jane Roe hoped that the bridge would open by May.")
    assert [u.cue for u in r.unnamed] == ["hopes"] and cited(r)["Jane Roe"].quotes[0].cue == "hoped"


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
