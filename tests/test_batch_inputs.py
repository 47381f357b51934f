"""backstory batch's inputs: each kind read as a stream, what cannot be read reported with its code."""

from __future__ import annotations

import gzip
import json

import pytest

from backstory.batch import inputs
from backstory.batch.inputs import Item, NotAPage, Unreadable
from backstory.errors import InputError

from batch_support import story, write_warc

MAX = 1_000_000


def test_page_id_is_url_plus_content():
    a = inputs.page_id("https://a.example/x", "<p>one</p>")
    assert a == inputs.page_id("https://a.example/x", "<p>one</p>") and len(a) == 32
    assert a != inputs.page_id("https://a.example/y", "<p>one</p>")
    assert a != inputs.page_id("https://a.example/x", "<p>two</p>")


def test_folder_recursive_sorted_with_canonical_urls(tmp_path):
    (tmp_path / "b").mkdir()
    url1, html1 = story(1)
    (tmp_path / "b" / "one.html").write_text(html1, encoding="utf-8")
    with gzip.open(tmp_path / "a.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(story(2)[1])
    (tmp_path / "no-canonical.htm").write_text("<html><body><p>hello</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    (tmp_path / "huge.html").write_bytes(b"<p>" + b"x" * MAX)
    got = list(inputs.read(tmp_path, max_bytes=MAX))
    # a folder's files (sorted) before its subfolders' (sorted)
    assert [e.key for e in got] == ["a.html.gz", "huge.html", "no-canonical.htm", "b/one.html"]
    assert got[0].url == "https://news.example.com/story/2" and got[3].url == url1 and got[3].html == html1
    assert isinstance(got[1], Unreadable) and got[1].code == "too_large"
    assert got[2].url == "http://unknown.invalid/no-canonical.htm"
    assert all(e.kind == "folder" and e.source == str(tmp_path) for e in got)
    assert inputs.count(tmp_path) == 4


def test_single_saved_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(story(3)[1], encoding="utf-8")
    [item] = inputs.read(path, max_bytes=MAX)
    assert (item.kind, item.key, item.url) == ("file", "page.html", "https://news.example.com/story/3")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_and_resource_records(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    url1, html1 = story(1)
    url2, html2 = story(2)
    write_warc(path, [
        ("request", url1),
        ("response", url1, 200, "text/html; charset=utf-8", html1.encode()),
        ("response", "https://news.example.com/logo.png", 200, "image/png", b"\x89PNG"),
        ("response", "https://news.example.com/gone", 404, "text/html", b"<p>not found</p>"),
        ("response", "https://news.example.com/moved", 301, "text/html", b""),
        ("resource", url2, "text/html", html2.encode("latin-1", "replace")),
        ("response", "https://news.example.com/big", 200, "text/html", b"<p>" + b"y" * MAX),
    ], gzip=gz)
    got = list(inputs.read(path, max_bytes=MAX))
    pages = [e for e in got if isinstance(e, Item)]
    assert [(p.url, p.html) for p in pages] == [(url1, html1), (url2, html2)]
    assert sum(isinstance(e, NotAPage) for e in got) == 3  # the image, the 404 and the redirect
    [big] = [e for e in got if isinstance(e, Unreadable)]
    assert (big.code, big.url) == ("too_large", "https://news.example.com/big")
    assert all(e.key.startswith("offset ") for e in got) and len({e.key for e in got}) == len(got)


@pytest.mark.parametrize("gz", [True, False])
def test_damaged_warc_keeps_what_came_before(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, [("response", *story(n)[:1], 200, "text/html", story(n)[1].encode()) for n in range(3)], gzip=gz)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])  # cut in the third record
    got = list(inputs.read(path, max_bytes=MAX))
    assert [e.url for e in got if isinstance(e, Item)][:2] == [story(0)[0], story(1)[0]]
    assert len(got) == 3 and isinstance(got[-1], Unreadable) and got[-1].code == "read" and "cut short" in got[-1].message


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "pages.jsonl.gz"
    url, html = story(1)
    lines = [json.dumps({"url": url, "html": html}), "", "{not json", json.dumps([1, 2]),
             json.dumps({"url": "https://x.example/"}), json.dumps({"url": "https://y.example/", "html": "z" * (MAX + 1)})]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    got = list(inputs.read(path, max_bytes=MAX))
    assert isinstance(got[0], Item) and (got[0].url, got[0].html, got[0].key) == (url, html, "line 1")
    assert [(e.key, e.code) for e in got[1:]] == [("line 3", "bad_request"), ("line 4", "bad_request"),
                                                 ("line 5", "bad_request"), ("line 6", "too_large")]
    assert "html missing" in got[3].message
    assert inputs.count(path) == 5


def test_url_list_needs_fetch(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# my sample\nhttps://a.example/1\n\nftp://b.example/2\nhttps://a.example/3\n", encoding="utf-8")
    with pytest.raises(InputError, match="add --fetch"):
        list(inputs.read(path, max_bytes=MAX))
    got = list(inputs.read(path, max_bytes=MAX, fetch=True))
    assert [(type(e).__name__, e.key) for e in got] == [("Item", "https://a.example/1"), ("Unreadable", "line 4"),
                                                       ("Item", "https://a.example/3")]
    assert got[0].html is None and got[0].url == "https://a.example/1"
    assert inputs.count(path) == 3


def test_unknown_input_says_what_is_accepted(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder, a saved page"):
        inputs.kind_of(path)
    with pytest.raises(InputError, match="no such file"):
        inputs.kind_of(tmp_path / "missing.warc")
