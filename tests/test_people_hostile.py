"""Hostile text against the people stage (issue 24, item 3): nothing it does may grow faster than the text.

Each case below took minutes on the earlier code (a pattern that tried every start in a run of characters,
one regular expression per person named, a paragraph re-read for each of its quotations). The cases run in
a child process under a generous hang guard, counted in CPU seconds so that a machine busy with other work
does not trip it (and a long wall-clock timeout as a backstop); the timings themselves are measured in
bench/people_patterns.py and bench/people_speed.py, not asserted here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from backstory import budget
from backstory.errors import BudgetExceeded
from backstory.people import find_bio, find_people
from backstory.people.names.evidence import prose_of
from backstory.people.names.text import WordRuns
from backstory.people.quotation import trim_clause

from people_support import model, paragraphs_of  # noqa: F401 (model is a fixture)

HANG_GUARD_CPU_S = 60  # (each case takes seconds of CPU now, and took minutes before)
HANG_GUARD_WALL_S = 900


def _limit_cpu() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (HANG_GUARD_CPU_S, HANG_GUARD_CPU_S + 10))


def within_guard(code: str) -> str:
    """Run ``code`` in a fresh interpreter; fail if it uses more than the hang guard's CPU time."""
    try:
        import resource  # noqa: F401 (POSIX: the CPU limit; elsewhere only the wall-clock backstop)
        limit = _limit_cpu
    except ImportError:
        limit = None
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=HANG_GUARD_WALL_S, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {HANG_GUARD_WALL_S} s (it should take seconds)")
    if done.returncode < 0:
        pytest.fail(f"stopped by signal {-done.returncode} after {HANG_GUARD_CPU_S} s of CPU (it should take seconds)")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


_STAGE = """
    from backstory.nlp import load_model
    from backstory.people import find_people
    from backstory.settings import default_model
    nlp = load_model(default_model())
    def run(*paragraphs):
        spans, pos = [], 0
        for p in paragraphs:
            spans.append((pos, pos + len(p)))
            pos += len(p) + 2
        return find_people(nlp, "\\n\\n".join(paragraphs), spans, [])
"""


def test_a_long_word_without_spaces():
    # (an address pattern tried the '@' from every start of the run: 5.5 s at 40,000 characters, minutes at 200,000)
    out = within_guard(_STAGE + """
    r = run("The council met on Monday.", "a" * 200_000, "Ann Lee said that the plan for the bridge would work.")
    print(sorted(p.name for p in r.cited))
    """)
    assert out.strip() == "['Ann Lee']"


def test_a_page_of_thousands_of_names():
    # (each new name was compared with every person known, and a pattern per person scanned the whole text:
    # 8 s at 30 KB, more than ten minutes at 120 KB)
    out = within_guard(_STAGE + """
    first = ["Ann", "Tom", "Maria", "John", "Sara", "Omar", "Eva", "Paul", "Nina", "Raj", "Kim", "Ana", "Ben"]
    def name(i):
        return first[i % len(first)] + " " + "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3)).title() + "son"
    text = "".join(f"{name(i)} and {name(i + 1)} met {name(i + 2)} at the club. " for i in range(0, 6000, 3))
    r = run(text)
    print(len(r.mentioned), len({p.name for p in r.mentioned}))
    """)
    mentioned, distinct = map(int, out.split())
    assert mentioned == distinct > 5000


def test_a_paragraph_of_thousands_of_quotations_without_a_speaker():
    # (each quotation asked whether its paragraph was nothing but quotations, and the paragraph was read again:
    # the paragraph times the quotations, for every quotation)
    out = within_guard(_STAGE + """
    quotes = " ".join(f"“The item number {i} is on the list again.”" for i in range(3000))
    r = run(quotes, "Ann Lee")  # (a quotation paragraph signed by the next one)
    print([(p.name, len(p.quotes)) for p in r.cited])
    """)
    assert out.strip() == "[('Ann Lee', 3000)]"


def test_a_clause_with_a_long_run_of_punctuation():
    # (the pattern that cut a clause's trailing punctuation tried each character of a run to its end)
    out = within_guard("""
    from backstory.people.quotation import trim_clause
    text = "that the plan" + " ," * 100_000 + " would work ."
    print(trim_clause(text, 0, len(text))[1][-10:])
    """)
    assert out.strip() == "would work"


@pytest.mark.parametrize("case", [
    # a citation's closing parenthesis followed by a long run of spaces
    "from backstory.people.rules.documents import PAREN_CITATION as p; "
    "print(len(list(p.finditer('(Ann Lee, Imperial College)' + ' ' * 300_000 + 'x'))))",
    # an embedded post's paragraph with a long run of spaces before its link
    "from backstory.people.rules.layout import POST_LINK as p; print(len(p.sub('', 'post' + ' ' * 300_000 + 'x')))",
])
def test_patterns_over_a_long_run_of_spaces(case):
    assert within_guard(case).strip() in {"0", str(len("post") + 300_000 + 1)}


