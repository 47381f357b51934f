"""Step 6 — the authors: the candidates every source gives, weighed by an ordered list of named steps.

First the sources are read (:class:`Ballot`): trafilatura's reading of the author, the JSON-LD's authors of this
article, the meta tag's, the byline markup's; and what rules a name out: the site's own names and owner, the
organisations the JSON-LD names, the copyright holders, the names only teasers for other stories show.

Then :data:`STEPS` run in order, each a function of the ballot declared with an id and one line of doc. Each author
keeps the id of the rule that read its name (``rule``) and of the step that chose it (``decided_by``), so
``backstory check --explain`` can say where a name came from and why it was kept."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from ... import budget
from ..headline import headline_windows
from ..metadata import AUTHORED_TYPES, ARTICLE_TYPES, ORG_TYPES, meta, names, person_names, publishers, this_article, \
    typed_person, types
from ..result import Author
from ..rules import step
from ..selectors import META_AUTHOR, META_DESCRIPTION
from ..text import folded, name_key, owner_key
from . import credits, sources
from .candidates import Candidate, candidates
from .grammar import COPYRIGHT, ENTITY_PIECE, LETTERS_PAGE, OFFICIAL_SITE, WEB_ADDRESS
from .names import ARTICLES, BY_PREFIX, given_first, looks_like_name, split_authors
from .spelling import as_shown, full_name, with_middle, with_periods, without_avatar

if TYPE_CHECKING:
    from ..result import Extracted

# the sources read from the page's metadata
TRAFILATURA = step("authors.trafilatura", "trafilatura's reading of the author, its own weighing of the page's metadata (one-word names kept).")
JSON_LD = step("authors.json-ld", "The authors of this article's JSON-LD object (or of another authored work's), people only, given name first.")
META_TAG = step("authors.meta", "The <meta name=author> tag (or article:author, parsely-author, sailthru.author), given name first.")
SITE_OWNER = step("authors.site-owner", "On a personal site whose address is a name, that owner, named by the metadata or by the copyright line and the page title.")


def key(name: str) -> str:
    return name_key(name)


class Ballot:
    """What the sources give for one page, what rules a name out, and the decision so far."""

    def __init__(self, ex: Extracted, tree: etree._Element, found: dict) -> None:
        self.ex, self.tree = ex, tree
        # (the byline markup is found once: the organisation-credit step reads it again)
        self.markup_elements = sources.byline_elements(tree)
        self.byline, teaser_only, self.byline_blocks = sources.byline_names(tree, self.markup_elements)
        byline_keys = {key(b.name) for b in self.byline}
        # a publisher that is a person is a personal site's owner ('Helge Fahrnberger' on helge.at): their
        # name is theirs even where it is also the site's
        owners = {key(n) for p in publishers(ex) if isinstance(p, dict) and "person" in types(p)
                  for n in names(p) if looks_like_name(n)}
        # so is a site that names itself after a person and calls itself their official website ('Pamela Anderson':
        # 'The Official Website of Pamela Anderson')
        said = " ".join([meta(tree, *META_DESCRIPTION) or "", tree.findtext(".//title") or ""]
                        + [str(o.get("description") or "") for o in ex.jsonld if "website" in types(o)])
        owners |= {key(m.group(1)) for m in OFFICIAL_SITE.finditer(said) if looks_like_name(m.group(1))
                   and key(m.group(1)) in {key(n) for n in (ex.site_name, ex.publisher) if n}}
        self.owners = owners
        self.outlets = outlets = tuple(n for n in (ex.site_name, ex.publisher) if n and key(n) not in owners)

        # several article objects, some of them this page's: the others describe teasers for other stories, and
        # their authors are not this article's (trafilatura reads them all: 'Glory Global Solutions Germany',
        # an advertiser, beside the page's own 'Lebensmittel Praxis')
        articles = [o for o in ex.jsonld if types(o) & ARTICLE_TYPES]
        own = this_article(ex, articles) if len(articles) > 1 else []
        others_only: set[str] = set()
        if own and len(own) < len(articles):
            own_ids = {id(o) for o in own}
            others_only = {key(c.name) for c in self._json_ld([o for o in articles if id(o) not in own_ids])}
            others_only -= {key(c.name) for c in self._json_ld(own)}
            articles = own
        self.ld = self._json_ld(articles) or self._json_ld([o for o in ex.jsonld if types(o) & AUTHORED_TYPES])
        self.articles = articles
        self.meta_raw = meta_raw = given_first(meta(tree, *META_AUTHOR) or "")
        self.meta_author = candidates(split_authors(meta_raw, outlet_names=outlets), META_TAG, meta_raw)
        ld_names, meta_names = [c.name for c in self.ld], [c.name for c in self.meta_author]
        # trafilatura has already weighed the page's metadata: its one-word names are kept ('Kay' on a food blog)
        traf_raw = found.get("author") or ""
        traf_parts = traf_raw.split(";")
        if len(traf_parts) == 2 and (flipped := given_first(", ".join(p.strip() for p in traf_parts))) in ld_names + meta_names:
            traf_parts = [flipped]  # ('Doe; Jane': trafilatura split a name written surname first)
        traf = [n for part in traf_parts for n in split_authors(part, outlet_names=outlets, min_words=1)]
        if any(ENTITY_PIECE.search(part) for part in traf_parts):
            traf = []  # trafilatura split a name at an HTML entity the page left escaped ('Redacci; Oacute')
        traf = [n for n in traf if key(n) not in others_only]
        # 'Victor Tangermann; Futurism': the one word is a credit; so is 'Bildung' in 'Eidgenössisches Departement für
        # Wirtschaft; Bildung; Forschung WBF', a ministry's name split at its commas, whose other parts are no names
        # (the parts' words without their label: 'Vom Krimiblogger' is one name of one word)
        if any(len(BY_PREFIX.sub("", part).split()) > 1 for part in traf_parts):
            traf = [n for n in traf if len(n.split()) > 1]
        # 'Kirche; Leben; Münster; Germany': trafilatura split the outlet's credit line ('Kirche und Leben, Münster,
        # Germany') at its 'und' and commas; when a one-word part is the outlet's own name, the other one-word parts are
        # its place, not people (three parts at least: two may be a blog's owner and a guest)
        if len(traf_parts) >= 3 and any(len(n.split()) == 1 and sources.outlets_word(n, outlets, ex.url) for n in traf):
            traf = [n for n in traf if len(n.split()) > 1]

        org_names = {key(n) for o in ex.jsonld if types(o) & ORG_TYPES for n in names(o)}
        org_names |= {key(n) for o in ex.jsonld for n in names(o.get("publisher"))}
        org_names -= owners
        # the copyright holder in the footer is the publisher ('© 2019 Condé Nast'), not an author, unless the
        # page's byline markup names them too (a personal blog: '© Regan' and 'by Regan'); only applied when
        # another author remains (a personal site's only name is its owner: '© Jürgen Heitmann')
        holders: set[str] = set()
        for m in COPYRIGHT.finditer(ex.chrome_text):
            budget.check("extract: copyright lines")
            holders |= {key(n) for n in split_authors(m.group(1), min_words=1)} | {key(m.group(1).strip())}
        holders |= owners  # (the owner of a site is its publisher too, and may publish others' pieces)
        self.holders = holders - byline_keys
        if WEB_ADDRESS.search(meta_raw):  # 'Deutsche Welle (www.dw.com)': an organisation signs with its address
            org_names |= {key(n) for n in split_authors(WEB_ADDRESS.sub(" ", meta_raw), min_words=1)}
        self.org_names = org_names
        vouched = {key(n) for n in ld_names + meta_names} | byline_keys
        # a name found only in the bylines of teasers for other stories is not this article's author
        self.teasers = {key(n) for n in teaser_only} - vouched
        self.site_words = {w.casefold() for n in outlets for w in re.findall(r"[A-Za-z]{3,}", n)} - {"the", "news"}
        self.site_names = [n.casefold() for n in outlets]
        self.host = host = (urlsplit(ex.url).hostname or "").casefold()
        self.host_key = re.sub(r"[\W_]", "", host.removeprefix("www."))
        self.host_label = host.removeprefix("www.").split(".")[0]

        # trafilatura joins the article's JSON-LD authors and the <meta name="author">: when the meta tag names none of
        # the people the JSON-LD lists, its name is the publisher's account ('Condé Nast' beside 'Fiona Bornhöft'); when
        # it names them and more, the others are co-authors ('April Roach' in both, "Daniel O'Mahony" in the meta tag)
        meta_keys, ld_keys = set(map(key, meta_names)), set(map(key, ld_names))
        if ld_names and meta_keys and not meta_keys & ld_keys:
            kept = ld_keys | byline_keys
            traf = [n for n in traf if key(n) in kept or key(n) not in meta_keys]
        # (trafilatura may take a name from the readers' comments: not when the page shows it nowhere else)
        in_comments = sources.only_in_comments(tree, ex.chrome_text, traf) if traf else set()
        self.traf = candidates([n for n in traf if n not in in_comments], TRAFILATURA, traf_raw)
        self.visible = folded(key(ex.chrome_text))

        # the decision so far
        self.chosen: list[Candidate] = []
        self.decided: str | None = None  # the step that chose them
        self.fallback: str | None = None  # where the names stand, when a later step chose them
        self.institutional = False  # the byline credits an agency, a desk or the outlet: nobody
        self.metadata_shown: bool | None = None  # whether the page shows the metadata's names (None: it gives none)
        self.headline_won = False
        self._shown: dict[str, bool] = {}

    def _json_ld(self, objects: list[dict]) -> list[Candidate]:
        # (a JSON-LD author typed Person may go by one name: 'Kay' on a food blog)
        return [c for o in objects for a in person_names(o.get("author"))
                for c in candidates(split_authors(given_first(a), outlet_names=self.outlets,
                                                  min_words=1 if typed_person(o.get("author"), a) else 2), JSON_LD, a)]

    def choose(self, found: list[Candidate], step_id: str) -> None:
        self.chosen, self.decided = found, step_id

    def undecided(self) -> bool:
        """No name chosen yet, and no agency's or newsroom's byline that rules every name out."""
        return not self.chosen and not self.institutional

    def desk(self, name: str) -> bool:
        """'Telegraph Sport', 'Beachbody': a byline that opens with the outlet's own name is a desk's,
        unless the site is that person's own ('Daniel Lemire' on "Daniel Lemire's blog")."""
        if key(name) in self.owners or any(re.search(rf"\b{re.escape(name.casefold())}['’]s\b", n) for n in self.site_names):
            return False
        return name.split()[0].casefold() in self.site_words

    def usable(self, found: list[Candidate]) -> list[Candidate]:
        """The candidates that may be a person who wrote the page: not an organisation the JSON-LD names, a name only
        teasers show, the outlet's desk, the site's own address ('Practical Horseman' on practicalhorsemanmag.com)
        or its initials ('IWB')."""
        return [c for c in found if (k := key(c.name)) not in self.org_names and k not in self.teasers and not self.desk(c.name)
                and not (len(k) >= 6 and k in self.host_key and k not in self.owners)
                and not sources.site_initials(c.name, self.host_label, self.outlets)]

    @functools.cached_property
    def _folded_chrome(self) -> str:
        return folded(self.ex.chrome_text.casefold())

    def shown(self, name: str) -> bool:
        """Whether the page shows the name, with or without its accents and middle names."""
        if name not in self._shown:
            self._shown[name] = self._is_shown(name)
        return self._shown[name]

    def _is_shown(self, name: str) -> bool:
        words = name.split()
        if len(words) == 1:
            # not as the letters of a handle: 'Rmb' is trafilatura's reading of 'rmb8090', which the page shows
            letters = r"[\W_]*".join(map(re.escape, folded(key(name))))
            return bool(letters) and re.search(rf"(?<!\d){letters}(?!\d)", self._folded_chrome) is not None
        if sources.credited_only(name, self.ex.chrome_text):
            return False  # (the page shows them only as its editor or photographer)
        return (folded(key(name)) in self.visible or folded(key(words[0] + words[-1])) in self.visible
                or with_middle(name, self.ex.chrome_text) is not None)

    def as_written(self, c: Candidate) -> tuple[Candidate, str]:
        """The page's own spelling of a chosen name ('Trevor J. Mitchell', not 'Trevor J Mitchell') and where it
        stood: the candidate of the byline markup, the JSON-LD or the meta tag that writes it so, and its label."""
        name = c.name
        lists = (("byline", self.byline), ("json-ld", self.ld), ("meta", self.meta_author))
        for label, found in lists:
            for n in found:
                if key(n.name) == key(name):
                    return n, label
        for label, found in lists:
            for n in found:  # 'Finian Cunningham Sputnik International' where the page says 'Finian Cunningham. Sputnik …'
                if len(key(n.name)) < 6 or n.name == name:
                    continue
                if len(n.name) > len(name) and key(n.name).startswith(key(name)) and not n.name[len(name):len(name) + 1].isspace():
                    return n, label  # trafilatura cut the name short ('Lindsey O' -> "Lindsey O'Donnell")
                if len(n.name) < len(name) and name.casefold().startswith(n.name.casefold() + " "):
                    return n, label  # 'Finian Cunningham Sputnik International' -> 'Finian Cunningham'
        return c, "trafilatura"


