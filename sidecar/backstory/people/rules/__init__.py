"""The attribution rules, one module per family, and the order in which the stage runs them.

Families (a rule's id starts with its family's name):

- ``layout``: what the page's layout attributes (interview answers, embedded posts, introduced statements);
- ``direct``: a quotation and the words that attribute it (a verb of saying, a signature, 'in X's words');
- ``runs``: a quotation with no attribution of its own that carries on the previous speaker's words;
- ``reported``: reported speech, a clause or object of a verb of saying, passive agents;
- ``according``: 'according to X', '…, per X', 'in X's view';
- ``documents``: what a named person's work, statement or citation says;
- ``beliefs``: beliefs held rather than said ('X is convinced that …', 'X is of the view that …');
- ``unnamed``: claims left to no one or to people not named, and stances of such groups.

The roles a quote's speaker gets come from ``backstory.people.roles`` (ids ``role.*``).

Why passes, in this order: a rule may use what an earlier pass recorded. Named speakers are found before
pronouns so that 'he said' can find them; the quotation runs carry on what the direct quotes found; and
the registry admits a speaker by role when a rule first asks about them (``names/registry.py``). The order
is therefore behaviour: it is declared here, and changing it is a rule change to measure.

Why the cues are read in Python and not with spaCy's ``DependencyMatcher``: two of the purely structural
cues written as DependencyMatcher patterns ('of the view that', 'in X's view') took 4.1 ms per page on the
gold set's tuning pages, where the stage's rules take 12.5 ms per page in all (median); the patterns would
have made the stage slower than it was. The structural part of each cue is kept in one named helper of
``syntax.py`` (``held_view``, ``clause``, ``subject`` …) and each rule's lexical conditions in the lexicon;
a rule that the walk over the words can act on declares which lemmas, words or tags it needs
(``reported.TOKEN_RULES``), so the walk skips every other word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..attribution import Attribution
from ..declare import RULES, Rule
from . import according, beliefs, direct, documents, layout, reported, runs, unnamed


@dataclass(frozen=True)
class Pass:
    """One pass over the article: a name for budgets and readers, and what it runs."""

    name: str
    run: Callable[[Attribution], None]


PASSES: tuple[Pass, ...] = (
    Pass("interview answers", layout.interview_answers),
    Pass("embedded posts", layout.embedded_posts),
    Pass("passive agents", reported.passive_agents),
    Pass("views and citations", documents.views_and_citations),
    Pass("introduced statements", layout.introduced_statements),
    Pass("direct quotes, named speakers", partial(direct.direct_quotes, pronouns=False)),
    Pass("reported speech, named speakers", partial(reported.walk, pronouns=False)),
    Pass("direct quotes, pronouns and epithets", partial(direct.direct_quotes, pronouns=True)),
    Pass("reported speech, pronouns and epithets", partial(reported.walk, pronouns=True)),
    # (a 'he said' whose referent the reported-speech pass only found afterwards: 'Sometimes …, he said.' in the
    # paragraph before '“…," he said, "…”')
    Pass("direct quotes still unattributed", partial(direct.direct_quotes, pronouns=True, again=True)),
    Pass("continued quotations", runs.continued_quotes),
    Pass("following quotations", runs.following_quotes),
    Pass("announced quotations", direct.announced_quotes),
    Pass("stances of people not named", unnamed.stances),
)

FAMILIES = ("layout", "direct", "runs", "reported", "according", "documents", "beliefs", "unnamed", "role")

__all__ = ["FAMILIES", "PASSES", "RULES", "Pass", "Rule", "according", "beliefs", "direct", "documents", "layout",
           "reported", "runs", "unnamed"]
