"""The people stage's regular expressions on hostile text: does any take more than linear time?

Every pattern the stage compiles (listed in :data:`INVENTORY`, with how the stage uses it: ``scan`` over a
whole text, or ``anchored`` at one position) runs on strings built by repeating one short unit -- a letter,
a capital, spaces, commas, quotation marks, an '@', 'https://', ' and ', … -- at two lengths, ``n`` and
``4n``. A pattern that is linear takes about 4 times as long on the longer string; one that backtracks
quadratically, about 16 times. Each (pattern, unit) is timed (the least of ``--repeat`` runs) and the worst
growth per pattern is reported; ``--fail-over RATIO`` makes the script exit 1 when one grows faster.

Besides these fixed patterns the stage builds some from the names it finds (one per person in older code);
``tests/test_people_hostile.py`` runs whole pages of many names, a 40,000-character word and other hostile
texts through the stage under a hang guard.

Writes docs/benchmarks.md, section "## People stage: patterns on hostile text", unless ``--no-write``.

    .venv/bin/python bench/people_patterns.py [--n 4000] [--repeat 3] [--no-write] [--fail-over 8]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, command_line, machine, publish, utc_now  # noqa: E402

SECTION = "## People stage: patterns on hostile text"
UNITS = ["a", "A", " ", "\t ", "\n", ",", ", ", ".", ". ", "A. ", "a ", "A ", "Aa ", "“", "”", '"', '" ', "“a", "«", "„",
         "(", "(A", "(A, ", ")", ") ", "@", "a@", "@a ", "https://", "www.", "-", "- ", "—", "’s ", "'", "of ", " and ",
         "said ", "he said, ", ",” he said, “", '," he said, "', "Ann Lee: ", "that ", "Mr ", "I ", "?", "pic.twitter.com/a ",
         "contributed ", "1999 ", "A-"]
# and one opening followed by a long run of one filler ('(Ann Lee, ' then spaces): work that restarts at every
# character of a run after an opening
OPENINGS = [")", "(Ann Lee, ", ",", ".", "”", ",” he said", "said", "Mr", "@", "pic.twitter.com/a", " and", "Ann Lee",
            "reporting by", "“", '"']
FILLERS = [" ", "\t ", "\n", ", ", "a", "A ", "."]
CASES = [("", unit) for unit in UNITS] + [(opening, filler) for opening in OPENINGS for filler in FILLERS]


def inventory() -> list[tuple[str, re.Pattern, str]]:
    """(name, pattern, how the stage uses it) for every fixed pattern of the people stage."""
    from backstory.people import bios, context, quotation, settle
    from backstory.people.names import clean, evidence, given, recovery, registry, text
    from backstory.people.rules import direct, documents, layout, reported, runs
    from backstory.people import roles

    return [
        ("quotation.QUOTE_RE", quotation.QUOTE_RE, "scan"),
        ("quotation.ATTRIBUTION_AFTER", quotation.ATTRIBUTION_AFTER, "anchored"),
        ("quotation.ATTRIBUTION_BEFORE", quotation.ATTRIBUTION_BEFORE, "scan"),
        ("quotation.STRAIGHT_INTERRUPTION", quotation.STRAIGHT_INTERRUPTION, "scan"),
        ("quotation.OPENS_AFTER_CUE", quotation.OPENS_AFTER_CUE, "anchored"),
        ("quotation.CLAUSE_LEAD", quotation.CLAUSE_LEAD, "anchored"),
        ("settle.CREDIT_LINE", settle.CREDIT_LINE, "scan"),
        ("settle.HEADLINE_WORD", settle.HEADLINE_WORD, "scan"),
        ("names.evidence.ADDRESSES", evidence.ADDRESSES, "scan"),
        ("names.text.RUN", text.RUN, "scan"),
        ("names.clean.POSSESSIVE", clean.POSSESSIVE, "scan"),
        ("names.clean.ROMAN", clean.ROMAN, "anchored"),
        ("names.clean.INNER_POSSESSIVE", clean.INNER_POSSESSIVE, "scan"),
        ("names.given.GENDERED_TITLE", given.GENDERED_TITLE, "scan"),
        ("roles.PARTY_LABEL", roles.PARTY_LABEL, "anchored"),
        ("roles.WORDS", roles.WORDS, "scan"),
        ("roles.TOKENS", roles.TOKENS, "scan"),
        ("names.registry.WORDS", registry.WORDS, "scan"),
        ("names.recovery._SPACE_OR_HYPHEN", recovery._SPACE_OR_HYPHEN, "scan"),
        ("bios.BIO_CLAIM", bios.BIO_CLAIM, "anchored"),
        ("bios.ARTICLES", bios.ARTICLES, "anchored"),
        ("bios.CLAIM_SPLIT", bios.CLAIM_SPLIT, "scan"),
        ("bios.SENTENCE_SPLIT", bios.SENTENCE_SPLIT, "scan"),
        ("context.WORD", context.WORD, "scan"),
        ("rules.direct.IN_THEIR_WORDS_LEAD", direct.IN_THEIR_WORDS_LEAD, "scan"),
        ("rules.direct.LABEL", direct.LABEL, "anchored"),
        ("rules.direct.COLON_QUOTE", direct.COLON_QUOTE, "anchored"),
        ("rules.direct.SIGNATURE_LEAD", direct.SIGNATURE_LEAD, "anchored"),
        ("rules.direct.SIGNATURE_REST", direct.SIGNATURE_REST, "anchored"),
        ("rules.direct.SIGNING_GAP", direct.SIGNING_GAP, "anchored"),
        ("rules.direct.DASH", direct.DASH, "scan"),
        ("rules.direct.NAME_END", direct.NAME_END, "anchored"),
        ("rules.documents.VIEW_OF_LEAD", documents.VIEW_OF_LEAD, "anchored"),
        ("rules.documents.PAREN_CITATION", documents.PAREN_CITATION, "scan"),
        ("rules.documents.LABEL", documents.LABEL, "anchored"),
        ("rules.documents.YEAR", documents.YEAR, "scan"),
        ("rules.layout.INTERVIEW_LABEL", layout.INTERVIEW_LABEL, "anchored"),
        ("rules.layout.FIRST_PERSON", layout.FIRST_PERSON, "scan"),
        ("rules.layout.POST_SIGNATURE", layout.POST_SIGNATURE, "anchored"),
        ("rules.layout.POST_LINK", layout.POST_LINK, "scan"),
        ("rules.reported.CLOSING", reported.CLOSING, "anchored"),
        ("rules.reported.OPENS_BEFORE", reported.OPENS_BEFORE, "scan"),
        ("rules.reported.QUOTED", reported.QUOTED, "scan"),
        ("rules.runs.WORDS", runs.WORDS, "scan"),
        ("rules.runs.SPLIT_GAP", runs.SPLIT_GAP, "scan"),
        ("rules.runs.SENTENCE_GAP", runs.SENTENCE_GAP, "scan"),
    ]


def _time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def growth(pattern: re.Pattern, use: str, opening: str, unit: str, n: int, repeat: int) -> tuple[float, float]:
    """(seconds on 4n characters, ratio to n characters) for one pattern on an opening and one repeated unit."""
    def run(size: int) -> float:
        text = opening + (unit * (size // len(unit) + 1))[:size] + "x"  # (a last character no pattern expects)
        if use == "scan":
            return _time(lambda: sum(1 for _ in pattern.finditer(text)), repeat)
        return _time(lambda: pattern.match(text), repeat)

    small, large = run(n), run(4 * n)
    return large, large / max(small, 1e-6)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=4000, help="the shorter length (the longer is 4n)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fail-over", type=float, default=0.0, help="exit 1 when a pattern grows by more than this")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    rows, worst_all = [], 0.0
    for name, pattern, use in inventory():
        worst = max((growth(pattern, use, opening, unit, args.n, args.repeat) + (opening + unit,)
                     for opening, unit in CASES), key=lambda r: (r[1] if r[0] > 0.002 else 0.0, r[0]))
        seconds, ratio, unit = worst
        flagged = ratio > 8 and seconds > 0.002
        worst_all = max(worst_all, ratio if seconds > 0.002 else 0.0)
        rows.append(f"| `{name}` | {use} | {unit!r} | {seconds * 1000:.2f} | {ratio:.1f} | {'**superlinear**' if flagged else 'linear'} |")
    lines = [
        f"Measured {utc_now()} on {machine()}, with", "", f"    {command_line()}", "",
        f"Each fixed pattern of the people stage on {len(CASES)} hostile strings (one short unit repeated, alone or "
        f"after an opening such as '(Ann Lee, ') of "
        f"{args.n:,} and {4 * args.n:,} characters; the slowest unit per pattern is shown with its time on the "
        f"longer string and the ratio of the two times (about 4 for linear work, 16 for quadratic; under 2 ms "
        f"the ratio is noise).", "",
        "| pattern | use | slowest string (opening and unit) | ms at 4n | growth | |", "|---|---|---|---:|---:|---|", *rows,
    ]
    publish(DOCS / "benchmarks.md", SECTION, "\n".join(lines), title="Benchmarks", skip="--no-write" if args.no_write else None)
    return 1 if args.fail_over and worst_all > args.fail_over else 0


if __name__ == "__main__":
    sys.exit(main())
