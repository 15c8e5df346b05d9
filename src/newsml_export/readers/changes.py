"""The ingest report: every change ingestion made to the scraped text, as data.

This is a *processing* report, not a validation result, so it is its own type rather than a
:class:`~newsml_export.validation.report.Report`: a removed comment form is not a problem with
the article (a ``Report`` of them would never be "ok" or always be), and a change needs what an
``Issue`` does not have: the action taken, the text concerned and the field it went to.
Nothing in it reaches the JSON-LD or NewsML-G2 outputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

__all__ = ["Action", "IngestChange", "IngestReport"]

Action = Literal["removed", "moved", "classified", "normalised", "defaulted", "overridden"]
"""``removed``: page furniture deleted. ``moved``: text taken out of the body into a field
(``field``). ``classified``: a segment given a structural role other than paragraph (a
sub-heading, a block quotation), text unchanged. ``normalised``: encoding and whitespace hygiene (counts in ``text``). ``defaulted``: a required
field ingestion had to make up (id, language). ``overridden``: the sidecar's value won over a
different inferred one (inferred in ``text``, the sidecar's in ``note``)."""


@dataclass(frozen=True, slots=True)
class IngestChange:
    rule: str
    action: Action
    text: str
    line: int | None = None
    """1-based line of the decoded input the text starts on."""
    field: str | None = None
    """The article field the text went to or concerns."""
    note: str | None = None

    def render(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        target = f" -> {self.field}" if self.field else ""
        note = f" ({self.note})" if self.note else ""
        return f"{where}{self.action}{target} [{self.rule}]: {_short(self.text)}{note}"


@dataclass(slots=True)
class IngestReport:
    """The changes, in the order of the input (then in the order they were made)."""

    source: str
    changes: list[IngestChange] = field(default_factory=list)

    def add(self, change: IngestChange) -> None:
        self.changes.append(change)

    def by_action(self, action: Action) -> list[IngestChange]:
        return [c for c in self if c.action == action]

    @property
    def removed(self) -> list[IngestChange]:
        return self.by_action("removed")

    @property
    def moved(self) -> list[IngestChange]:
        return self.by_action("moved")

    def sorted(self) -> list[IngestChange]:
        order = {id(c): i for i, c in enumerate(self.changes)}
        return sorted(self.changes, key=lambda c: (c.line is not None, c.line or 0, order[id(c)]))

    def __iter__(self) -> Iterator[IngestChange]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.changes)

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "changes": [{k: v for k, v in asdict(c).items() if v is not None} for c in self]}

    def render_text(self) -> str:
        return "\n".join(f"{self.source}: {c.render()}" for c in self)


def _short(text: str, limit: int = 100) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
