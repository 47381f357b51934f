"""Step 5 — the date: when the article was published. trafilatura's date finder (htmldate) reads the page's metadata,
its address and its date markup (bounded: limits.EXTENSIVE_DATE_SEARCH); where they give none, a date the reader sees,
read by htmldate's own patterns without dateparser: on a short line under the headline ('Published March 4, 2021'), or
alone on a line just above it ('21.01.2022' over the headline), or alone under its label ('Mise en ligne' / '23 mai
2019'), or alone on a line of the text's last paragraph, a signature's date ('Benni / 10. September 2017'). The headline
is the one the page shows, not the tab's <title> (and the page's only <h1> where the title is another wording of it); the
dateline opening the lead paragraph counts ('Berlin, 25. Januar 2022 – …'), and so does a day written day first in the
page's address ('/meldungen/29-10-2021'). Where the metadata's day and the headline's date line are a day apart, the
printed day wins (a UTC time stamp of an evening story); so it does where the page declares no publication on the
metadata's day (the metadata's date is then an update's or a date of any kind).
Never a guess from the rest of the page's HTML (a copyright year, a script's build date, a reader's comment)."""

from __future__ import annotations

import datetime
import functools
import re
from urllib.parse import urlsplit

from htmldate.extractors import COMPLETE_URL, custom_parse
from htmldate.validators import get_max_date, get_min_date
from lxml import etree

from .. import lexicon
from . import furniture, limits
from .headline import headline_windows as _headline_windows
from .result import Extracted
from .rules import declare, declare_function
from .text import normalise_space
from .title import links_home

# (htmldate's patterns read a lone '5' or '2020' as a day of this month: a line must write a day and a year)
DATE_LINE = declare(
    "date.line-with-a-day", "A short line that writes a day: a year of four digits and another number beside it "
    "('March 4, 2021', '10. September 2017', '04/03/2021'); a year alone, a lone number or a month and its year "
    "('Issue 1/2019', '03.2021') is no date.",
    r"^(?!.*(?<![\d./])\d{1,2}[/.](?:1[89]|20)\d\d(?!\d))"
    r"(?=.*(?<!\d)(?:1[89]|20)\d\d(?!\d))(?=.*(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?!\d))", re.S,
    fires_on=["Published March 4, 2021", "10. September 2017", "By Ann Lee | 04/03/2021", "4.3.2021"],
    never_on=["2020", "5", "Zona 1", "Since 1999", "Issue 1/2019", "Stand: 03.2021"])


@functools.lru_cache(maxsize=1)
def _bounds():
    return get_min_date(None), get_max_date(None)


_TIME_WORD = re.compile(r"\d{1,2}[:.h]\d\d|[ap]\.?(?:m\.?)?|[ap]\.m\.|uhr|h", re.I)  # ('13:43', '2:00', 'a.', 'm.', 'p.m.', 'Uhr')


def _date_alone(line: str) -> str | None:
    """The day (YYYY-MM-DD) a line writes when it is a date and little else, read by htmldate's own patterns (a
    separator and a time of day are no words: '24. April 2020 | Politics' is four, '6 May 2022 - 2:00 a. m.' three)."""
    words = [w for w in line.split() if any(c.isalnum() for c in w) and not _TIME_WORD.fullmatch(w)]
    if not 0 < len(words) <= limits.DATE_SIGNATURE_WORDS or not DATE_LINE.search(line):
        return None
    return custom_parse(line, "%Y-%m-%d", *_bounds())


DATE_ALONE = declare_function(
    "date.line-alone", "A line that is a date and little else (a few words at most: '21.01.2022', '10. September "
    "2017'), as over a headline or under a signature; not a sentence that names a day, not a year alone.",
    _date_alone, fires_on=["21.01.2022", "10. September 2017", "Mon, 4 March 2021", "24. April 2020 | Politics",
                          "6 May 2022 - 2:00 a. m."],
    never_on=["The hearing is set for March 4, 2031.", "2020", "Zona 1", "Since 1999"])


_DATELINE_DASH = re.compile(r"\s[–—-]{1,2}\s")  # (' – ', ' — ', ' - ', ' -- ': a dateline's end)


def _lead_dateline(line: str) -> str | None:
    """The day the dateline opening a lead paragraph writes: its head up to the first dash set off by spaces, when that
    head is a few words (limits.DATELINE_WORDS) that write a day ('Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige …')."""
    match = _DATELINE_DASH.search(line, 0, limits.DATE_LINE_CHARS + 3)
    if not match:
        return None
    head = line[: match.start()]
    if len(head.split()) > limits.DATELINE_WORDS or not DATE_LINE.search(head):
        return None
    return custom_parse(head, "%Y-%m-%d", *_bounds())


