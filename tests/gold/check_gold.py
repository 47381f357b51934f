"""Load and validate the hand-annotated gold set for cited people (issue 6).

Usage:
    .venv/bin/python tests/gold/check_gold.py          # check everything, exit 1 on problems

Importable:
    from tests.gold.check_gold import load_gold, check_all, page_text

Checks (fast; no spaCy, no trafilatura extraction):
  * every annotation matches the JSON schema below;
  * the page exists (and is at most 600 KB);
  * every quote text and every unnamed-source text occurs in the page's visible text
    (whitespace-normalised; see ``normalise``);
  * no person is both "cited" and "mentioned" (compared on casefolded names and aliases);
  * split.json covers every annotation exactly once.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import jsonschema
from lxml import etree
from lxml import html as lxml_html

GOLD_DIR = Path(__file__).resolve().parent
ANN_DIR = GOLD_DIR / "annotations"
PAGES_DIR = GOLD_DIR / "pages"
SPLIT_FILE = GOLD_DIR / "split.json"
MAX_PAGE_BYTES = 600 * 1024

GENRES = ["wire", "reporting", "opinion", "interview", "other"]

_QUOTE = {
    "type": "object",
    "required": ["text", "cue", "kind"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "minLength": 1},
        "cue": {"type": "string", "minLength": 1},
        "kind": {"enum": ["direct", "indirect"]},
    },
}

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["file", "url", "outlet", "syndicated_from", "genre", "authors", "cited",
                 "mentioned", "org_sources", "unnamed_sources", "notes"],
    "properties": {
        "file": {"type": "string", "pattern": r"^pages/[^/]+\.html$"},
        "url": {"type": "string", "minLength": 1},
        "outlet": {
            "type": "object", "additionalProperties": False, "required": ["domain", "name"],
            "properties": {"domain": {"type": "string", "minLength": 3}, "name": {"type": "string", "minLength": 1}},
        },
        "syndicated_from": {
            "oneOf": [
                {"type": "null"},
                {"type": "object", "additionalProperties": False, "required": ["name"],
                 "properties": {"name": {"type": "string", "minLength": 1},
                                "domain": {"type": ["string", "null"]}}},
            ]
        },
        "genre": {"enum": GENRES},
        "authors": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "cited": {
            "type": "array",
            "items": {
                "type": "object", "additionalProperties": False,
                "required": ["name", "aliases", "role", "quotes"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "role": {"type": ["string", "null"]},
                    "quotes": {"type": "array", "minItems": 1, "items": _QUOTE},
                },
            },
        },
        "mentioned": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "org_sources": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "unnamed_sources": {
            "type": "array",
            "items": {
                "type": "object", "additionalProperties": False, "required": ["text", "cue"],
                "properties": {"text": {"type": "string", "minLength": 1}, "cue": {"type": "string", "minLength": 1}},
            },
        },
        "notes": {"type": "string"},
    },
}

_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe"}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "td", "th", "tr", "ul", "title", "body", "button", "option",
}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def normalise(text: str) -> str:
    """NFC, drop soft hyphens / zero-width characters, collapse all whitespace to one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return re.sub(r"\s+", " ", text).strip()


def _decode(raw: bytes) -> str:
    head = raw[:4096].decode("ascii", "ignore").lower()
    m = re.search(r"charset=[\"']?([a-z0-9_\-]+)", head)
    encodings = ([m.group(1)] if m else []) + ["utf-8", "cp1252"]
    for enc in encodings:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


_TEXT_CACHE: dict[Path, str] = {}


