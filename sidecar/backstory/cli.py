"""The command-line door: ``backstory check``, ``serve``, ``token``, ``pair``, ``pairs``, ``unpair`` (and the knowledge base's commands)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap
from pathlib import Path
from typing import Any

from . import __version__
from .errors import BackstoryError, BudgetExceeded
from .settings import SETTINGS, Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_ARTICLE = 0, 1, 2, 3
QUOTE_PREVIEW_CHARS = 220
UNKNOWN_URL = "http://unknown.invalid/"  # (a saved page that names no address of its own)


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {name: getattr(args, name, None) for name in ("host", "port", "model")}
    return Settings.load(overrides)


def _read_target(target: str, settings: Settings, url: str | None, *, allow_private: bool = False) -> tuple[str, str]:
    """(url, html) for a URL, a file or '-' (stdin)."""
    from .fetch import fetch

    if target.lower().startswith(("http://", "https://")):
        if settings.offline:
            raise BackstoryError("offline mode is on (setting offline): save the page and give the file instead of a URL")
        return fetch(target, timeout_s=settings.fetch_timeout_s, max_bytes=settings.fetch_max_bytes,
                     allow_private=allow_private)
    if target == "-":
        raw = sys.stdin.buffer.read(settings.max_body_bytes + 1)
    else:
        path = Path(target)
        if not path.is_file():
            raise BackstoryError(f"{target}: no such file (give a URL starting with http:// or https://, a file, or -)")
        with path.open("rb") as fh:
            raw = fh.read(settings.max_body_bytes + 1)
    if len(raw) > settings.max_body_bytes:
        from .errors import TooLarge

        raise TooLarge(f"{target} is over the {settings.max_body_bytes:,}-byte limit")
    from .fetch import decode

    html = decode(raw, None)
    return (url or _url_from_page(html) or UNKNOWN_URL), html


def _url_from(target: str, given: str | None, url: str) -> dict[str, Any] | None:
    """Where a saved page's address came from when the reader gave none (issue 24, item 5): the page's own canonical
    link (or og:url) is the page's claim, and the outlet card says so; None when the reader gave the address."""
    if given or target.lower().startswith(("http://", "https://")):
        return None
    if url == UNKNOWN_URL:
        return {"source": "none", "url": None,
                "label": "the saved page names no address of its own and none was given (--url): the outlet is unknown"}
    return {"source": "page_canonical", "url": url,
            "label": f"the address is the saved page's own canonical link (or og:url), {url}: the page's claim, not "
                     "checked; give --url with the address it came from"}


def _url_from_page(html: str) -> str | None:
    """A saved page's own URL, from its canonical link or og:url (as backstory batch reads saved pages)."""
    from .batch.inputs import url_from_page

    return url_from_page(html)


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _sources(item: dict[str, Any]) -> str:
    srcs = item.get("sources") or ([item["source"]] if isinstance(item.get("source"), dict) else [])
    return "; ".join(f"{s.get('name')}, {s.get('date') or 'undated'}" + (f", {s['url']}" if s.get("url") else "") for s in srcs)


def _seen_lines(card: dict[str, Any]) -> list[str]:
    seen = card.get("seen_before")
    return [_wrap(seen["text"])] if seen else []


def _kb_lines(kb: dict[str, Any] | None) -> list[str]:
    if not kb or kb.get("match") in (None, "none"):
        return ["    knowledge base: nothing known"]
    label = "possible match — may be a different person" if kb["match"] == "possible" else "knowledge base"
    lines = [f"    {label}:"]
    if kb.get("who"):
        lines.append(_wrap(f"who: {kb['who']}" + (f" ({kb['url']})" if kb.get("url") else ""), "      "))
    if kb["match"] == "possible" and kb.get("why"):
        lines.append(_wrap(f"why unsure: {kb['why']}", "      "))
    for cand in kb.get("candidates", [])[:3]:
        lines.append(_wrap(f"? {cand.get('name')}: {cand.get('who') or 'no description'} ({cand.get('url') or cand.get('id')})", "      "))
    for fact in kb.get("facts", [])[:6]:
        lines.append(_wrap(f"- {fact.get('claim') or fact.get('value')} [{_sources(fact)}]", "      "))
    return lines


