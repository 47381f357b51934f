"""What the rules work with on one article: the read-only context, the registry of names, the ledger of
who said what, and the speaker resolution over both."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .context import Context
from .ledger import Ledger
from .names import Registry
from .speakers import Speakers


@dataclass
class Attribution:
    """The state of one article's attribution; rules are functions of it."""

    ctx: Context
    reg: Registry
    ledger: Ledger
    speakers: Speakers

    @classmethod
    def start(cls, doc: Doc, registry: Registry, paragraphs: list[tuple[int, int]]) -> Attribution:
        ctx = Context(doc, paragraphs)
        ledger = Ledger(ctx, registry)
        return cls(ctx, registry, ledger, Speakers(ctx, registry, ledger))