# --- the steps, in order ---

STEPS: list[tuple[str, Callable[[Ballot], None]]] = []


def _step(rule_id: str, doc: str) -> Callable[[Callable[[Ballot], None]], Callable[[Ballot], None]]:
    def register(fn: Callable[[Ballot], None]) -> Callable[[Ballot], None]:
        STEPS.append((step(rule_id, doc), fn))
        return fn
    return register


@_step("authors.step.metadata", "Take the metadata's names in order of trust: trafilatura's reading, the JSON-LD's, the meta tag's, else the byline markup's; usable ones only.")
def metadata_names(b: Ballot) -> None:
    b.choose(b.usable(b.traf or b.ld or b.meta_author or b.byline), "authors.step.metadata")


@_step("authors.step.shown-on-page", "Keep the metadata's names the page shows (with the middle names it shows); none shown: the page's own byline decides.")
def shown_on_page(b: Ballot) -> None:
    if not b.chosen:
        return
    b.metadata_shown = any(b.shown(c.name) for c in b.chosen)
    if b.metadata_shown:
        # names the page shows win over names only its metadata holds (the account that posted it)
        b.chosen = [c if folded(key(c.name)) in b.visible else c.renamed(with_middle(c.name, b.ex.chrome_text) or c.name)
                    for c in b.chosen if b.shown(c.name)]