def render(doc: dict[str, Any]) -> str:
    """The cards document as text for a terminal."""
    a, o = doc["article"], doc["outlet"]
    out = [f"{a.get('title') or '(no title)'}", f"  {a['url']}", ""]
    if not a["is_article"]:
        out.append(f"Not an article: {a['not_article_reason']}.")
    out.append(f"OUTLET  {o['name']} ({o['domain']})")
    if o.get("url_from"):
        out.append(_wrap(o["url_from"]["label"]))
    if o.get("page_calls_itself"):
        out.append(f"    {o['page_calls_itself']['label']} (its {o['page_calls_itself']['source']}; the page's own claim)")
    if o.get("operator"):
        out.append(f"    operated by {o['operator']['value']} [{_sources(o['operator'])}]")
    for r in o.get("ratings", []):
        verdict = r.get("verdict") or r.get("score")
        out.append(f"    {r['rater']} ({r.get('date') or 'undated'}): {verdict}")
    if o.get("hosted_on"):
        out.append(_wrap(o["hosted_on"]["note"]))
    elif not o.get("ratings"):
        out.append("    no rater in the knowledge base has rated this domain")
    if o.get("raters_disagree"):
        out.append("    note: the raters disagree")
    syn = doc.get("syndicated_from")
    if syn:
        where = f" ({syn['domain']})" if syn.get("domain") else ""
        out.append(f"ORIGINALLY PUBLISHED BY  {syn.get('name') or syn.get('domain')}{where}"
                   + ("" if syn.get("confirmed") else "  [the page's claim, not confirmed]"))
        if syn.get("label"):
            out.append(_wrap(syn["label"]))
        for ev in syn["evidence"]:
            out.append(_wrap(f"- {ev['kind']}: “{ev['text']}”"))
        for r in (syn.get("outlet") or {}).get("ratings", []):
            out.append(f"    {r['rater']} ({r.get('date') or 'undated'}), of {syn.get('name')}: {r.get('verdict') or r.get('score')}")
    credit = a.get("credited_to")
    if credit and not doc["authors"]:
        out.append(f"CREDITED TO  {credit['name']}  (an organisation; no person named)")
    for au in doc["authors"]:
        out.append(f"AUTHOR  {au['name']}  (from {au['source']})")
        if au.get("bio"):
            out.append("    the author's bio says: " + "; ".join(c["text"] for c in au["bio"]["claims"]))
        out.extend(_kb_lines(au.get("kb")))
        out.extend(_seen_lines(au))
    for c in doc["cited"]:
        out.append(f"CITED  {c['name']}" + (f" — {c['role']}" if c.get("role") else " — role not given"))
        for q in c["quotes"]:
            text = q["text"] if len(q["text"]) <= QUOTE_PREVIEW_CHARS else q["text"][:QUOTE_PREVIEW_CHARS] + "…"
            out.append(_wrap(f"{q['cue']} ({q['kind']}): “{text}”"))
        out.extend(_kb_lines(c.get("kb")))
        out.extend(_seen_lines(c))
    if doc["mentioned"]:
        out.append("MENTIONED (not cited)  " + ", ".join(m["name"] for m in doc["mentioned"]))
    for u in doc["unnamed_sources"]:
        out.append(_wrap(f"UNNAMED SOURCING ({u['source']}): {u['text']}", ""))
    for note in doc.get("user_notes", []):
        out.append(_wrap(f"YOUR NOTE: {note.get('text')}", ""))
    for w in doc.get("warnings", []):
        out.append(f"warning: {w}")
    return "\n".join(out)


