"""Validation results as data: an :class:`Issue` per finding, collected in a :class:`Report`.

Validators and readers yield issues with a code, a message and a location (a JSON pointer, a
dotted field path or an XPath, plus a line when the input has lines); rendering to text or JSON
happens once, here, at the edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Issue:
    severity: Severity
    code: str
    message: str
    location: str = ""
    line: int | None = None
    source: str | None = None
    validator: str | None = None

    def render(self, *, code: bool = True) -> str:
        """``file:line: location: message [validator/code]``, leaving out what is unknown."""
        where = ":".join(str(part) for part in (self.source, self.line) if part is not None)
        parts = [p for p in (where, self.location) if p]
        tag = f"{self.validator}/{self.code}" if self.validator else self.code
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        suffix = f" [{tag}]" if code else ""
        return ": ".join(parts + [f"{prefix}{self.message}{suffix}"])


@dataclass(slots=True)
class Report:
    """Every issue found, in a stable order (source, line, location, code), whatever the
    order validators ran in."""

    issues: list[Issue] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    """Names of the checks that ran, e.g. ``profile-xsd``; what did not run is an ``info`` issue."""

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def merge(self, other: Report) -> None:
        self.issues.extend(other.issues)
        self.checked.extend(c for c in other.checked if c not in self.checked)

    def with_source(self, source: str) -> Report:
        return Report([replace(i, source=i.source or source) for i in self.issues], list(self.checked))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.sorted() if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.sorted() if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def sorted(self) -> list[Issue]:
        return sorted(
            self.issues,
            key=lambda i: (i.source or "", i.line or 0, i.location, _SEVERITY_ORDER[i.severity], i.code, i.message),
        )

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.issues)

    def to_dict(self) -> dict[str, object]:
        return {
            "valid": self.ok,
            "checked": list(self.checked),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [asdict(i) for i in self.sorted()],
        }

    def render_text(self, *, collapse: int | None = None) -> str:
        """One line per issue. With ``collapse=N``, a warning or note repeated more than N times
        (same code and message, e.g. a pending term on every node) is shown N times and then
        counted; errors are always shown one by one."""
        lines: list[str] = []
        seen: dict[tuple[str, str, str], int] = {}
        for issue in self.sorted():
            key = (issue.severity, issue.code, issue.message)
            seen[key] = seen.get(key, 0) + 1
            if collapse is None or issue.severity == "error" or seen[key] <= collapse:
                lines.append(issue.render())
        if collapse is not None:
            for (severity, code, message), count in seen.items():
                if severity != "error" and count > collapse:
                    lines.append(f"{severity}: ... {count - collapse} more like '{message}' [{code}]")
        return "\n".join(lines)
