"""A local stand-in for Wikidata's action API (wbsearchentities, wbgetentities) serving fixture items.

Answers have the real API's shape: a search gives {"searchinfo": {"search"}, "search": [{"id", "title",
"pageid", "repository", "url", "concepturi", "display": {"label", "description"}, "label", "description",
"match": {"type", "language", "text"}, "aliases"?}], "search-continue"?, "success": 1}; entities give
{"entities": {QID: entity or {"id", "missing": ""}}, "success": 1}; a bad request gives
{"error": {"code", "info", "*"}, "servedby"}. Search matches a prefix of a label or alias, case and
accents ignored, as the real wbsearchentities does for a language.

Misbehaviours for the failure tests: ``redirect_to`` (302 elsewhere), ``slow_s`` (sleep before answering),
``oversize`` (a body over any cap), ``malformed`` (not JSON), ``statuses`` (a list of HTTP statuses to
answer first, e.g. [429, 503]), ``gzip_bomb``. Every request's query string is recorded in ``requests``.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

WORLD = Path(__file__).resolve().parent / "fixtures" / "kb" / "world-entities.json"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


class World:
    """Fixture items and the API's answers over them."""

    def __init__(self, entities: dict[str, dict]) -> None:
        self.entities = entities

    @classmethod
    def load(cls, path: Path = WORLD) -> World:
        return cls(json.loads(path.read_text(encoding="utf-8"))["entities"])

    def answer(self, params: dict[str, str]) -> dict:
        action = params.get("action")
        if params.get("format") != "json":
            return {"error": {"code": "badformat", "info": "only json here"}, "servedby": "mock"}
        if action == "wbsearchentities":
            return self.search(params.get("search", ""), params.get("language", "en"), int(params.get("limit", "7")))
        if action == "wbgetentities":
            ids = [i for i in params.get("ids", "").split("|") if i]
            if len(ids) > 50:
                return {"error": {"code": "toomanyvalues", "info": "Too many values supplied for parameter \"ids\". The limit is 50.",
                                  "*": "See https://www.wikidata.org/w/api.php for API usage."}, "servedby": "mock"}
            return self.get(ids, params.get("props", ""), params.get("languages", "en").split("|"))
        return {"error": {"code": "badvalue", "info": f"Unrecognized value for parameter \"action\": {action}."}, "servedby": "mock"}

    def search(self, text: str, language: str, limit: int) -> dict:
        q = _fold(text.strip())
        hits = []
        for qid, e in self.entities.items():
            label = e.get("labels", {}).get(language, {}).get("value")
            names = [("label", label)] if label else []
            names += [("alias", a["value"]) for a in e.get("aliases", {}).get(language, ())]
            for kind, name in names:
                if q and _fold(name).startswith(q):
                    hit = {"id": qid, "title": qid, "pageid": e.get("pageid", 0), "repository": "wikidata",
                           "url": f"//www.wikidata.org/wiki/{qid}", "concepturi": f"http://www.wikidata.org/entity/{qid}",
                           "display": {"label": {"value": label, "language": language}},
                           "label": label, "match": {"type": kind, "language": language, "text": name}}
                    desc = e.get("descriptions", {}).get(language, {}).get("value")
                    if desc:
                        hit["description"] = desc
                        hit["display"]["description"] = {"value": desc, "language": language}
                    if kind == "alias":
                        hit["aliases"] = [name]
                    hits.append(hit)
                    break
        out = {"searchinfo": {"search": text}, "search": hits[:limit], "success": 1}
        if len(hits) > limit:
            out["search-continue"] = limit
        return out

    def get(self, ids: list[str], props: str, languages: list[str]) -> dict:
        wanted = set(props.split("|")) if props else {"info", "sitelinks", "aliases", "labels", "descriptions", "claims", "datatype"}
        out = {}
        for qid in ids:
            e = self.entities.get(qid)
            if e is None:
                out[qid] = {"id": qid, "missing": ""}
                continue
            trimmed = {k: v for k, v in e.items() if k in ("type", "id") or k in wanted or k in ("pageid", "ns", "title", "lastrevid", "modified")}
            for key in ("labels", "descriptions", "aliases"):
                if key in trimmed:
                    trimmed[key] = {k: v for k, v in trimmed[key].items() if k in languages}
            out[qid] = trimmed
        return {"entities": out, "success": 1}


class MockWikidata:
    """The API on 127.0.0.1 (a real socket: the client's TLS/redirect/size rules run for real)."""

    def __init__(self, world: World | None = None) -> None:
        self.world = world or World.load()
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.redirect_to: str | None = None
        self.slow_s = 0.0
        self.oversize = False
        self.malformed = False
        self.gzip_bomb = False
        self.statuses: list[int] = []
        mock = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                mock.requests.append(params)
                mock.headers.append(dict(self.headers))
                if mock.slow_s:
                    time.sleep(mock.slow_s)
                if mock.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", mock.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if mock.statuses:
                    status = mock.statuses.pop(0)
                    self.send_response(status)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if mock.malformed:
                    body = b'{"entities": {"Q1": '
                elif mock.oversize:
                    body = b'{"search": [' + b'{"id": "Q1"},' * 2_000_000 + b'{"id": "Q2"}], "success": 1}'
                else:
                    body = json.dumps(mock.world.answer(params)).encode()
                headers = {"Content-Type": "application/json; charset=utf-8"}
                if mock.gzip_bomb:
                    body = gzip.compress(b'{"search": [' + b" " * 200_000_000 + b"]}", compresslevel=9)
                    headers["Content-Encoding"] = "gzip"
                self.send_response(200)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap, timeout): what the test wanted

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"

    def __enter__(self) -> MockWikidata:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def transport(world: World | None = None, calls: list | None = None) -> httpx.MockTransport:
    """The same answers without a socket (benchmarks and the matching gate)."""
    world = world or World.load()

    def handle(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        if calls is not None:
            calls.append(params)
        return httpx.Response(200, json=world.answer(params))
    return httpx.MockTransport(handle)
