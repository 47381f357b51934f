"""The pieces of bench/eval_polnear.py (the PolNeAR scorer, issue 26 part 3), on brat snippets and
sentences made up here: no PolNeAR text or annotation is in the repository. The gate on the real dev
split is tests/test_polnear_gate.py."""

from __future__ import annotations

import copy

import pytest

from conftest import load_bench

E = load_bench("eval_polnear.py")

# A made-up article and its annotation, in PolNeAR's brat format.
TEXT = (
    "Jane Moreau said the plan would fail.\n"
    "\n"
    "A senior administration official said the talks had stalled.\n"
    "He added that nothing was signed.\n"
    "A new poll shows voters are tired.\n"
    "The Ohio governor said he was confident.\n"
    "Aides to Moreau said she would run.\n"
)


def _off(needle: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(needle, start)
    return i, i + len(needle)


def _t(tid: str, kind: str, needle: str, start: int = 0) -> str:
    s, e = _off(needle, start)
    return f"{tid}\t{kind} {s} {e}\t{needle}"


ANN = "\n".join([
    _t("T1", "Source", "Jane Moreau"), _t("T2", "Cue", "said"), _t("T3", "Content", "the plan would fail"),
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    _t("T4", "Source", "A senior administration official"), _t("T5", "Cue", "said", 40),
    _t("T6", "Content", "the talks had stalled"),
    "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
    _t("T7", "Source", "He"), _t("T8", "Cue", "added"), _t("T9", "Content", "nothing was signed"),
    "E3\tAttribution:T8 Source:T7 Cue:T8 Content:T9",
    _t("T10", "Source", "A new poll"), _t("T11", "Cue", "shows"), _t("T12", "Content", "voters are tired"),
    "E4\tAttribution:T11 Source:T10 Cue:T11 Content:T12",
    _t("T13", "Source", "The Ohio governor"), _t("T14", "Cue", "said", TEXT.index("governor")),
    _t("T15", "Content", "he was confident"),
    "E5\tAttribution:T14 Source:T13 Cue:T14 Content:T15",
    _t("T16", "Source", "Aides to Moreau"), _t("T17", "Cue", "said", TEXT.index("Aides")),
    _t("T18", "Content", "she would run"),
    "E6\tAttribution:T17 Source:T16 Cue:T17 Content:T18",
    "#1\tAnnotatorNotes T3\tmade up for the test",
    "A1\tSomething E1",
])


def test_parse_ann_reads_spans_events_and_skips_the_rest():
    atts = E.parse_ann(ANN, len(TEXT))
    assert len(atts) == 6
    first = atts[0]
    assert first.source.text(TEXT) == "Jane Moreau" and first.cue.text(TEXT) == "said"
    assert [c.text(TEXT) for c in first.contents] == ["the plan would fail"]
    assert atts[3].source.text(TEXT) == "A new poll"


def test_parse_ann_discontinuous_spans_second_contents_and_no_source():
    ann = ("T1\tContent 0 4;10 15\tJane … said\n"
           "T2\tCue 5 9\tMore\n"
           "T3\tContent 16 20\tthe \n"
           "continuation of a span text that ran over a line\n"
           "Then a line that starts with T but is text\n"
           "E1\tAttribution-no-source:T2 Content:T1 Cue:T2 Content2:T3\n")
    (att,) = E.parse_ann(ann, len(TEXT))
    assert att.source is None
    assert att.contents[0].frags == ((0, 4), (10, 15))
    assert len(att.contents) == 2


@pytest.mark.parametrize("ann, message", [
    ("T1\tSource 0 999\tx", "outside the text"),
    ("T1\tSource 5 2\tx", "outside the text"),
    ("T1\tSource zero 4\tx", "unreadable"),
    ("T1\tSource 0 4\tJane\nE1\tAttribution:T9 Source:T1", "not defined"),
    ("E1\tSource", "unreadable event"),
])
def test_parse_ann_refuses_broken_lines_with_a_clear_error(ann, message):
    with pytest.raises(E.AnnotationError, match=message):
        E.parse_ann(ann, len(TEXT))


def test_first_annotator_file_in_sorted_order(tmp_path):
    for name in ("story_b2c4.ann", "story_0a1f.ann", "other_ffff.ann"):
        (tmp_path / name).write_text("", encoding="utf-8")
    chosen = E.first_annotations(tmp_path)
    assert chosen == {"story": tmp_path / "story_0a1f.ann", "other": tmp_path / "other_ffff.ann"}


def test_load_split_reads_text_and_annotation(tmp_path):
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text").mkdir()
    (tmp_path / "dev" / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "story_1234.ann").write_text(ANN, encoding="utf-8")
    (art,) = E.load_split(tmp_path, "dev")
    assert art.name == "story" and art.text == TEXT and len(art.attributions) == 6
    (tmp_path / "dev" / "attributions" / "lost_1234.ann").write_text("", encoding="utf-8")
    with pytest.raises(E.AnnotationError, match="no text file"):
        E.load_split(tmp_path, "dev")


def test_article_html_is_one_paragraph_per_line_escaped():
    html = E.article_html("First <line> & more\n\n  \nSecond line\n")
    assert html == ("<html><body><article><p>First &lt;line&gt; &amp; more</p><p>Second line</p>"
                    "</article></body></html>")


@pytest.mark.parametrize("name, expected", [
    ("Jane Moreau", "moreau"),
    ("José Pérez Jr.", "perez"),
    ("Martin Luther King III", "king"),
    ("Moreau's", "moreau"),
    ("Moreau’s", "moreau"),
    ("Sanders'", "sanders"),
    ("  ", None),
])
def test_surname_as_the_readme_defines_it(name, expected):
    assert E.surname(name) == expected


def test_name_words_keep_only_identifying_words():
    assert E.name_words("Sen. Al B. Moreau-Smith Jr.") == {"moreau", "smith"}
    assert E.name_words("President Jane Moreau") == {"jane", "moreau"}


def test_aligner_maps_offsets_across_whitespace_and_invisible_characters():
    gold = "Jane  said\n\nthe plan\u200b would fail."
    pred = "Jane said\nthe plan would fail."
    a = E.Aligner(pred, gold)
    s = pred.index("the plan")
    assert a.span(s, s + len("the plan would")) == (gold.index("the plan"), gold.index(" fail"))
    assert E.Aligner("x", "y").span(0, 1) is None


def test_aligner_identical_texts_map_to_themselves():
    a = E.Aligner(TEXT, TEXT)
    assert a.span(5, 11) == (5, 11)
    assert a.span(3, 5) == (3, 4)  # the trailing space is not part of the mapped span


# --- the gold side, with the engine's spaCy model ------------------------------------------------------

@pytest.fixture(scope="module")
def gold_article(nlp):
    art = E.Article("made-up", "dev", TEXT, E.parse_ann(ANN, len(TEXT)))
    (gold,) = E.read_gold(nlp, [art])
    return gold


def test_sources_are_classified(gold_article):
    kinds = [g.kind for g in gold_article.sources]
    assert kinds == ["named", "descriptive", "pronoun", "thing", "epithet", "named"]
    assert gold_article.sources[0].surnames == ("moreau",)
    # 'Aides to Moreau': a PERSON in the Source (gold by the README's rule) and a description of people not named
    assert gold_article.sources[5].descriptive and gold_article.sources[5].surnames == ("moreau",)
    assert gold_article.surnames == {"moreau"}


@pytest.mark.parametrize("sentence, source, kind", [
    ("Officials said the bridge would close.", "Officials", "descriptive"),
    ("Sources familiar with the talks said they failed.", "Sources familiar with the talks", "descriptive"),
    ("An Iowa Republican predicted a loss.", "An Iowa Republican", "descriptive"),
    ("Most of the voters said they were tired.", "Most of the voters", "descriptive"),
    ("The official said the road was closed.", "The official", "descriptive"),
    ("The senator said the road was closed.", "The senator", "epithet"),
    ("Campaign spokesman Dan Ortiz said the road was closed.", "Campaign spokesman Dan Ortiz", "named"),
    ("Another friend, Sarah Miller, said the road was closed.", "Another friend, Sarah Miller,", "named"),
    ("Republican hopefuls Ann Lee and Tom Ray say the road is closed.",
     "Republican hopefuls Ann Lee and Tom Ray", "named"),
    ("They said the road was closed.", "They", "pronoun"),
    ("A report said the road was closed.", "A report", "thing"),
    ("Fifty percent of voters said the road was closed.", "Fifty percent of voters", "thing"),
])
def test_classify_source_on_made_up_sentences(nlp, sentence, source, kind):
    doc = nlp(sentence)
    s = sentence.index(source)
    got = E.classify_source(doc, s, s + len(source), nlp(source))
    assert got.kind == kind
    assert got.descriptive == (kind == "descriptive")


@pytest.mark.parametrize("sentence, source", [
    ("Aides to Paul Vance said the road was closed.", "Aides to Paul Vance"),
    ("Officials who met Paul Vance said the road was closed.", "Officials who met Paul Vance"),
])
def test_a_name_that_only_qualifies_the_people_leaves_them_unnamed(nlp, sentence, source):
    doc = nlp(sentence)
    s = sentence.index(source)
    got = E.classify_source(doc, s, s + len(source), nlp(source))
    assert got.kind == "named" and got.surnames == ("vance",) and got.descriptive


# --- scoring one article -------------------------------------------------------------------------------

def _quote(needle: str, cue: str = "said", start: int = 0) -> dict:
    s, e = _off(needle, start)
    return {"start": s, "end": e, "cue": cue, "kind": "indirect"}


def _pred(cited, unnamed=(), mentioned=()):
    return {"article": {"text": TEXT}, "cited": cited, "mentioned": [{"name": n} for n in mentioned],
            "unnamed_sources": [{"start": s, "end": e, "text": TEXT[s:e]} for s, e in unnamed]}


def test_a_perfect_answer_scores_full_marks(gold_article):
    official = _off("A senior administration official said the talks had stalled.")
    r = E.score_article(gold_article, _pred([{"name": "Jane Moreau", "quotes": [_quote("the plan would fail")]}],
                                            unnamed=[official, _off("Aides to Moreau said she would run.")]))
    c = r.counts
    assert (c["gold_cited"], c["pred_cited"], c["tp"]) == (1, 1, 1)
    assert (c["quotes_scored"], c["quotes_right"], c["descriptive_named"]) == (1, 1, 0)
    assert (c["unnamed_gold"], c["unnamed_pred"], c["unnamed_tp"]) == (2, 2, 2)
    assert r.errors == []


def test_errors_are_counted_and_sorted_by_kind(gold_article):
    pred = _pred([
        # the unnamed official's words given to a named person, and a person the gold does not cite
        {"name": "Paul Vance", "quotes": [_quote("the talks had stalled"), _quote("the plan would fail")]},
    ], unnamed=[_off("A new poll shows voters are tired.")], mentioned=["Jane Moreau"])
    r = E.score_article(gold_article, pred)
    c = r.counts
    assert (c["gold_cited"], c["pred_cited"], c["tp"]) == (1, 1, 0)
    assert (c["quotes_scored"], c["quotes_right"]) == (1, 0)
    assert c["descriptive_named"] == 1
    assert (c["unnamed_tp"], c["unnamed_pred"]) == (0, 1)
    kinds = {(k, sub) for k, sub, _m in r.errors}
    assert ("missed", "listed as mentioned") in kinds
    assert ("spurious", "not in the text") in kinds
    assert ("wrong speaker", "name not in any gold Source of the article") in kinds
    assert ("descriptive given a name", "official") in kinds
    assert ("unnamed spurious", "gold source: thing") in kinds
    assert sum(k == "unnamed missed" for k, _s, _m in r.errors) == 2
    listing = E.error_listing([r])
    assert listing.index("=== missed") < listing.index("=== spurious") < listing.index("=== wrong speaker")
    assert "descriptive given a name: 1" in listing


def test_a_quote_covered_by_no_content_is_not_scored(gold_article):
    r = E.score_article(gold_article, _pred([{"name": "Jane Moreau", "quotes": [_quote("Jane Moreau said")]}]))
    assert r.counts["quotes"] == 1 and r.counts["quotes_uncovered"] == 1 and r.counts["quotes_scored"] == 0


def test_a_nested_speaker_is_not_a_descriptive_source_given_a_name(nlp):
    text = "A source said Moreau had told her staff that she would skip the vote.\n"
    ann = "\n".join([
        "T1\tSource 0 8\tA source", "T2\tCue 9 13\tsaid", f"T3\tContent 14 {len(text) - 2}\tx",
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3"])
    (gold,) = E.read_gold(nlp, [E.Article("nested", "dev", text, E.parse_ann(ann, len(text)))])
    s = text.index("she would")
    pred = {"article": {"text": text}, "cited": [{"name": "Ann Moreau", "quotes": [{"start": s, "end": len(text) - 2}]}],
            "mentioned": [], "unnamed_sources": []}
    c = E.score_article(gold, pred).counts
    assert c["descriptive_named"] == 0 and c["descriptive_nested"] == 1


@pytest.mark.parametrize("gold, pred, expected", [
    ([(0, 10)], [(0, 10)], {0: 0}),
    ([(0, 10)], [(6, 30)], {}),  # 4 of the shorter's 10 characters: not half
    ([(0, 10), (20, 30)], [(0, 25)], {0: 0}),  # one-to-one, largest overlap first
])
def test_sentence_matching(gold, pred, expected):
    assert E.match_sentences(gold, pred) == expected


# --- metrics and floors --------------------------------------------------------------------------------

def test_metrics_from_counts():
    c = dict.fromkeys(E.COUNTERS, 0) | {"tp": 8, "pred_cited": 10, "gold_cited": 16, "quotes_scored": 4,
                                        "quotes_right": 3, "unnamed_tp": 1, "unnamed_pred": 2, "unnamed_gold": 4,
                                        "descriptive_named": 2}
    m = E.metrics(c)
    assert m["cited_precision"] == 0.8 and m["cited_recall"] == 0.5
    assert m["cited_f1"] == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert m["speaker_accuracy"] == 0.75 and m["unnamed_precision"] == 0.5 and m["unnamed_recall"] == 0.25
    assert m["descriptive_named"] == 2
    assert E.metrics(dict.fromkeys(E.COUNTERS, 0))["cited_f1"] is None


def test_floor_check_fails_on_a_drop_a_rise_and_a_missing_score():
    floors = {"floors": {"cited_f1": 0.7, "speaker_accuracy": 0.9}, "ceilings": {"descriptive_named": 1}}
    good = {"cited_f1": 0.75, "speaker_accuracy": 0.95, "descriptive_named": 1}
    assert E.check_floors(good, floors) == []
    worse = copy.deepcopy(good) | {"cited_f1": 0.699, "descriptive_named": 2, "speaker_accuracy": None}
    problems = E.check_floors(worse, floors)
    assert any("cited_f1" in p for p in problems)
    assert any("descriptive_named" in p for p in problems)
    assert any("speaker_accuracy" in p for p in problems)


def test_suggested_floors_sit_just_under_the_scores():
    s = E.suggest_floors({"cited_precision": 0.884, "cited_recall": 0.7031, "cited_f1": None, "speaker_accuracy": 1.0,
                          "unnamed_precision": 0.5, "unnamed_recall": 0.3, "descriptive_named": 3})
    assert s["floors"] == {"cited_precision": 0.87, "cited_recall": 0.69, "speaker_accuracy": 0.99,
                           "unnamed_precision": 0.49, "unnamed_recall": 0.29}
    assert s["ceilings"] == {"descriptive_named": 3}


def test_kinds_table_counts_each_sub_kind_per_split(gold_article):
    r = E.score_article(gold_article, _pred([{"name": "Paul Vance", "quotes": [_quote("the talks had stalled")]}]))
    table = E.kinds_table([r])
    assert "| kind | sub-kind | dev |" in table
    assert "| descriptive given a name | official | 1 |" in table
    assert "| missed | not listed | 1 |" in table
    # aggregates only: no sentence of the article
    assert "stalled" not in table


def test_a_second_name_in_a_found_speakers_source_is_its_own_kind_of_miss(nlp):
    text = "Jane Moreau, an adviser to Paul Vance, said the plan would fail.\n"
    ann = "\n".join([f"T1\tSource 0 {text.index(',', 20)}\tx", f"T2\tCue {text.index('said')} {text.index('said') + 4}\tsaid",
                     f"T3\tContent {text.index('the plan')} {len(text) - 2}\tx", "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3"])
    (gold,) = E.read_gold(nlp, [E.Article("second", "dev", text, E.parse_ann(ann, len(text)))])
    assert gold.surnames == {"moreau", "vance"}
    s = text.index("the plan")
    pred = {"article": {"text": text}, "cited": [{"name": "Jane Moreau", "quotes": [{"start": s, "end": len(text) - 2}]}],
            "mentioned": [{"name": "Paul Vance"}], "unnamed_sources": []}
    r = E.score_article(gold, pred)
    assert r.counts["tp"] == 1 and r.counts["quotes_right"] == 1
    assert [sub for kind, sub, _m in r.errors if kind == "missed"] == [
        "second name in a Source whose speaker was found ('X, an adviser to Y')"]


class _Tok:
    """A parse token as spaCy gives it: each ``head`` access makes a new object (so ``t.head is t`` is never
    true, even at the root); ``heads`` are the head indexes; the walk is stopped after 100 steps."""

    def __init__(self, i: int, heads: dict[int, int], deps: dict[int, str], steps: list[int]) -> None:
        self.i, self.dep_, self._heads, self._deps, self._steps = i, deps[i], heads, deps, steps

    @property
    def head(self) -> _Tok:
        self._steps.append(self.i)
        if len(self._steps) > 100:
            raise RuntimeError("the walk up the tree does not end")
        return _Tok(self._heads[self.i], self._heads, self._deps, self._steps)


def test_names_head_ends_at_the_root_when_the_head_is_not_above_the_name():
    # a name that is a compound of the sentence's root, asked about a head elsewhere in the sentence (a Source
    # span whose root is not an ancestor of the name): the walk used to loop on the root for ever, which hung
    # the train split at one article
    heads, deps = {0: 1, 1: 1, 2: 1}, {0: "compound", 1: "ROOT", 2: "dobj"}
    steps: list[int] = []
    assert E._names_head(_Tok(0, heads, deps, steps), _Tok(2, heads, deps, [])) is False
    assert E._names_head(_Tok(0, heads, deps, []), _Tok(1, heads, deps, [])) is True


def test_span_root_of_a_span_holding_the_sentences_root(nlp):
    # (the root is its own head: the span's root is the root, not the span's first word)
    doc = nlp("The officials said the road was closed.")
    assert E._span_root(doc, 0, len("The officials said")).text == "said"
    assert E._span_root(doc, 0, len("The officials")).text == "officials"