def test_an_authors_bio_with_a_long_run_of_spaces():
    # (the split of a bio's claims at ' and ' tried each space of a run not followed by 'and')
    out = within_guard("""
    from backstory.people import find_bio
    bio = "Ann Lee is a researcher at the Institute of Physics, a writer" + " " * 300_000 + "or a poet."
    found = find_bio(bio, [(0, len(bio))], "Ann Lee")
    print([c.text[:40] for c in found.claims])
    """)
    assert "researcher at the Institute of Physics" in out


def test_the_budget_stops_the_stage_while_it_runs(model):
    text, spans = paragraphs_of("Ann Lee said that the plan for the bridge would work.")
    with pytest.raises(BudgetExceeded, match="during people"):
        with budget.limit(0.0):
            find_people(model, text, spans, [])
    assert find_people(model, text, spans, []).cited  # (outside a budget the stage runs)


def test_a_parsed_document_that_is_not_the_text_is_refused(model):
    doc = model("Something else entirely.")
    with pytest.raises(ValueError, match="not the parse of text"):
        find_people(model, "Ann Lee said so.", [(0, 16)], [], doc=doc)


def test_an_already_parsed_document_gives_what_parsing_gives(model):
    from backstory.people import with_paragraph_breaks

    text, spans = paragraphs_of("“The plan will not work this year,” said Ann Lee, the city engineer.",
                                "Some experts believe that the bridge will close.")
    parsed = with_paragraph_breaks(model)(text)
    a, b = find_people(model, text, spans, []), find_people(model, text, spans, [], doc=parsed)
    assert a == b and a.cited and a.unnamed


def pieces(items: list[str], max_size: int, min_size: int = 0):
    """Strings made of ``items`` (characters or longer pieces), in any order."""
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=max_size).map("".join)


_TEXT = pieces(list("ab@ .:/wht-ps\nW_é1Aİı") + ["http://", "www.", "Ann", "ann", "-"], 40)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_addresses_are_cut_as_the_pattern_cuts_them(text):
    assert prose_of(text) == re.sub(r"\S+@\S+|\b(?:https?://|www\.)\S+", " ", text)  # (the earlier, quadratic pattern)


@settings(max_examples=400, deadline=None)
@given(_TEXT, pieces(["Ann", "ann", "ANN", "Lee", "-", " ", "'", ".", "ı", "I", "İ", "ſ", "S", "K", "k", "ß"], 4, 1))
def test_a_name_stands_where_the_boundary_pattern_finds_it(text, needle):
    for flags in (0, re.I):
        want = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", text, flags)]
        assert list(WordRuns(text).occurrences(needle, ignore_case=bool(flags))) == want
    assert WordRuns(text).stands_alone(needle) == (re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", text) is not None)


@settings(max_examples=300, deadline=None)
@given(pieces(list("ab ,.;:\t\n") + ["that ", "\u2003"], 30))
def test_a_clause_is_trimmed_as_the_pattern_trimmed_it(text):
    raw = re.sub(r"[\s,.;:]+$", "", text)
    lead = re.match(r"^(?:that\s+|[\s,]+)*", raw)
    assert trim_clause(text, 0, len(text)) == (lead.end(), raw[lead.end():])


@settings(max_examples=300, deadline=None)
@given(pieces(list("ab ,\t\n") + ["and ", " and", "the ", "A"], 30))
def test_bio_claims_split_as_the_pattern_split_them(text):
    from backstory.people.bios import CLAIM_SPLIT

    assert CLAIM_SPLIT.split(text) == re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the)?\s*[a-z])", text)


@settings(max_examples=300, deadline=None)
@given(pieces(list("ab .;\t\n)") + ["(Ann Lee, Ames)", "(Lee 2023)"], 30))
def test_closing_patterns_match_as_before(text):
    from backstory.people.rules import documents, layout, runs

    assert [m.span() for m in documents.PAREN_CITATION.finditer(text)] == [m.span() for m in re.finditer(
        r"\((?=[A-Z])[^()]{2,40}?(?P<rest>(?:,|\s(?=(?:19|20)\d\d))[^()]{2,80})\)\s*[.;]?\s*$", text)]
    post = text + " pic.twitter.com/abc  "
    assert layout.POST_LINK.sub("", post) == re.sub(r"\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*$", "", post)
    gap = text.replace(")", ",") + " “ "
    assert bool(runs.SPLIT_GAP.search(gap)) == bool(re.search(r",\s*[“\"«„]?\s*$", gap))
    assert bool(runs.SENTENCE_GAP.search(gap)) == bool(re.search(r"[.:]\s*[“\"«„]?\s*$", gap))


def test_the_pattern_audit_covers_every_pattern_of_the_stage():
    """bench/people_patterns.py times every fixed pattern on hostile text; a pattern added to the stage must be
    added there too, so that none escapes the audit."""
    import importlib
    import pkgutil

    import backstory.people
    from conftest import load_bench

    audited = {id(p) for _, p, _ in load_bench("people_patterns.py").inventory()}
    missing = [f"{m.name}.{name}" for m in pkgutil.walk_packages(backstory.people.__path__, "backstory.people.")
               for name, value in vars(importlib.import_module(m.name)).items()
               if isinstance(value, re.Pattern) and id(value) not in audited]
    assert not missing, f"add these to bench/people_patterns.py's INVENTORY: {missing}"
