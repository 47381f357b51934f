"""Item 9 — fuzzing: hypothesis drives /v1/analyze (through the Flask test client) and the CLI with
generated HTML and generated requests; any 500 or unhandled exception fails.

The budget is fixed for the normal run (BACKSTORY_FUZZ_EXAMPLES, default 200 per test: ~10 s in
all on a laptop). The longer run, documented in docs/security.md:

    BACKSTORY_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest -p no:cacheprovider tests/security/test_sec_09_fuzz.py
"""

import io
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from backstory import cli
from conftest import SessionEngine

EXAMPLES = int(os.environ.get("BACKSTORY_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not os.environ.get("BACKSTORY_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
OK_STATUSES = {200, 400, 408, 413}

TAGS = ["html", "head", "body", "article", "div", "p", "span", "a", "script", "style", "meta", "link", "title", "h1",
        "time", "address", "footer", "nav", "table", "tr", "td", "ul", "li", "svg", "math", "template", "iframe",
        "noscript", "br", "img", "blockquote", "q", "x-custom", "!--", "?xml", "![CDATA["]
ATTRS = ["class", "id", "rel", "href", "content", "property", "name", "itemprop", "type", "lang", "charset", "style",
         "onerror", "datetime", "author", "x"]
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60) | st.sampled_from([
    "By Jane Doe and JOHN ROE, Reuters", '"We will not stop," said Minister Anna Berg.', "&amp;&#0;&#xD800;&lol;",
    "Copyright © Lucas Leiroz, InfoBrics, 2025", "This article was originally published on X.", "\x00\ud800\udfff",
    '{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"name": "A B"}}', "]]>", "-->", "</p>",
])


def attr_strategy():
    return st.tuples(st.sampled_from(ATTRS), st.text(max_size=40)).map(
        lambda kv: f'{kv[0]}="{kv[1].replace(chr(34), "&quot;")}"')


def element(children):
    return st.tuples(st.sampled_from(TAGS), st.lists(attr_strategy(), max_size=4), st.lists(children, max_size=5),
                     st.booleans()).map(
        lambda t: f"<{t[0]} {' '.join(t[1])}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else ""))


HTML = st.recursive(TEXT, element, max_leaves=40)
PAGES = st.one_of(
    HTML,
    st.builds(lambda head, body: f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>",
              HTML, st.lists(st.builds(lambda t: f"<p>{t}</p>", TEXT), max_size=30).map("".join)),
    st.binary(max_size=500).map(lambda b: b.decode("latin-1")),
)
URLS = st.one_of(st.just("https://news.example/2024/05/story"), st.text(max_size=40),
                 st.builds(lambda h, p: f"https://{h}/{p}", st.from_regex(r"[a-z0-9.-]{1,30}", fullmatch=True), st.text(max_size=20)))
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3), max_leaves=8)


def check(r):
    assert r.status_code in OK_STATUSES, r.get_data(as_text=True)[:500]
    data = r.get_json()
    assert isinstance(data, dict)
    if r.status_code == 200:
        assert isinstance(data["article"]["is_article"], bool)
    else:
        assert set(data) == {"error"}


@FUZZ
@given(url=URLS, html=PAGES, include_text=st.booleans())
@example(url="https://news.example/2024/05/story", html="<SVG>HTML", include_text=False)  # htmldate AssertionError
def test_fuzz_analyze_with_generated_html(client, auth, url, html, include_text):
    body = json.dumps({"url": url, "html": html, "include_text": include_text, "no_cache": True})
    check(client.post("/v1/analyze", data=body, content_type="application/json", headers=auth))


@FUZZ
@given(body=st.one_of(st.dictionaries(st.sampled_from(["url", "html", "include_text", "no_cache", "x"]), JSON_VALUES, max_size=5),
                      JSON_VALUES, st.binary(max_size=200)),
       path=st.sampled_from(["/v1/analyze", "/v1/outlet"]))
def test_fuzz_request_bodies(client, auth, body, path):
    data = body if isinstance(body, bytes) else json.dumps(body)
    check(client.post(path, data=data, content_type="application/json", headers=auth))


ARGS = st.lists(st.one_of(st.sampled_from(["check", "serve", "token", "settings", "--json", "--url", "--include-text",
                                           "--no-cache", "--model", "--allow-private", "--rotate", "--port", "--host",
                                           "-", "-v", "--allow-remote-host", "note", "kb", "lists"]),
                          st.text(max_size=15)), max_size=6)


@FUZZ
@given(argv=ARGS)
def test_fuzz_cli_parser(argv):
    """The parser either parses or exits with argparse's usage error (2); nothing else escapes."""
    try:
        args = cli.parser().parse_args(argv)
    except SystemExit as exc:
        assert exc.code in (0, 2)
    else:
        assert callable(args.func)


@FUZZ
@given(html=PAGES, flags=st.lists(st.sampled_from(["--json", "--include-text", "--no-cache"]), unique=True),
       url=st.one_of(st.none(), URLS))
def test_fuzz_cli_check_stdin(engine, monkeypatch, capsys, html, flags, url):
    """`backstory check -` with generated HTML on stdin: exit 0/1/3, never a traceback."""
    import backstory.pipeline

    monkeypatch.setattr(backstory.pipeline, "Engine", SessionEngine(engine))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html.encode("utf-8", "surrogatepass"))))
    argv = ["check", "-", *flags] + (["--url", url] if url is not None and not url.startswith("-") else [])
    code = cli.main(argv)
    out = capsys.readouterr()
    assert code in (cli.EXIT_OK, cli.EXIT_ERROR, cli.EXIT_NOT_ARTICLE), out.err
    assert "Traceback" not in out.err
    if code != cli.EXIT_ERROR and "--json" in flags:
        json.loads(out.out)
