"""Command-line doors into the knowledge base: `kb`, `note` and `lists` subcommands.

The main CLI calls :func:`register_cli` with its argparse subparsers; each handler is stored as
``func`` in the parsed args, takes those args and returns an exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .store import StoreError as PackError
from .user import ListError, StoreError, UserStore, parse_list_file
from .wikidata import DumpError, export_pack, import_dump, import_pack

EXIT_OK = 0
EXIT_ERROR = 1


def _user_dir(args: argparse.Namespace) -> Path:
    """--user-dir, else the main CLI's data_dir, else the configured/default user data dir."""
    given = getattr(args, "kb_user_dir", None) or getattr(args, "data_dir", None)
    if given:
        return Path(given).expanduser()
    from ..errors import ConfigError
    from ..settings import Settings

    try:
        return Settings.load().data_dir
    except ConfigError:  # a broken config.toml must not stop note-taking: use the platform default
        from .base import default_user_dir

        return default_user_dir()


def _fail(message: str) -> int:
    """Print an error the reader can act on and return the error exit code."""
    print(f"error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _load_kb(args: argparse.Namespace):
    """The knowledge base with this invocation's user dir."""
    from .base import KnowledgeBase

    return KnowledgeBase.load(user_dir=_user_dir(args))


# kb
def cmd_import_wikidata(args: argparse.Namespace) -> int:
    """`kb import-wikidata DUMP`: stream a dump into the user data dir."""
    try:
        counts = import_dump(Path(args.dump), _user_dir(args), dump_date_text=args.dump_date, progress=not args.no_progress)
    except DumpError as exc:
        return _fail(str(exc))
    print(f"imported {counts['outlets']} outlets, {counts['people']} people and {counts['organisations']} organisations "
          f"from the dump of {counts['dump_date']}")
    return EXIT_OK


def cmd_export_pack(args: argparse.Namespace) -> int:
    """`kb export-pack FILE`: the installed pack as one SQLite file to share."""
    try:
        meta = export_pack(_user_dir(args), Path(args.file))
    except PackError as exc:
        return _fail(str(exc))
    print(f"wrote the pack of the Wikidata dump of {meta['dump_date']} to {args.file}")
    return EXIT_OK


def cmd_import_pack(args: argparse.Namespace) -> int:
    """`kb import-pack FILE`: check a shared pack and install it (a bad file changes nothing)."""
    try:
        meta = import_pack(Path(args.file), _user_dir(args))
    except PackError as exc:
        return _fail(f"{exc}; the installed pack is unchanged")
    print(f"installed the pack of the Wikidata dump of {meta['dump_date']} from {args.file}")
    return EXIT_OK


def _settings_for(args: argparse.Namespace):
    from ..settings import Settings

    overrides = {"data_dir": str(_user_dir(args))}
    return Settings.load(overrides)


def lookup_cards(doc: dict, settings, kb) -> dict:
    """Look up a cards document's cited people, authors and organisations (one round) and put the
    answers in it: each card's "kb" is replaced and gains "lookup": {status, message}."""
    from .service import KbService, LookupOff

    cards = [c for c in (*doc.get("authors", ()), *doc.get("cited", ()), *doc.get("organisations", ()))
             if c.get("lookup_request")]
    if not cards:
        return doc
    service = KbService(settings, kb)
    try:
        answers = service.lookup([c["lookup_request"] for c in cards])
    except LookupOff as exc:
        doc.setdefault("warnings", []).append(f"lookup: {exc.message}")
        return doc
    finally:
        service.close()
    for card, answer in zip(cards, answers):
        card["kb"] = answer["kb"]
        card["lookup"] = {"status": answer["status"], "message": answer["message"]}
    return doc


def cmd_refresh(args: argparse.Namespace) -> int:
    """`kb refresh`: renew cached lookups older than lookup_refresh_days (or --older-than DAYS)."""
    from ..errors import BackstoryError
    from .service import KbService

    settings = _settings_for(args)
    service = KbService(settings, _load_kb(args))
    try:
        done = service.refresh(older_than_days=args.older_than)
    except BackstoryError as exc:
        return _fail(exc.message)
    finally:
        service.close()
    print(f"renewed {done['renewed']} cached lookups" + (f"; {done['failed']} failed: {done['message']}" if done["failed"] else ""))
    return EXIT_OK if not done["failed"] else EXIT_ERROR


def cmd_lookup(args: argparse.Namespace) -> int:
    """`kb lookup NAME`: look a name up (online unless offline) and print the answer."""
    from ..errors import BackstoryError
    from .service import KbService

    settings = _settings_for(args)
    service = KbService(settings, _load_kb(args))
    item = {"kind": args.kind, "name": args.name, "role": args.role, "date": args.date}
    try:
        answer = service.lookup([item])[0]
    except BackstoryError as exc:
        return _fail(exc.message)
    finally:
        service.close()
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"lookup: {answer['status']}" + (f" — {answer['message']}" if answer.get("message") else ""))
    _print_entry(answer["kb"], args.name)
    return EXIT_ERROR if answer["status"] == "failed" else EXIT_OK


