"""Item 8 — hostile HTML gets a result or a clear error within the time budget; never a crash or a hang.

Two layers: the fast cases run through the in-process engine (as the test client does); the
analysis that runs for longer than the budget is cut by the worker process (backstory.worker),
which the real server uses: the child is killed, the caller gets 408, the next page works."""

import dataclasses
import json

import pytest

from backstory.errors import BudgetExceeded
from conftest import SEED_URL, TOKEN
from security_helpers import dying_child, hanging_child

URL = "https://news.example/2024/05/story"


def analyze(client, auth, html, url=URL):
    payload = json.dumps({"url": url, "html": html, "no_cache": True})
    return client.post("/v1/analyze", data=payload, content_type="application/json", headers=auth)


HOSTILE = {
    "nesting_257": "<div>" * 257 + "<p>deep</p>" + "</div>" * 257,
    "nesting_100k": "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000,
    "unclosed_1M": "<b>" * 1_000_000,
    "nul_bytes": "<html><body><p>a\x00b\x00c</p>\x00\x00</body></html>" * 1000,
    "control_chars": "".join(chr(i) for i in range(32)) * 1000,
    "billion_laughs": ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><html><body><p>&lol9;</p></body></html>'),
    "external_entity": '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>&xxe;</p></body></html>',
    "many_entities": "&amp;&lt;&#x41;&#65;&nbsp;" * 200_000,
    "bad_numeric_entities": "&#xFFFFFFFF;&#0;&#xD800;&#99999999999;" * 50_000,
    "huge_attribute_value": '<p title="' + "a" * 3_000_000 + '">x</p>',
    "attributes_20k": "<p " + " ".join(f"a{i}='v'" for i in range(20_000)) + ">x</p>",
    "unterminated_comment": "<!--" + "x" * 1_000_000,
    "unterminated_script": "<script>" + "if(1){" * 200_000,
    "cdata_and_pi": "<![CDATA[" * 50_000 + "<?xml " * 50_000,
    "svg_math_soup": "<svg><math><mi><mglyph><style><img src=x onerror=alert(1)>" * 20_000,
    "rtl_and_zero_width": "<p>\u202e\u200b\u200d\ufeff" * 100_000 + "</p>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_page_gets_a_result_or_a_clear_error(client, auth, name):
    r = analyze(client, auth, HOSTILE[name])
    assert r.status_code in (200, 408, 413), r.get_data(as_text=True)[:300]
    data = r.get_json()
    if r.status_code == 200:
        assert data["article"]["is_article"] in (True, False)
        assert "root:" not in json.dumps(data)  # no external entity was read
    else:
        assert data["error"]["code"] in ("timeout", "too_large")


def test_twenty_megabyte_text_node_is_refused(client, auth):
    r = analyze(client, auth, "<p>" + "a" * (20 * 1024 * 1024) + "</p>")
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "too_large"


def test_invalid_utf8_and_lone_surrogates(client, auth):
    r = client.post("/v1/analyze", data=b'{"url": "https://a.example/x", "html": "<p>\xed\xa0\x80 \xc3\x28</p>"}',
                    content_type="application/json", headers=auth)
    assert r.status_code == 400
    r = client.post("/v1/analyze", data='{"url": "https://a.example/x", "html": "<p>\\udc80\\ud800\\udfff x</p>"}',
                    content_type="application/json", headers=auth)
    assert r.status_code == 200


@pytest.fixture(scope="module")
def budget_settings(settings, tmp_path_factory):
    base = tmp_path_factory.mktemp("budget")
    return dataclasses.replace(settings, time_budget_s=1.0, cache_dir=base / "cache", config_dir=base / "config")


def test_a_hang_is_cut_at_the_budget_and_the_worker_restarted(budget_settings, auth):
    """The child never answers: the parent kills it, answers 408 and starts a new one."""
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    engine = WorkerEngine(budget_settings, target=hanging_child)
    try:
        with pytest.raises(BudgetExceeded):
            engine.analyze(URL, "<p>x</p>")
        assert engine.restarts == 1
        app = create_app(budget_settings, engine=engine, token=TOKEN)
        r = analyze(app.test_client(), auth, "<p>x</p>")
        assert r.status_code == 408 and r.get_json()["error"]["code"] == "timeout"
        assert engine.restarts == 2
    finally:
        engine.close()


def test_a_crashing_worker_is_a_clear_error_and_is_replaced(budget_settings, auth):
    """The child dies mid-analysis (as a segfault in C code would): 500 with a message, then a new child."""
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    engine = WorkerEngine(budget_settings, target=dying_child)
    try:
        client = create_app(budget_settings, engine=engine, token=TOKEN).test_client()
        for restarts in (1, 2):
            r = analyze(client, auth, "<p>x</p>")
            assert r.status_code == 500 and "restarted" in r.get_json()["error"]["message"]
            assert engine.restarts == restarts
    finally:
        engine.close()


def test_slow_hostile_page_in_the_real_worker(budget_settings, auth, seed_html):
    """100,000 attributes on one tag (over a minute of lxml/trafilatura work in-process) → 408 or a
    result, never a 500 or a hang; the seed page right after is analysed normally."""
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    engine = WorkerEngine(budget_settings)
    try:
        client = create_app(budget_settings, engine=engine, token=TOKEN).test_client()
        r = analyze(client, auth, "<p " + " ".join(f"a{i}='v'" for i in range(100_000)) + ">x</p>")
        assert r.status_code in (200, 408)
        r = analyze(client, auth, "<html><body>" + "<p>Plain words here.</p>" * 10 + "</body></html>")
        assert r.status_code == 200
        r = client.post("/v1/outlet", data=json.dumps({"url": SEED_URL}), content_type="application/json", headers=auth)
        assert r.status_code == 200 and r.get_json()["outlet"]["domain"] == "globalresearch.ca"
    finally:
        engine.close()


def test_a_worker_that_died_while_idle_is_replaced_before_the_next_page(budget_settings):
    from backstory.worker import WorkerEngine

    engine = WorkerEngine(budget_settings, target=hanging_child)
    try:
        engine._proc.kill()
        engine._proc.join(10)
        with pytest.raises(BudgetExceeded):  # answered by a fresh (hanging) child, not a dead pipe
            engine.analyze(URL, "<p>x</p>")
        assert engine.restarts == 2  # one for the dead child, one for the hang
    finally:
        engine.close()
