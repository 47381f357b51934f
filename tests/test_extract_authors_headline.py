"""Bylines read under the headline the reader sees (issue 28): not under the browser tab's <title>, which comes first
in the page's text with the site's masthead and menus under it; and a place with its desk there is no person. Each
test fails on the code before its rule."""

from __future__ import annotations

from backstory.extract import extract

_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))
_MENU = "<nav><ul>" + "".join(f"<li><a href='/section-{i}'>Section number {i}</a></li>" for i in range(40)) + "</ul></nav>"


def _page(byline: str) -> str:
    return (f"<html><head><title>Oxygen bars open in the city - Example News</title></head><body>{_MENU}<article>"
            f"<h1>Oxygen bars open in the city</h1><p>{byline}</p>{_BODY}</article></body></html>")


def _authors(html: str) -> list[str]:
    return [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors]


def test_the_byline_under_the_headline_the_reader_sees_past_the_menus():
    # (the tab's <title> stands first in the text, with 40 menu items under it: the byline is under the <h1>)
    assert _authors(_page("Ann Lee · 4 min read")) == ["Ann Lee"]


def test_a_place_and_its_desk_under_the_headline_name_no_one():
    assert _authors(_page("New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM")) == []
    assert _authors(_page("Ann Lee, Tom Roe | Updated : 19 November 2019, 09:01 AM")) == ["Ann Lee", "Tom Roe"]


def test_a_columns_host_on_the_line_under_its_name():
    html = (f"<html><head><title>A.Word.A.Day --maudlin</title></head><body>{_MENU}<div>A.Word.A.Day</div><div>with Anu Garg"
            f"</div><article><h3>maudlin</h3>{_BODY}</article></body></html>")
    assert _authors(html.replace("<title>A.Word.A.Day --maudlin</title>", "<title>A.Word.A.Day</title>")) == ["Anu Garg"]
    # (a 'with' phrase in a sentence under it is no byline)
    assert _authors(html.replace("<title>A.Word.A.Day --maudlin</title>", "<title>A.Word.A.Day</title>")
                    .replace("with Anu Garg", "with the help of Anu Garg and friends")) == []


def test_a_name_alone_over_a_last_paragraph_that_is_a_date_signs_the_text():
    body = _BODY + "<p>Benni</p><p>10. September 2017</p>"
    html = f"<html><head><title>So long</title></head><body><article><h1>So long</h1>{body}</article></body></html>"
    assert _authors(html) == ["Benni"]
    assert _authors(html.replace("<p>10. September 2017</p>", "<p>Berlin</p>")) == []