@_step("authors.step.markup-completes", "The first byline block of the markup that names the metadata's names holds only names, and more people (co-authors the metadata left out or ran together): that block's names.")
def markup_completes(b: Ballot) -> None:
    if not b.metadata_shown:
        return
    chosen = {key(c.name) for c in b.chosen}
    # (only the first block naming them: later ones are teasers for other stories by the same writer)
    first = next(((block, tight) for block, tight in b.byline_blocks
                  if chosen & {key(c.name) for c in block} or chosen == {"".join(key(c.name) for c in block)}), None)
    if first is None or not first[1]:
        return
    # (a co-author is a full name: a lone word or initials in author markup are a credential or a desk, 'RDN', 'CNN')
    people = [c for c in b.usable(first[0]) if len(c.name.split()) >= 2 or key(c.name) in chosen]
    # (or the metadata ran the block's names together into one: 'Ann Lee Tom Roe')
    if chosen < {key(c.name) for c in people} or (len(people) > 1 and chosen == {"".join(key(c.name) for c in people)}):
        b.choose(people, "authors.step.markup-completes")
        b.fallback = "byline"


@_step("authors.step.fuller-byline", "A visible line of nothing but names holds every chosen name and more (co-authors the metadata left out): all of them.")
def fuller_byline(b: Ballot) -> None:
    if not b.metadata_shown:
        return
    fuller = sources.fuller_byline(b.ex.chrome_text, [c.name for c in b.chosen], key)
    if fuller:
        usable = b.usable(fuller)
        if usable:
            b.choose(usable, "authors.step.fuller-byline")
        b.fallback = "byline"