def cmd_forget(args: argparse.Namespace) -> int:
    """`forget [--person NAME]`: erase "seen before" (everyone, or one person)."""
    from .seen import SeenStore

    settings = _settings_for(args)
    erased = SeenStore(settings.data_dir, settings.seen_retention_days).forget(args.person)
    who = f" of {args.person}" if args.person else ""
    print(f"erased {erased} sighting{'s' if erased != 1 else ''}{who} from \"seen before\"")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """`kb stats`: counts per layer and source."""
    kb = _load_kb(args)
    for layer, counts in kb.stats().items():
        print(layer)
        for key, value in counts.items():
            print(f"  {key}: {value}")
    for warning in kb.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _source_line(source: dict) -> str:
    """'name, url, date, license, layer' on one line."""
    parts = [source.get("name"), source.get("url"), source.get("date"), source.get("license")]
    return ", ".join(str(p) for p in parts if p) + f" [{source.get('layer')}]"


def _print_entry(entry: dict, query: str) -> None:
    """Human-readable entry: ratings and facts, each with its source."""
    title = entry.get("name") or (f"{query} ({entry['id']})" if entry.get("id") else query)
    print(f"{title}" + (f" ({entry['domain']})" if entry.get("domain") else ""))
    if entry.get("match"):
        print(f"  match: {entry['match']} — {entry.get('why')}")
    if entry.get("who"):
        print(f"  who: {entry['who']}" + (f" ({entry['url']})" if entry.get("url") else ""))
    for cand in entry.get("candidates", ()):
        print(f"  candidate: {cand.get('name')}: {cand.get('who') or 'no description'} ({cand.get('url') or cand.get('id')})")
    if entry.get("operator"):
        print(f"  operator: {entry['operator']['value']}")
    for r in entry.get("ratings", ()):
        print(f"  rating by {r['rater']} ({r['date']}): {r['verdict']}")
        print(f"    source: {_source_line(r['source'])}")
    if entry.get("raters_disagree"):
        print("  raters disagree")
    for f in entry.get("facts", ()):
        print(f"  {f['property']}: {f['claim']}")
        for s in f["sources"]:
            print(f"    source: {_source_line(s)}" + (f" — {f['where']}" if f.get("where") else ""))


def cmd_show(args: argparse.Namespace) -> int:
    """`kb show DOMAIN|NAME`: one entry with its provenance."""
    kb = _load_kb(args)
    query = args.query.strip()
    found = None
    if "." in query and " " not in query:
        found = kb.outlet(query)
    found = found or kb.outlet_by_name(query) or kb.organisation(query)
    if found is None:
        person = kb.person(query)
        found = person if person["match"] != "none" else None
    if found is None:
        org = kb.organisation_card(query)
        found = org if org["match"] != "none" else None
    if found is None:
        return _fail(f"nothing in the knowledge base for {query!r}")
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        _print_entry(found, query)
    return EXIT_OK


# note
def cmd_note_add(args: argparse.Namespace) -> int:
    """`note outlet DOMAIN TEXT` / `note person NAME TEXT`."""
    try:
        note = UserStore(_user_dir(args)).add_note(f"{args.note_kind}:{args.target}", args.text)
    except ValueError as exc:
        return _fail(str(exc))
    print(f"saved note {note['id']} on {note['target']}")
    return EXIT_OK


def cmd_note_list(args: argparse.Namespace) -> int:
    """`note list`: every note with its id."""
    store = UserStore(_user_dir(args))
    if store.error:
        return _fail(store.error)
    notes = store.notes
    for n in notes:
        print(f"{n['id']}  {n['created']}  {n['target']}  {n['text']}")
    if not notes:
        print("no notes yet")
    return EXIT_OK


def cmd_note_remove(args: argparse.Namespace) -> int:
    """`note remove ID`."""
    try:
        removed = UserStore(_user_dir(args)).remove_note(args.id)
    except StoreError as exc:
        return _fail(str(exc))
    if not removed:
        return _fail(f"no note with id {args.id!r} (see `note list`)")
    print(f"removed note {args.id}")
    return EXIT_OK


# lists
def cmd_lists_import(args: argparse.Namespace) -> int:
    """`lists import FILE`: validate, then store; a bad file changes nothing."""
    try:
        data = parse_list_file(Path(args.file))
    except ListError as exc:
        return _fail(f"context list rejected, nothing changed: {exc}")
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror}")
    try:
        stored = UserStore(_user_dir(args)).import_list(data)
    except StoreError as exc:
        return _fail(str(exc))
    print(f"imported '{stored['name']}' {stored['version']} by {stored['maintainer']}: {len(stored['entries'])} entries")
    return EXIT_OK


def cmd_lists_export(args: argparse.Namespace) -> int:
    """`lists export FILE [--name NAME]`: an imported list, or your own notes as a list."""
    store = UserStore(_user_dir(args))
    if store.error:
        return _fail(store.error)
    try:
        data = store.export_list(args.name)
    except KeyError:
        return _fail(f"no imported list named {args.name!r} (see `lists show`)")
    Path(args.file).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(data['entries'])} entries to {args.file}")
    return EXIT_OK


