"""Everything the knowledge base returns validates against the API's schemas (sidecar/backstory/openapi.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.wikidata import import_dump

jsonschema = pytest.importorskip("jsonschema")
yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
OPENAPI = ROOT / "sidecar" / "backstory" / "openapi.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kb"
BUNDLED_OPEN = ROOT / "sidecar" / "backstory" / "data" / "open"
NOTE_SCHEMA = {"type": "object", "additionalProperties": False, "required": ["target", "text", "created", "layer"],
               "properties": {"target": {"type": "string"}, "text": {"type": "string"},
                              "created": {"type": "string"}, "layer": {"const": "user"}}}


@pytest.fixture(scope="module")
def validator():
    components = yaml.safe_load(OPENAPI.read_text())["components"]

    def check(obj: object, name: str) -> None:
        schema = {"$ref": f"#/components/schemas/{name}", "components": components}
        jsonschema.Draft202012Validator(schema).validate(obj)
    return check


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    data = tmp_path_factory.mktemp("data")
    (data / "open").symlink_to(BUNDLED_OPEN)
    shutil.copytree(FIXTURES / "curated", data / "curated")
    user = tmp_path_factory.mktemp("user")
    import_dump(FIXTURES / "wikidata-20261118-sample.json", user, progress=False)
    base = KnowledgeBase.load(data_dir=data, user_dir=user)
    base.user.add_note("outlet:globalresearch.ca", "a note")
    return base


@pytest.mark.parametrize("domain", ["globalresearch.ca", "infobrics.org", "sputnikglobe.com", "example-times.test",
                                    "example-daily.co.uk", "reuters.com", "whale.to"])
def test_outlets_are_api_outlets(kb, validator, domain):
    outlet = kb.outlet(domain)
    validator(outlet, "Outlet")
    assert outlet["name"]


@pytest.mark.parametrize("name", ["Global Research", "RT", "Sputnik", "The Example Times", "Example Daily"])
def test_outlets_by_name_are_api_outlets(kb, validator, name):
    validator(kb.outlet_by_name(name), "Outlet")


@pytest.mark.parametrize("name, context", [
    ("Lucas Leiroz", {}), ("Korybko", {}), ("John Smith", {"role": "plumber"}),
    ("Jane Quill", {"outlet_domain": "example-daily.co.uk"}), ("Nobody Known", {}),
])
def test_people_are_api_kb_people(kb, validator, name, context):
    found = kb.person(name, **context)
    validator(found, "KbPerson")
    assert set(found) == {"match", "id", "facts", "why", "who", "name", "url", "candidates"}


def test_organisation_facts_and_notes(kb, validator):
    for fact in kb.organisation("Center for Geostrategic Studies")["facts"]:
        validator(fact, "Fact")
    notes = kb.notes_for("outlet:globalresearch.ca")
    assert notes
    for note in notes:
        jsonschema.validate(note, NOTE_SCHEMA)