@_step("authors.step.headline-byline", "Without byline markup, a byline under the headline that names other people than the metadata wins (the metadata may name who posted it).")
def headline_byline_wins(b: Ballot) -> None:
    if not b.metadata_shown or b.byline:
        return
    headed = b.usable(sources.headline_byline(b.ex))
    if headed and not {key(c.name) for c in headed} & {key(c.name) for c in b.chosen}:
        b.choose(headed, "authors.step.headline-byline")
        b.fallback, b.headline_won = "byline", True


@_step("authors.step.institutional-byline", "Without byline markup, an agency's, a desk's or the outlet's byline under the headline ('By The Associated Press', 'Staff Report') that leaves out the metadata's names: nobody.")
def institutional_byline(b: Ballot) -> None:
    if not b.metadata_shown or b.byline or b.headline_won:
        return
    under = sources.under_headline(b.ex)
    if sources.institutional_byline(under, b.outlets) and not any(key(c.name) in key(under) for c in b.chosen):
        b.choose([], "authors.step.institutional-byline")
        b.institutional = True


@_step("authors.step.metadata-not-shown", "The page shows none of the metadata's names: only strong evidence on the page names the author (an opening 'By X:', a sign-off, an element classed as the author), else nobody.")
def metadata_not_shown(b: Ballot) -> None:
    # a name the page never shows is the account that posted it, the site's owner or a newsroom's login far more
    # often than the article's author (on trafilatura's evaluation corpus, 49 of 50 such names were not the author
    # its annotators recorded); a lone 'By …' line may be a programme's title ('By Any Means Necessary')
    if b.metadata_shown is not False:
        return
    on_page, how = sources.in_text_byline(b.ex)
    b.choose(b.usable(on_page or sources.class_author(b.tree)), "authors.step.metadata-not-shown")
    b.fallback = how or "byline"


