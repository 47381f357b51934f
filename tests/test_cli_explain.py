"""``backstory check … --explain``: the rule trail behind each card (backstory.explain), on saved pages."""

import json
import re

from backstory.cli import main
from backstory.explain import explain
from backstory.people import RULES

from conftest import FIXTURES
from test_cli import env  # noqa: F401 (the fixture: the session's cache and data, a fresh config)


def blocks(trail: str) -> dict[str, str]:
    """The WHY section cut into one block per card (a line indented by two spaces opens a card), each block's
    lines joined by single spaces (the trail is wrapped at 100 columns)."""
    assert "WHY (the rules behind these cards)" in trail
    out, head = {}, None
    for line in trail.split("WHY (the rules behind these cards)", 1)[1].splitlines():
        if re.match(r"  \S", line):
            head = line.strip()
            out[head] = ""
        elif head is not None:
            out[head] += " " + line.strip()
    return out


def block_of(found: dict[str, str], opening: str) -> str:
    matches = [text for head, text in found.items() if head.startswith(opening)]
    assert len(matches) == 1, (opening, list(found))
    return matches[0]


def test_explain_prints_the_seed_pages_rules_beside_their_cards(env, capsys):
    page = str(FIXTURES / "globalresearch-cpc-attack.html")
    assert main(["check", page]) == 0
    assert "WHY" not in capsys.readouterr().out  # (only on request)
    assert main(["check", page, "--explain"]) == 0
    found = blocks(capsys.readouterr().out)
    korybko = block_of(found, "cited Andrew Korybko — political analyst")
    assert "role: rule role.premodifier — The words before the name that modify it" in korybko
    assert "Read: “political analyst” (article text 3955–3972)" in korybko
    assert "rule direct.cue_after — A quotation followed" in korybko
    assert "Read: “political analyst Andrew Korybko said” (article text 3955–3992)" in korybko
    unnamed = block_of(found, "unnamed sourcing (Some experts)")
    assert "rule reported.clause" in unnamed and "Read: “Some experts believe” (article text 3145–3165)" in unnamed
    assert "direct.cue_after" not in unnamed and "reported.clause" not in korybko
    # the author and the republication claim are listed, with whatever rule their stage records
    assert block_of(found, "author Lucas Leiroz")
    assert "originally_published: “This article was originally published on InfoBrics.”" in block_of(found, "republication claim: InfoBrics")


def test_explain_with_json_gives_each_person_their_own_rules(env, capsys):
    """Three cited people on a saved AP page: each person's role and quote rules in that person's block, and the
    JSON on stdout untouched (the trail goes to stderr)."""
    assert main(["check", str(FIXTURES / "pages" / "ap-uk-tories-twitter.html"), "--json", "--explain"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    found = blocks(captured.err)
    moy = block_of(found, "cited Will Moy")
    assert "role: rule role.apposition" in moy and "rule runs.following_sentence" in moy
    assert "Read: “chief executive of the London-based fact- checking website Full Fact”" in moy
    raab = block_of(found, "cited Dominic Raab — Foreign Secretary")
    assert "role: rule role.premodifier" in raab and "rule direct.cue_after" in raab and "Read: “Raab told”" in raab
    johnson = block_of(found, "cited Boris Johnson — Prime Minister")
    assert "rule direct.cue_before" in johnson and "Read: “he urged”" in johnson
    assert "runs.following_sentence" not in raab + johnson and "direct.cue_before" not in moy + raab
    assert "rule reported.passive_group_agent" in block_of(found, "unnamed sourcing (critics)")
    # every quote of every card has its rule line: one 'rule' per quote, one 'role: rule' per role
    for c in doc["cited"]:
        text = block_of(found, f"cited {c['name']}")
        assert text.count(" rule ") + text.startswith("rule ") == len(c["quotes"]) + (c["role"] is not None)
        assert "(no rule recorded)" not in text


def test_explain_reads_any_stages_provenance_generically():
    """The extract stage's fields (an author's rule, decided_by and evidence outside the main text; a republication
    signal's rule) are printed as they come, a people rule with its description, an unknown id as it is."""
    people_rule = "direct.cue_after"
    doc = {
        "authors": [{"name": "Ann Lee", "source": "byline", "rule": "byline.by_line", "decided_by": "authors.first_source",
                     "evidence": {"text": "By Ann Lee", "start": None, "end": None}},
                    {"name": "Tom Roe", "source": "meta"}],
        "syndicated_from": {"name": "Reuters", "domain": "reuters.com",
                            "evidence": [{"kind": "dateline", "text": "LONDON (Reuters) -", "start": 0, "end": 18,
                                          "rule": "syndication.dateline"}]},
        "cited": [{"name": "Jo Park", "role": None, "role_rule": None,
                   "quotes": [{"text": "We will.", "cue": "said", "kind": "direct", "rule": people_rule,
                               "evidence": {"text": "Jo Park said", "start": 40, "end": 52}}]}],
        "mentioned": [{"name": "Kim Lo", "role_rule": "role.copula", "role_evidence": {"text": "a nurse", "start": 70, "end": 77}}],
        "unnamed_sources": [],
    }
    found = blocks(explain(doc))
    ann = block_of(found, "author Ann Lee (from byline)")
    assert "rule byline.by_line Read: “By Ann Lee” (outside the main text)." in ann
    assert "kept by rule authors.first_source" in ann
    assert block_of(found, "author Tom Roe").strip() == "(no rule recorded)"
    assert "rule syndication.dateline Read: “LONDON (Reuters) -” (article text 0–18)." in block_of(found, "republication claim: Reuters")
    jo = block_of(found, "cited Jo Park — role not given")
    assert f"rule {people_rule} — {RULES[people_rule].doc} Read: “Jo Park said” (article text 40–52)." in jo
    assert "role: rule role.copula" in block_of(found, "mentioned Kim Lo")


def test_explain_says_when_no_rule_found_anything():
    trail = explain({"authors": [], "syndicated_from": None, "cited": [], "mentioned": [], "unnamed_sources": []})
    assert "nothing on this page was found by a rule" in trail
