"""Every declared rule of the people stage fires on its own examples and on none of its counter-examples,
and everything the stage finds names a declared rule (backstory.people.declare)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.extract import extract
from backstory.people import PASSES, RULES, find_people
from backstory.people.declare import rule
from backstory.people.rules import FAMILIES

from conftest import SEED_URL
from people_support import fired, model, run  # noqa: F401 (model is a fixture)

FIRES = [(r.id, ex) for r in RULES.values() for ex in r.fires_on]
NEVER = [(r.id, ex) for r in RULES.values() for ex in r.never_on]


@pytest.mark.parametrize("rule_id, example", FIRES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(FIRES)])
def test_rule_fires_on_its_examples(model, rule_id, example):
    _, result = run(model, *example.split("\n\n"))
    assert rule_id in fired(result), f"{rule_id} did not fire; fired: {sorted(fired(result))}"


@pytest.mark.parametrize("rule_id, example", NEVER, ids=[f"{r}-{i}" for i, (r, _) in enumerate(NEVER)])
def test_rule_never_fires_on_its_counter_examples(model, rule_id, example):
    _, result = run(model, *example.split("\n\n"))
    assert rule_id not in fired(result)


def test_every_rule_is_declared_well():
    assert len(RULES) >= 50
    for rule_id, r in RULES.items():
        assert r.id == rule_id and r.family in FAMILIES, rule_id
        assert r.doc and "\n" not in r.doc and r.fires_on, rule_id
    # every family declares rules, and most rules say where they must not fire
    assert {r.family for r in RULES.values()} == set(FAMILIES)
    assert sum(bool(r.never_on) for r in RULES.values()) == len(RULES)


def test_a_rule_cannot_be_declared_twice_or_without_an_example():
    with pytest.raises(ValueError, match="twice"):
        rule("direct.cue_after", "again", fires_on=["x"])
    with pytest.raises(ValueError, match="one-line doc"):
        rule("direct.no_example", "a rule with nothing to show", fires_on=[])
    with pytest.raises(ValueError, match="one-line doc"):
        rule("nofamily", "an id without its family", fires_on=["x"])


def test_passes_are_declared_in_order():
    names = [p.name for p in PASSES]
    assert len(names) == len(set(names))
    # named speakers are found before pronouns, and quotation runs after the quotes they carry on
    assert names.index("direct quotes, named speakers") < names.index("direct quotes, pronouns and epithets")
    assert names.index("direct quotes still unattributed") < names.index("continued quotations")


def test_everything_found_on_the_seed_page_names_a_declared_rule(model, seed_html):
    ex = extract(SEED_URL, seed_html, max_chars=10_000_000)
    result = find_people(model, ex.text, ex.paragraphs, ["Lucas Leiroz"])
    assert result.cited and result.unnamed
    for person in result.cited:
        assert person.role_rule is None or person.role_rule in RULES
        assert (person.role is None) == (person.role_rule is None)
        for q in person.quotes:
            assert q.rule in RULES, q
            assert q.evidence is not None and ex.text[q.evidence.start:q.evidence.end] == q.evidence.text
    for u in result.unnamed:
        assert u.rule in RULES and ex.text[u.evidence.start:u.evidence.end] == u.evidence.text


def test_cards_carry_the_rules(seed_doc):
    korybko = seed_doc["cited"][0]
    assert (korybko["role"], korybko["role_rule"]) == ("political analyst", "role.premodifier")
    assert korybko["role_evidence"]["text"] == "political analyst"
    quote = korybko["quotes"][0]
    assert quote["rule"] == "direct.cue_after" and quote["evidence"]["text"] == "political analyst Andrew Korybko said"
    unnamed = seed_doc["unnamed_sources"][0]
    assert (unnamed["rule"], unnamed["evidence"]["text"]) == ("reported.clause", "Some experts believe")


def test_openapi_names_every_rule_family():
    import re
    from pathlib import Path

    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "openapi.yaml").read_text())
    pattern = re.compile(spec["components"]["schemas"]["RuleId"]["pattern"])
    assert all(pattern.fullmatch(rule_id) for rule_id in RULES)
    assert not pattern.fullmatch("nofamily.rule") and not pattern.fullmatch("direct")


SAVED_PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))


def test_every_card_of_every_saved_page_names_its_rule_and_the_words_it_read(engine):
    """On the 19 saved news pages: every quote and unnamed-sourcing sentence carries a declared rule and its
    evidence, every role its role rule and role evidence, each evidence being the article's text at its offsets;
    and the documents match the OpenAPI schema, which requires these fields."""
    import json

    import jsonschema
    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "openapi.yaml").read_text())
    cards = {"$ref": "#/components/schemas/Cards", "components": spec["components"]}
    counts = {"quotes": 0, "roles": 0, "unnamed": 0}

    def at(span: dict, text: str) -> bool:
        return text[span["start"]:span["end"]] == span["text"]

    for page in SAVED_PAGES:
        doc = engine.analyze(f"https://saved.example/{page.stem}", page.read_text(encoding="utf-8", errors="replace"),
                             include_text=True, use_cache=False)
        jsonschema.validate(json.loads(json.dumps(doc)), cards, cls=jsonschema.Draft202012Validator)
        text = doc["article"]["text"]
        for c in doc["cited"]:
            assert (c["role"] is None) == (c["role_rule"] is None) == (c["role_evidence"] is None), (page.name, c["name"])
            if c["role"]:
                counts["roles"] += 1
                assert c["role_rule"] in RULES and at(c["role_evidence"], text), (page.name, c["name"])
            for q in c["quotes"]:
                counts["quotes"] += 1
                assert q["rule"] in RULES and at(q["evidence"], text), (page.name, c["name"], q)
        for u in doc["unnamed_sources"]:
            counts["unnamed"] += 1
            assert u["rule"] in RULES and at(u["evidence"], text), (page.name, u)
    assert len(SAVED_PAGES) >= 19 and min(counts.values()) >= 10, counts


def test_every_list_of_the_people_lexicon_is_read_by_the_stage():
    """The rules' vocabulary lives in lexicon/en/people-*.toml (and the shared names.toml): each list there is read
    by the people package, so no cue list is dead data that a reader would think the rules use."""
    import re
    import tomllib

    root = Path(__file__).resolve().parents[1] / "sidecar" / "backstory"
    source = "\n".join(p.read_text() for p in (root / "people").rglob("*.py"))
    files = sorted((root / "lexicon" / "en").glob("people-*.toml")) + [root / "lexicon" / "en" / "names.toml"]
    lists = [name for f in files for name in tomllib.loads(f.read_text())]
    assert len(lists) >= 70
    unread = [name for name in lists if not re.search(rf"_w\(\"{name}\"\)|words\(\"{name}\"\)", source)]
    assert unread == []