@_step("authors.step.text-byline", "No metadata: a byline left inside the main text (an opening 'By X:', a byline paragraph, a sign-off).")
def text_byline(b: Ballot) -> None:
    if b.undecided():
        found, b.fallback = sources.in_text_byline(b.ex)
        b.choose(b.usable(found), "authors.step.text-byline")


@_step("authors.step.byline-lines", "Still nobody: a byline line of the page's visible text, a byline under the headline, an element classed as the author, links to writers' pages.")
def byline_lines(b: Ballot) -> None:
    if b.undecided():
        b.choose(b.usable(sources.byline_line(b.ex.chrome_text) or sources.headline_byline(b.ex)
                          or sources.class_author(b.tree) or sources.href_author(b.tree)), "authors.step.byline-lines")
        b.fallback = "byline"


@_step("authors.step.site-owner", "Still nobody, on a personal site named after its owner ('gregoryszorc.com'): the owner the metadata, or the copyright line and the page title, names.")
def site_owner(b: Ballot) -> None:
    if not b.undecided():
        return
    # (a name only the copyright line gives must also be in the page's <title>: 'Gregory Szorc's Digital Home',
    # '… | Wolfgang Michal'; '© 2022 Petri Heil' on a fishing magazine's site is not enough)
    title = (b.tree.findtext(".//title") or "").casefold()
    copyright_names = [c for m in COPYRIGHT.finditer(b.ex.chrome_text)
                       for c in candidates(split_authors(m.group(1)), SITE_OWNER, m.group(0)) if c.name.casefold() in title]
    labels = {re.sub(r"[\W_]", "", label) for label in b.host.split(".")[:-1]}
    outlet_keys = {k for n in (b.ex.site_name, b.ex.publisher) if n for k in owner_key(n)} | b.org_names
    first: dict[str, Candidate] = {}
    for c in b.traf + b.ld + b.meta_author + copyright_names:
        first.setdefault(c.name, c)
    b.choose([c for c in first.values()
              if owner_key(c.name) & labels and not owner_key(c.name) & outlet_keys and looks_like_name(c.name)
              and c.name.split()[0].casefold() not in ARTICLES][:1], "authors.step.site-owner")
    b.fallback = "site-owner"


@_step("authors.step.no-bio-start", "Of two chosen names one of which opens the other, the longer is a bio's start ('Amelie Marie Nishizawa Tokyo-based French'): dropped.")
def no_bio_start(b: Ballot) -> None:
    names_ = [c.name for c in b.chosen]
    b.chosen = [c for c in b.chosen if not any(o != c.name and c.name.startswith(o + " ") for o in names_)]


@_step("authors.step.byline-drops-label", "A label before the name the byline markup shows ('FOCUS-Online-Experte Robin Tschöpe'): the byline's name.")
def byline_drops_label(b: Ballot) -> None:
    b.chosen = [next((m for m in b.byline if c.name.endswith(" " + m.name)), c) for c in b.chosen]