def page_text(path: Path | str) -> str:
    """Visible text of a page (scripts, styles, head removed; block elements separated), normalised."""
    path = Path(path)
    if path in _TEXT_CACHE:
        return _TEXT_CACHE[path]
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(path.read_bytes()))
    doc = lxml_html.document_fromstring(source)
    etree.strip_elements(doc, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in list(doc.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the element's tail text
    for el in doc.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    text = normalise(doc.text_content())
    _TEXT_CACHE[path] = text
    return text


def load_gold(gold_dir: Path | str = GOLD_DIR) -> list[dict]:
    """All annotations (sorted by file name), each with extra keys ``name`` (stem), ``page_path``
    (absolute path of the HTML page) and ``split`` ("tune" / "heldout" / None if unsplit)."""
    gold_dir = Path(gold_dir)
    split = {}
    if (gold_dir / "split.json").exists():
        s = json.loads((gold_dir / "split.json").read_text(encoding="utf-8"))
        for part in ("tune", "heldout"):
            for name in s.get(part, []):
                split[name] = part
    out = []
    for p in sorted((gold_dir / "annotations").glob("*.json")):
        ann = json.loads(p.read_text(encoding="utf-8"))
        ann["name"] = p.stem
        ann["page_path"] = str(gold_dir / ann.get("file", ""))
        ann["split"] = split.get(p.stem)
        out.append(ann)
    return out


def _keys(person_name: str, aliases=()) -> set[str]:
    return {normalise(n).casefold() for n in [person_name, *aliases]}


def check_annotation(ann: dict, gold_dir: Path = GOLD_DIR) -> list[str]:
    """Problems found in one annotation (empty list = OK)."""
    errors: list[str] = []
    name = ann.get("name", "?")
    raw = {k: v for k, v in ann.items() if k not in ("name", "page_path", "split")}
    validator = jsonschema.Draft7Validator(SCHEMA)
    for e in validator.iter_errors(raw):
        errors.append(f"{name}: schema: {'/'.join(map(str, e.path))}: {e.message}")
    if errors:
        return errors
    if ann["file"] != f"pages/{name}.html":
        errors.append(f"{name}: file should be pages/{name}.html, is {ann['file']}")
    page = gold_dir / ann["file"]
    if not page.exists():
        return errors + [f"{name}: page {ann['file']} missing"]
    if page.stat().st_size > MAX_PAGE_BYTES:
        errors.append(f"{name}: page larger than 600 KB")
    text = page_text(page)
    for person in ann["cited"]:
        for q in person["quotes"]:
            if normalise(q["text"]) not in text:
                errors.append(f"{name}: quote of {person['name']!r} not in page text: {q['text'][:80]!r}")
    for u in ann["unnamed_sources"]:
        if normalise(u["text"]) not in text:
            errors.append(f"{name}: unnamed-source text not in page text: {u['text'][:80]!r}")
    cited_keys = set()
    seen = set()
    for person in ann["cited"]:
        k = normalise(person["name"]).casefold()
        if k in seen:
            errors.append(f"{name}: {person['name']!r} listed twice under cited")
        seen.add(k)
        cited_keys |= _keys(person["name"], person["aliases"])
    for m in ann["mentioned"]:
        if normalise(m).casefold() in cited_keys:
            errors.append(f"{name}: {m!r} is both cited and mentioned")
    if len(set(map(str.casefold, ann["mentioned"]))) != len(ann["mentioned"]):
        errors.append(f"{name}: duplicate names under mentioned")
    return errors


def check_split(gold: list[dict], gold_dir: Path = GOLD_DIR) -> list[str]:
    path = gold_dir / "split.json"
    if not path.exists():
        return ["split.json missing"]
    s = json.loads(path.read_text(encoding="utf-8"))
    tune, held = s.get("tune", []), s.get("heldout", [])
    names = {a["name"] for a in gold}
    errors = []
    if set(tune) & set(held):
        errors.append(f"split.json: in both parts: {sorted(set(tune) & set(held))}")
    if set(tune) | set(held) != names:
        errors.append(f"split.json does not cover the annotations exactly: "
                      f"missing {sorted(names - set(tune) - set(held))}, "
                      f"unknown {sorted((set(tune) | set(held)) - names)}")
    if len(held) < 10:
        errors.append("split.json: fewer than 10 heldout files")
    return errors


def check_all(gold_dir: Path | str = GOLD_DIR) -> list[str]:
    gold_dir = Path(gold_dir)
    gold = load_gold(gold_dir)
    errors: list[str] = []
    for ann in gold:
        errors += check_annotation(ann, gold_dir)
    errors += check_split(gold, gold_dir)
    return errors


def main() -> int:
    gold = load_gold()
    errors = check_all()
    for e in errors:
        print(e)
    outlets = {a["outlet"]["domain"] for a in gold}
    cited = sum(len(a["cited"]) for a in gold)
    print(f"{len(gold)} annotations, {len(outlets)} outlets, {cited} cited people, "
          f"{sum(a['split'] == 'heldout' for a in gold)} heldout; {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
