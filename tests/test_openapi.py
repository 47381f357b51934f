"""The OpenAPI file describes what the server really answers."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import SEED_URL

SPEC = yaml.safe_load((Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "openapi.yaml").read_text())


def schema(name: str) -> dict:
    """A component schema with its $refs resolvable (OpenAPI 3.1 schemas are JSON Schema 2020-12)."""
    return {"$ref": f"#/components/schemas/{name}", "components": SPEC["components"]}


def test_spec_lists_exactly_the_app_routes(app):
    routes = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/v1/")}
    assert routes == set(SPEC["paths"])


def test_cards_document_matches_schema(seed_doc):
    jsonschema.validate(json.loads(json.dumps(seed_doc)), schema("Cards"), cls=jsonschema.Draft202012Validator)


def test_not_an_article_matches_schema(engine):
    doc = engine.analyze("https://news.example/", "<html><body><p>Hello</p></body></html>", use_cache=False)
    jsonschema.validate(doc, schema("Cards"), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_broken_document(seed_doc):
    broken = json.loads(json.dumps(seed_doc))
    broken["cited"][0]["quotes"][0]["kind"] = "rumour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema("Cards"), cls=jsonschema.Draft202012Validator)


def test_errors_and_health_match_schema(client, auth):
    r = client.get("/v1/health", headers=auth)
    jsonschema.validate(r.get_json(), schema("Health"), cls=jsonschema.Draft202012Validator)
    r = client.get("/v1/health", headers={"Host": auth["Host"]})
    jsonschema.validate(r.get_json(), schema("Error"), cls=jsonschema.Draft202012Validator)
    r = client.post("/v1/outlet", json={"url": SEED_URL}, headers=auth)
    jsonschema.validate(r.get_json()["outlet"], schema("Outlet"), cls=jsonschema.Draft202012Validator)