LEAD_DATELINE = declare_function(
    "date.lead-dateline", "The dateline that opens a lead paragraph, up to its dash: a short head that writes a day "
    "('Berlin, 25. Januar 2022 – Die …', 'WASHINGTON, March 4, 2021 — The …'); not a sentence with a day further on.",
    _lead_dateline, fires_on=["Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige Zusammenarbeit stand im "
                              "Mittelpunkt eines Treffens", "WASHINGTON, March 4, 2021 — The Senate voted on Thursday "
                              "to open the debate"],
    never_on=["The Senate voted on Thursday – after a long night – to open the debate set for March 4, 2021",
              "Berlin – Die Ministerin traf am 25. Januar 2022 den Chef des Programms"])

_LABELS = lexicon.words("date_published_labels")

# (htmldate reads a day in the address written year first, '/2021/10/29/'; some sites write it day first)
URL_DAY_FIRST = declare(
    "date.url-day-first", "A day written day first in a segment of the page's own address ('/meldungen/29-10-2021', "
    "'/bericht_vom_22.04.2020_worauf'); htmldate reads the year-first ones.",
    r"/(?:[^/]*?[^\d/.])?(\d{1,2})([-_.])(\d{1,2})\2((?:19|20)\d\d)(?!\.?\d)",
    fires_on=["/meldungen/29-10-2021", "/artikel/bericht_vom_22.04.2020_worauf", "/blogposting-01-23-2020/"],
    never_on=["/2021/10/29/story", "/story-2021-10-29", "/v1.2.3/readme", "/id/129102021", "/release-10.1.2021.4"])


def url_day(url: str | None) -> str | None:
    """The day (YYYY-MM-DD) a segment of the page's address writes day first (date.url-day-first; month first when the
    first number cannot be a month: '01-23-2020'), or None."""
    try:
        m = URL_DAY_FIRST.search(urlsplit(url or "").path)
    except ValueError:  # ('http://[x': no address at all)
        return None
    if not m:
        return None
    day, month, year = int(m[1]), int(m[3]), int(m[4])
    if month > 12 >= day:
        day, month = month, day
    try:
        found = datetime.datetime(year, month, day)
    except ValueError:
        return None
    earliest, latest = _bounds()
    return found.strftime("%Y-%m-%d") if earliest <= found <= latest else None

# the names under which a page declares the day it published an article (meta name/property/itemprop, a JSON-LD key),
# not a date of any kind ('date', Dublin Core's 'DC.date', which any event of a page's life may fill) nor a change's
# ('article:modified_time', 'og:updated_time', 'dateModified')
PUBLISHED_NAME = declare(
    "date.published-name", "A metadata name that declares the day an article was published ('article:published_time', "
    "'datePublished', 'DC.date.issued', 'pubdate'), not a date of any kind ('date', 'DC.date') nor a change's.",
    r"(?:[a-z]+[:.])*(?:(?:date|og|article|rnews|vr|bt|twt|shareaholic|parsely|mediator|content|dcsext)[:._-]?)?"
    r"(?:publi(?:sh|shed|cation)(?:[_-]?(?:date|time|at))?|pub[_-]?date|date[_-]?publi(?:shed|cation)|"
    r"(?:date[_-]?)?issued|(?:date[_-]?)?created|(?:article[_-]?)?first[_-]?published|originalpublicationdate|"
    r"post[_-]?date|date[_-]?posted|published[_-]?(?:date|time))", re.I,
    fires_on=["article:published_time", "datePublished", "DC.date.issued", "pubdate", "parsely-pub-date",
              "dcterms.created", "og:published_time", "publish-date"],
    never_on=["date", "DC.date", "og:updated_time", "article:modified_time", "dateModified", "last-modified"],
    use="fullmatch")
_DECLARING = etree.XPath("//meta[@content] | //*[@itemprop][@content or @datetime or @title] | //time[@pubdate] "
                         "| //*[self::time or self::abbr][contains(concat(' ', normalize-space(@class), ' '), ' published ')]")


def declared_days(tree: etree._Element | None, ex: Extracted) -> set[str]:
    """The days (YYYY-MM-DD) the page declares as its article's publication: a metadata name that says so
    (date.published-name), a <time pubdate>, a date element of class 'published', a JSON-LD 'datePublished' or
    'dateCreated', a date in the page's own address ('/2021/03/04/')."""
    values = [str(o[k]) for o in ex.jsonld for k in ("datePublished", "dateCreated") if o.get(k)]
    for el in _DECLARING(tree) if tree is not None else ():
        names = [el.get(a) for a in ("name", "property", "itemprop", "http-equiv") if el.get(a)]
        if el.tag in ("time", "abbr") or any(PUBLISHED_NAME.fullmatch(n.strip()) for n in names):
            values += [v for a in ("content", "datetime", "title") if (v := el.get(a))]
    days = {day for v in values if (day := custom_parse(v[:64], "%Y-%m-%d", *_bounds()))}
    if ex.url and (m := COMPLETE_URL.search(ex.url)):
        days.add(f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}")
    if day := url_day(ex.url):
        days.add(day)
    return days