@_step("authors.step.not-the-publisher", "The copyright holder or the site's owner is the publisher, not an author, unless no one else is named; then the byline markup's people, if any.")
def not_the_publisher(b: Ballot) -> None:
    if any(key(c.name) not in b.holders for c in b.chosen):
        b.chosen = [c for c in b.chosen if key(c.name) not in b.holders]
    elif b.chosen:
        others = [c for c in b.usable(b.byline) if key(c.name) not in b.holders]
        if others:
            b.choose(others, "authors.step.not-the-publisher")
            b.fallback = "byline"  # the metadata names only the publisher; the byline names people


@_step("authors.step.as-written", "Each name as the page writes it (its accents, middle names, initials' periods, in full), labelled by where it stands; once each.")
def as_written(b: Ballot) -> None:
    seen: set[str] = set()
    text = b.ex.chrome_text
    for c in b.chosen:
        where, source = b.as_written(c)
        name = without_avatar(full_name(as_shown(with_periods(where.name, text), text), text), text)
        if b.fallback is not None and source == "trafilatura":
            source = b.fallback
        if key(name) not in seen:
            seen.add(key(name))
            b.ex.authors.append(Author(name, source, where.rule, b.decided,
                                       {"text": where.evidence, "start": where.start, "end": where.end}))


@_step("authors.step.letter-signatures", "Nobody named, on a letters-to-the-editor page (by its headline or address): the letters' signatures.")
def letter_signatures(b: Ballot) -> None:
    if not b.ex.authors and LETTERS_PAGE.search(f"{b.ex.title or ''} {urlsplit(b.ex.url).path}"):
        b.ex.authors = [Author(c.name, "letter-signature", c.rule, "authors.step.letter-signatures",
                               {"text": c.evidence, "start": c.start, "end": c.end})
                        for c in sources.letter_signatures(b.ex)]


@_step("authors.step.organisation-credit", "Nobody named: the organisation the page's own author field or the byline under its headline credits ('JIJI', 'Wikimedia Foundation'), typed as one, kept apart from the authors (never a placeholder, never a person).")
def organisation_credit(b: Ballot) -> None:
    if b.ex.authors:
        return

    def credit(raw: str, rule: str, evidence: str, *, typed: bool = False, shown: bool = True) -> bool:
        name = credits.organisation(raw, b.outlets, b.host, typed=typed, metadata=not shown)
        # (what only the metadata holds must stand on the page too: a CMS's default account is no credit)
        if name is None or not shown and folded(name.casefold()) not in b._folded_chrome:
            return False
        b.ex.credited_to = {"name": name, "kind": "organisation", "rule": rule, "decided_by": "authors.step.organisation-credit",
                            "evidence": {"text": evidence, "start": None, "end": None}}
        return True

    if any(credit(text, credits.CREDIT_MARKUP, evidence) for text, evidence in credits.markup_credits(b.markup_elements[0])):
        return
    raw_meta = meta(b.tree, *META_AUTHOR, "og:article:author") or ""
    if raw_meta and credit(raw_meta, credits.CREDIT_META, raw_meta, shown=False):
        return
    for o in b.articles:
        for a in (o.get("author") if isinstance(o.get("author"), list) else [o.get("author")])[:20]:
            typed = isinstance(a, dict) and bool(types(a) & ORG_TYPES) and "person" not in types(a)
            if any(credit(n, credits.CREDIT_JSON_LD, n, typed=typed, shown=False) for n in names(a)):
                return
    # (not under the tab's <title>, where the masthead's name stands over today's date)
    windows = headline_windows(b.ex, tab_title=False)
    if windows and (raw := credits.under_headline_credit(windows[0][1])) is not None:
        credit(raw, credits.CREDIT_UNDER_HEADLINE, raw)


def read_authors(ex: Extracted, tree: etree._Element, found: dict) -> None:
    """The page's authors into ``ex.authors``: the sources read into a ballot, then every step in order."""
    ballot = Ballot(ex, tree, found)
    for step_id, run in STEPS:
        budget.check(f"extract: {step_id}")
        run(ballot)