def cmd_lists_show(args: argparse.Namespace) -> int:
    """`lists show`: the imported lists."""
    store = UserStore(_user_dir(args))
    if store.error:
        return _fail(store.error)
    lists = store.lists
    for lst in lists:
        print(f"{lst['name']}  {lst['version']}  by {lst['maintainer']}  {len(lst['entries'])} entries  (imported {lst['imported']})")
    if not lists:
        print("no context lists imported")
    return EXIT_OK


def _with_user_dir(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Every knowledge-base command accepts --user-dir."""
    parser.add_argument("--user-dir", dest="kb_user_dir", help="where notes, lists and imports live (default: user data dir)")
    return parser


def register_cli(subparsers) -> None:
    """Add the `kb`, `note` and `lists` commands to an argparse subparsers object."""
    kb = subparsers.add_parser("kb", help="knowledge base: import Wikidata, stats, show an entry")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    imp = _with_user_dir(kb_sub.add_parser("import-wikidata", help="import outlets and people from a Wikidata JSON dump"))
    imp.add_argument("dump", help="latest-all.json.gz or .json.bz2 (the full JSON dump)")
    imp.add_argument("--dump-date", help="YYYY-MM-DD of the dump (default: read from the file name)")
    imp.add_argument("--no-progress", action="store_true", help="no progress bar")
    imp.set_defaults(func=cmd_import_wikidata)
    exp = _with_user_dir(kb_sub.add_parser("export-pack", help="write the installed pack to one SQLite file to share"))
    exp.add_argument("file")
    exp.set_defaults(func=cmd_export_pack)
    ipk = _with_user_dir(kb_sub.add_parser("import-pack", help="install a pack file someone built (checked first)"))
    ipk.add_argument("file")
    ipk.set_defaults(func=cmd_import_pack)
    ref = _with_user_dir(kb_sub.add_parser("refresh", help="renew cached Wikidata lookups older than lookup_refresh_days"))
    ref.add_argument("--older-than", type=int, metavar="DAYS", help="renew answers older than DAYS (0: all)")
    ref.set_defaults(func=cmd_refresh)
    look = _with_user_dir(kb_sub.add_parser("lookup", help="look a name up on Wikidata (sends only the name) and print the card"))
    look.add_argument("name")
    look.add_argument("--kind", choices=("person", "organisation"), default="person")
    look.add_argument("--role", help="the role an article gives (used here to judge the answer, never sent)")
    look.add_argument("--date", help="the article's date, YYYY-MM-DD (used here, never sent)")
    look.add_argument("--json", action="store_true")
    look.set_defaults(func=cmd_lookup)
    _with_user_dir(kb_sub.add_parser("stats", help="counts per layer and source")).set_defaults(func=cmd_stats)
    show = _with_user_dir(kb_sub.add_parser("show", help="print an outlet, organisation or person with provenance"))
    show.add_argument("query", help="a domain or a name")
    show.add_argument("--json", action="store_true", help="print the JSON objects the API returns")
    show.set_defaults(func=cmd_show)

    forget = _with_user_dir(subparsers.add_parser("forget", help="erase \"seen before\": who was cited in the pages you analysed"))
    forget.add_argument("--person", metavar="NAME", help="erase only this person's sightings")
    forget.set_defaults(func=cmd_forget)

    note = subparsers.add_parser("note", help="your own notes on outlets and people")
    note_sub = note.add_subparsers(dest="note_command", required=True)
    for kind, what in (("outlet", "DOMAIN"), ("person", "NAME")):
        p = _with_user_dir(note_sub.add_parser(kind, help=f"add a note on an {kind}" if kind == "outlet" else "add a note on a person"))
        p.add_argument("target", metavar=what)
        p.add_argument("text")
        p.set_defaults(func=cmd_note_add, note_kind=kind)
    _with_user_dir(note_sub.add_parser("list", help="list your notes")).set_defaults(func=cmd_note_list)
    rm = _with_user_dir(note_sub.add_parser("remove", help="remove a note by id"))
    rm.add_argument("id")
    rm.set_defaults(func=cmd_note_remove)

    lists = subparsers.add_parser("lists", help="context lists: import, export, show")
    lists_sub = lists.add_subparsers(dest="lists_command", required=True)
    li = _with_user_dir(lists_sub.add_parser("import", help="import a context list (JSON)"))
    li.add_argument("file")
    li.set_defaults(func=cmd_lists_import)
    le = _with_user_dir(lists_sub.add_parser("export", help="export your notes (or an imported list) as a context list"))
    le.add_argument("file")
    le.add_argument("--name", help="export this imported list instead of your notes")
    le.set_defaults(func=cmd_lists_export)
    _with_user_dir(lists_sub.add_parser("show", help="show imported lists")).set_defaults(func=cmd_lists_show)