def published(found: dict, ex: Extracted | None = None, tree: etree._Element | None = None) -> str | None:
    """The publication date (YYYY-MM-DD): trafilatura's reading, else a date line by the headline, else a date under
    its label ('Published' / '23 May 2019'), else a signature's date, else None. Where the metadata's day and the
    headline's date line are a day apart, the date line: the metadata's time stamp is often in UTC ('2022-05-04T00:53Z'),
    the day the outlet printed is its own ('3 May 2022', an evening story in Buenos Aires); not when the headline
    stands twice and the other place prints the metadata's day (the first may be a list of the latest stories), and
    never from under the tab's <title> (the masthead prints today's date there: 'Friday, April 22 2022'). Where the
    page declares no publication on the metadata's day (declared_days: the metadata's date is a change's, as
    'og:updated_time', or a date of any kind, as 'DC.date'), the date the headline prints wins."""
    h1 = page_h1(tree, ex) if ex is not None else None
    if found.get("date"):
        shown = _headline_days(ex, tab_title=False, h1=h1) if ex is not None else []
        if shown and found["date"][:10] not in shown and (
                _one_day_apart(found["date"], shown[0]) or found["date"][:10] not in declared_days(tree, ex)):
            return shown[0]
        return found["date"]
    return (url_day(ex.url) or under_headline(ex, h1) or labelled(ex) or signature_date(ex) or None) if ex is not None else None


def page_h1(tree: etree._Element | None, ex: Extracted) -> str | None:
    """The text of the page's only <h1> the reader sees as a headline (not one in the page's furniture, not the site's
    name linking to its home page), or None."""
    if tree is None:
        return None
    texts = [text for h in tree.xpath("//h1")[:5] if (text := normalise_space(h.text_content()))
             and not furniture.heading_inside(h) and not links_home(h, text, ex.url)]
    return texts[0] if len(texts) == 1 else None


def _one_day_apart(a: str, b: str) -> bool:
    """Whether two days (YYYY-MM-DD) are next to each other (False when either is no day)."""
    try:
        return abs((datetime.date.fromisoformat(a[:10]) - datetime.date.fromisoformat(b[:10])).days) == 1
    except ValueError:
        return False


def under_headline(ex: Extracted, h1: str | None = None) -> str | None:
    """The first date on a short line of the page's visible text by the article's headline, read by htmldate's own
    patterns (no dateparser): a line under it (where a byline and its date stand), else a line alone just above it
    (a dateline over the headline: '21.01.2022' / 'Big story'); None when there is none."""
    days = _headline_days(ex, first_only=True, h1=h1)
    return days[0] if days else None


def _headline_days(ex: Extracted, *, first_only: bool = False, tab_title: bool = True, h1: str | None = None) -> list[str]:
    """The first date by each place the headline stands (see under_headline), in order (tab_title False: not under the
    tab's <title>, where the masthead prints today's date)."""
    earliest, latest = _bounds()
    days = []
    for above, under in _headline_windows(ex, tab_title=tab_title, h1=h1):
        day, lead = None, True
        for line in under.split("\n"):
            if line and len(line) <= limits.DATE_LINE_CHARS and DATE_LINE.search(line):
                if day := custom_parse(line, "%Y-%m-%d", earliest, latest):
                    break
            elif len(line) > limits.DATE_LINE_CHARS and lead:
                lead = False  # (only the first long line is the lead paragraph)
                if day := LEAD_DATELINE(line):
                    break
        if not day:
            day = next((d for d in map(DATE_ALONE, above.split("\n")[-2:]) if d), None)
        if day:
            days.append(day)
            if first_only:
                break
    return days


def labelled(ex: Extracted) -> str | None:
    """The date alone on the line after a line that is only a publication label ('Mise en ligne' / '23 mai 2019',
    date_published_labels), anywhere in the page's visible text: the first such pair; None when there is none."""
    lines = ex.chrome_text.split("\n")
    for label, line in zip(lines, lines[1:]):
        if len(label) <= limits.DATE_LABEL_CHARS and label.rstrip(" :").casefold() in _LABELS:
            if day := DATE_ALONE(line):
                return day
    return None


def signature_date(ex: Extracted) -> str | None:
    """A date alone on a line of the text's last paragraph (a blog post's or a letter's signature: 'Benni\n10.
    September 2017'), a few words at most: not a sentence that names a day ('The hearing is set for March 4, 2031')."""
    paras = ex.paragraph_texts
    if not paras:
        return None
    for line in paras[-1].split("\n")[-2:]:
        if day := DATE_ALONE(line):
            return day
    return None
