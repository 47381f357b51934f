"""Pay at start-up what the first analysis would otherwise pay (issue 27, fast start).

Found with cProfile on the first analysis after the Engine is built (a fresh process, the seed page),
against the second: tldextract builds its public-suffix trie on first use (two instances, ~0.2 s
each: the outlet stage's and the knowledge base's), htmldate loads dateparser and its locale data the
first time a date needs it (~0.9 s, and ~0.25 s more for the month names of every locale), and spaCy
fills its vocabulary and lemmatizer caches. The sidecar's analysis process runs this behind its
"starting" state; ``backstory check`` does not (one analysis pays each cost once either way).
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

URL = "https://www.example.com/2024/03/05/council-votes-on-budget"
# An article of our own words with what the stages look for: a byline, a date, a quote with a named
# speaker and a role, reported speech, an unnamed source, an organisation, a republication line.
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council votes on the budget - Example News</title>
<meta property="og:site_name" content="Example News"><meta property="og:type" content="article">
<meta name="author" content="Jane Doe"></head>
<body><article><h1>Council votes on the budget</h1>
<p class="byline">By Jane Doe</p><p><time datetime="2024-03-05">Published le 5 mars 2024, updated March 6th</time></p>
<p>The city council approved the budget on Tuesday after a long debate, officials said.</p>
<p>"We have waited for this vote for two years," said Maria Garcia, the deputy mayor of Springfield.
"It is overdue," she added.</p>
<p>Tom Rowe, a council member, said that the plan would cut waste at the Springfield Water Authority.</p>
<p>Some experts believe the new tax will hurt small shops, according to people familiar with the matter.</p>
<p>Dr. Ann Lee, an economist at the Institute for Fiscal Studies, told reporters the figures looked sound.</p>
<p>This article was originally published on Example Wire.</p>
</article></body></html>"""


def date_parser() -> None:
    """htmldate's own dateparser instance, its first parse and its month names (all lazy otherwise)."""
    try:
        from htmldate import extractors
    except ImportError:
        return
    for name, call in (("get_external_parser", lambda f: f().get_date_data("le 5 mars 2024")), ("month_words", lambda f: f())):
        func = getattr(extractors, name, None)  # (private helpers of htmldate: absent in other versions)
        if func is None:
            continue
        try:
            call(func)
        except Exception:  # noqa: BLE001 - warming is an optimisation; the first page would simply pay
            log.debug("warming htmldate's %s failed", name, exc_info=True)


def run(engine: Any) -> None:
    """Everything above, then one whole analysis of :data:`PAGE` (its answer is thrown away, never cached).
    A warm-up that fails or overruns the time budget is logged, never an error: the first page pays the rest."""
    from .errors import BackstoryError

    date_parser()
    try:
        engine.analyze(URL, PAGE, use_cache=False)
    except BackstoryError as exc:
        log.warning("the warm-up analysis stopped early (%s); the first page will load the rest", exc.message)