def cmd_check(args: argparse.Namespace) -> int:
    from .pipeline import Engine

    settings = _settings(args)
    url, html = _read_target(args.target, settings, args.url, allow_private=args.allow_private)
    engine = Engine(settings)
    try:
        doc = engine.analyze(url, html, include_text=args.include_text, use_cache=not args.no_cache)
        if args.lookup or settings.people_lookup == "automatic":
            from .kb.cli import lookup_cards

            lookup_cards(doc, settings, engine.kb)
    except BudgetExceeded as exc:
        raise BudgetExceeded(f"{exc.message}; to allow more time: BACKSTORY_TIME_BUDGET_S=60 backstory check …") from None
    finally:
        engine.close()
    if (url_from := _url_from(args.target, args.url, url)) is not None:
        doc["outlet"]["url_from"] = url_from
    print(json.dumps(doc, ensure_ascii=False, indent=2) if args.json else render(doc))
    if args.explain:
        from .explain import explain

        print(explain(doc), file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK if doc["article"]["is_article"] else EXIT_NOT_ARTICLE


def cmd_serve(args: argparse.Namespace) -> int:
    from .server import serve

    serve(_settings(args), allow_remote_host=args.allow_remote_host)
    return EXIT_OK


def cmd_token(args: argparse.Namespace) -> int:
    from . import pairing

    settings = _settings(args)
    token = pairing.rotate(settings.config_dir) if args.rotate else pairing.load_or_create(settings.config_dir)
    print(token)
    if args.rotate:
        print("The default pairing has a new token: the old one no longer works and its browser is forgotten (the "
              "first browser to use the new one is paired). Other pairings (`backstory pairs`) are unchanged.",
              file=sys.stderr)
    else:
        pair = pairing.Store(settings.config_dir).get(pairing.DEFAULT_ID)
        print(f"the default pairing, paired with {_paired_with(pair)}" if pair and pair.origin else
              "the default pairing, not used yet: the first browser to use this token is paired; "
              "`backstory pair` makes a token for each further browser", file=sys.stderr)
    return EXIT_OK


def _paired_with(pair: Any) -> str:
    return f"{pair.browser or 'a browser'} ({pair.origin})"


def cmd_pair(args: argparse.Namespace) -> int:
    from . import pairing

    settings = _settings(args)
    store = pairing.Store(settings.config_dir)
    if args.rotate:
        pair = store.rotate(args.rotate)
        print(f"Pairing {pair.id} has a new token: the old one no longer works and its browser is forgotten. Paste "
              "this token into that browser's Backstory options (the first browser to use it is paired):",
              file=sys.stderr)
    else:
        pairing.load_or_create(settings.config_dir)  # the default pairing exists before the first extra one
        pair = store.create(args.label)
        print(f"New pairing {pair.id}: paste this token into the other browser's Backstory options (Pairing token); "
              "the first browser to use it is paired with it. `backstory pairs` lists the pairings.", file=sys.stderr)
    print(pair.secret)
    return EXIT_OK


def _when(iso: str | None) -> str:
    return iso.replace("T", " ").replace("Z", " UTC") if iso else "never"


def cmd_pairs(args: argparse.Namespace) -> int:
    from . import pairing

    pairs = pairing.Store(_settings(args).config_dir).load()
    if args.json:
        print(json.dumps([p.public() for p in pairs.values()], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not pairs:
        print("no pairings yet: `backstory token` (or `backstory serve`) makes the first")
        return EXIT_OK
    rows = [("ID", "BROWSER", "ORIGIN", "CREATED", "LAST SEEN", "LABEL")]
    for p in pairs.values():
        rows.append((p.id, p.browser or "-", p.origin or "(not used yet)", _when(p.created), _when(p.last_seen), p.label or ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    if any(p.last_seen for p in pairs.values()):
        print("(a running sidecar records 'last seen' at most once a minute)", file=sys.stderr)
    return EXIT_OK


def cmd_unpair(args: argparse.Namespace) -> int:
    from . import pairing

    settings = _settings(args)
    gone = pairing.Store(settings.config_dir).remove(args.id)
    who = _paired_with(gone) if gone.origin else "no browser yet"
    if gone.id == pairing.DEFAULT_ID:
        print(f"The default pairing ({who}) is reset: its old token no longer works; `backstory token` prints the "
              "new one. Other pairings are unchanged.")
    else:
        print(f"Pairing {gone.id} ({who}) removed: its token no longer works. Other pairings are unchanged.")
    return EXIT_OK


def cmd_settings(args: argparse.Namespace) -> int:
    resolved = _settings(args).as_dict()
    for s in SETTINGS:
        print(f"{s.name:18} {resolved[s.name]!s:40} {s.help}")
    return EXIT_OK


# Commands of this module: a command line naming one of them builds its parser without importing the
# knowledge base's commands (~0.2 s of imports that `serve`, whose fast start counts, does not need).
OWN_COMMANDS = frozenset({"check", "serve", "token", "settings"})


def parser(*, kb_commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser of the ``backstory`` command."""
    p = argparse.ArgumentParser(prog="backstory", description="Context cards for news articles, offline.")
    p.add_argument("--version", action="version", version=f"backstory {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="analyse a page: a URL, a saved HTML file, or - for stdin")
    check.add_argument("target", help="http(s) URL, path to an HTML file, or -")
    check.add_argument("--url", help="the page's URL when TARGET is a file or stdin (default: its canonical link)")
    check.add_argument("--json", action="store_true", help="print the cards document as JSON")
    check.add_argument("--include-text", action="store_true", help="include the article text in the JSON")
    check.add_argument("--explain", action="store_true",
                       help="after the cards, the rule trail: which declared rule found each author, republication claim, "
                            "role, quote and unnamed-sourcing sentence, and the text it read (on stderr with --json)")
    check.add_argument("--no-cache", action="store_true", help="analyse again even if the page is cached")
    check.add_argument("--model", help="spaCy pipeline to use")
    check.add_argument("--lookup", action="store_true",
                       help="look up the cited people, authors and organisations on Wikidata (sends only their names; see docs/knowledge-base.md)")
    check.add_argument("--allow-private", action="store_true",
                       help="allow fetching from loopback and private addresses (refused by default: see docs/security.md)")
    check.set_defaults(func=cmd_check)

    serve = sub.add_parser("serve", help="run the sidecar for the browser extension")
    serve.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8765)")
    serve.add_argument("--model", help="spaCy pipeline to use")
    serve.add_argument("--allow-remote-host", action="store_true", help="allow --host other than loopback (not recommended)")
    serve.set_defaults(func=cmd_serve)

    token = sub.add_parser("token", help="print the default pairing's token (the first browser's) to paste into the extension")
    token.add_argument("--rotate", action="store_true",
                       help="give the default pairing a new token and forget its browser (other pairings are unchanged)")
    token.set_defaults(func=cmd_token)

    pair = sub.add_parser("pair", help="make a token for one more browser (printed alone on the last line)")
    pair.add_argument("--label", help="a note shown by `backstory pairs`, e.g. 'laptop Firefox'")
    pair.add_argument("--rotate", metavar="ID", help="instead, give pairing ID a new token and forget its browser")
    pair.set_defaults(func=cmd_pair)

    pairs = sub.add_parser("pairs", help="list the pairings: ID, browser, origin, created, last seen")
    pairs.add_argument("--json", action="store_true", help="print them as JSON (no secrets)")
    pairs.set_defaults(func=cmd_pairs)

    unpair = sub.add_parser("unpair", help="remove one pairing: its token stops working, the others go on")
    unpair.add_argument("id", metavar="ID", help="the pairing's ID, as `backstory pairs` lists it")
    unpair.set_defaults(func=cmd_unpair)

    settings = sub.add_parser("settings", help="show every setting and its current value")
    settings.set_defaults(func=cmd_settings)

    if not kb_commands:
        return p
    try:
        from .kb.cli import register_cli
    except ImportError:
        register_cli = None
    if register_cli is not None:
        register_cli(sub)
    from .batch.cli import register_cli as register_batch_cli

    register_batch_cli(sub)
    return p


def _command(argv: list[str]) -> str | None:
    """The command word of a command line (the first argument that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    words = sys.argv[1:] if argv is None else argv
    args = parser(kb_commands=_command(words) not in OWN_COMMANDS).parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except BackstoryError as exc:
        print(f"backstory: error: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
