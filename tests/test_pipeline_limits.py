"""Issue 24 item 3, the pipeline's part: the time budget is open while the stages run (so their own checks
stop them, in the CLI too, which has no worker process to kill), every knowledge-base lookup of the cards
stage checks it, and spaCy's work is bounded by tokens, not only by characters."""

import dataclasses
import io
import sys
import threading
import time

import pytest

from backstory import budget, cli, people
from backstory.errors import BudgetExceeded

URL = "https://news.example/2024/05/story"


def page(body: str) -> str:
    return f"<html><head><title>A page</title></head><body><article><h1>A page</h1><p>{body}</p></article></body></html>"


PROSE = page(" ".join(f"The council met on Tuesday to discuss item {i} of the budget, residents said." for i in range(30)))


def spinning_stage(*args, **kwargs):
    """A stage that runs long but checks the budget in its loop, as the real stages do (10 s hang guard)."""
    for _ in range(200):
        budget.check("the spinning step")
        time.sleep(0.05)
    return people.People()


@pytest.fixture()
def short_budget(engine, monkeypatch):
    # (2 s: the stages before the one under test must fit in it on a loaded machine)
    monkeypatch.setattr(engine, "settings", dataclasses.replace(engine.settings, time_budget_s=2.0))
    return engine


def test_a_stage_is_stopped_while_it_runs(short_budget, monkeypatch):
    """Before, no budget was open during an analysis: the stage's checks did nothing, it ran to its end and
    only the check between stages said 'during people'."""
    monkeypatch.setattr(people, "find_people", spinning_stage)
    with pytest.raises(BudgetExceeded, match=r"2 s budget \(during the spinning step\)"):
        short_budget.analyze(URL, PROSE, use_cache=False)


def test_the_cards_stage_checks_the_budget_at_each_lookup(short_budget, monkeypatch):
    """A page naming thousands of people makes thousands of knowledge-base lookups: each one checks."""
    calls = []

    def slow_person(*args, **kwargs):
        calls.append(1)
        assert len(calls) < 190, "the budget was never checked"  # (hang guard)
        time.sleep(0.05)
        return None

    found = people.People()
    found.mentioned = [people.Person(name=f"Ann Lee{i}") for i in range(200)]
    monkeypatch.setattr(people, "find_people", lambda *a, **k: found)
    monkeypatch.setattr(short_budget.kb, "person", slow_person)
    with pytest.raises(BudgetExceeded, match=r"during cards: knowledge-base lookups"):
        short_budget.analyze(URL, PROSE, use_cache=False)


def test_the_cli_stops_at_the_budget_with_a_clear_message(monkeypatch, capsys, tmp_path, seed_html):
    """`backstory check` runs the analysis in its own process: the budget has to stop it from inside."""
    for name in ("cache_dir", "config_dir", "data_dir"):
        monkeypatch.setenv(f"BACKSTORY_{name.upper()}", str(tmp_path / name))
    monkeypatch.setenv("BACKSTORY_TIME_BUDGET_S", "3")
    monkeypatch.setattr(people, "find_people", spinning_stage)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_html.encode())))
    code = cli.main(["check", "-", "--url", URL, "--no-cache"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "3 s budget (during the spinning step)" in err and "BACKSTORY_TIME_BUDGET_S" in err and "Traceback" not in err


def text_read_by_people(engine, monkeypatch, html, **overrides):
    seen = {}

    def spy(nlp, text, paragraphs, authors, **kwargs):
        seen["text"], seen["paragraphs"] = text, paragraphs
        return people.People()

    monkeypatch.setattr(people, "find_people", spy)
    if overrides:
        monkeypatch.setattr(engine, "settings", dataclasses.replace(engine.settings, **overrides))
    doc = engine.analyze(URL, html, use_cache=False)
    return seen["text"], seen["paragraphs"], doc["warnings"]


def test_punctuation_dense_text_is_cut_at_the_token_limit(engine, monkeypatch):
    """100,000 characters of '. ' are 50,000 tokens: twice the spaCy work of the same length of prose.
    Before, only the character limit applied and all of it went to spaCy."""
    prose = " ".join(f"The council met on Tuesday to discuss item {i} of the budget, residents said." for i in range(30))
    dense = f"<html><body><article><h1>A page</h1><p>{prose}</p><p>{'. ' * 45_000}</p></article></body></html>"
    text, paragraphs, warnings = text_read_by_people(engine, monkeypatch, dense)
    assert len(engine.nlp.tokenizer(text)) <= engine.settings.max_tokens
    assert paragraphs[-1][1] <= len(text)
    assert any(f"only the first {engine.settings.max_tokens:,} tokens" in w for w in warnings)


def test_the_token_limit_is_a_setting(engine, monkeypatch):
    text, _, warnings = text_read_by_people(engine, monkeypatch, PROSE, max_tokens=50)
    assert len(engine.nlp.tokenizer(text)) == 50
    assert PROSE.find(text[-20:]) > 0  # the start of the text, cut between tokens
    assert any("only the first 50 tokens" in w for w in warnings)


def test_prose_within_the_limits_is_read_whole(engine, monkeypatch):
    text, _, warnings = text_read_by_people(engine, monkeypatch, PROSE)
    assert text.endswith("residents said.") and not any("tokens" in w for w in warnings)


def test_a_withdrawn_analysis_stops_at_the_next_budget_check(engine, monkeypatch):
    """The server passes 'has the client gone?' down to the stages' budget checks."""
    from backstory.errors import Cancelled

    gone = threading.Event()

    def hang_up_then_spin(*args, **kwargs):  # the reader closes the tab while the people stage runs
        gone.set()
        return spinning_stage(*args, **kwargs)

    monkeypatch.setattr(people, "find_people", hang_up_then_spin)
    with pytest.raises(Cancelled, match=r"withdrawn.*during the spinning step"):
        engine.analyze(URL, PROSE, use_cache=False, cancelled=gone.is_set)
