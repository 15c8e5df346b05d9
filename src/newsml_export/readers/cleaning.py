"""Page furniture and credit lines out of scraped text, by the named rules of :mod:`.rules`.

Removal is conservative. Furniture is looked for in two places only:

* the **tail**: the shortest run of trailing segments that is furniture from start to end:
  every segment matches a rule, or is the content of a furniture section opened before it
  (a comment under its author line, a post title under "Related Posts"). One body paragraph
  that no rule explains stops the run, so "Leave a Reply" as a sub-heading followed by prose
  stays, and so does any paragraph that merely talks about comments.
* the **head**: a few segments right after the headline (reading time, "Follow", a date line,
  a byline), before the body starts.

Credit lines found there are moved, not deleted; everything is recorded as a
:class:`~.changes.IngestChange` naming its rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .changes import IngestChange
from .rules import AGENCIES, RULES, Kind, Rule, Section
from .text import Segment

__all__ = ["Credit", "Cleaned", "clean_head", "clean_tail", "is_own_line", "match"]

_MATCH_LIMIT = 300  # characters; no rule matches a longer segment, and prose is often longer
_TAIL_KINDS: frozenset[Kind] = frozenset({"section", "line", "credit"})
_HEAD_KINDS: frozenset[Kind] = frozenset({"head", "credit"})
_HEAD_WINDOW = 12
_PROSE_WORDS = 15
_NAME_CONNECTORS = {"and", "und", "et", "y", "van", "von", "der", "de", "da", "del", "la", "le", "du", "di", "dos", "den", "ter", "bin"}


@dataclass(frozen=True, slots=True)
class Credit:
    """What a credit line (or an agency dateline) said."""

    rule: str
    text: str
    name: str
    line: int
    url: str | None = None
    year: str | None = None

    @property
    def copyright(self) -> bool:
        return self.rule == "credit/copyright"

    @property
    def wire(self) -> bool:
        return self.name.casefold() in AGENCIES


@dataclass(slots=True)
class Cleaned:
    segments: list[Segment]
    changes: list[IngestChange]
    credits: list[Credit]


def match(text: str, kinds: frozenset[Kind], section: Section | None = None) -> tuple[Rule, re.Match[str]] | None:
    """The first rule of ``kinds`` (plus items allowed in ``section``) matching all of ``text``."""
    if len(text) > _MATCH_LIMIT:
        return None
    for rule in RULES:
        if rule.kind in kinds or (rule.kind == "item" and section in rule.within):
            found = rule.match(text)
            if found and _plausible(rule, found):
                return rule, found
    return None


def _plausible(rule: Rule, found: re.Match[str]) -> bool:
    if rule.kind == "credit":
        # "Source: a government official who asked not to be named" is a sentence, not a credit.
        return len(found["name"].split()) <= 6
    if rule.name == "head/byline":
        # "By Jane Doe, Berlin correspondent", not "By Monday, Russia had massed troops."
        text = found.group(0).strip()
        name, _, role = text.partition(",")
        words = [w for w in name.split()[1:] if w.casefold() not in _NAME_CONNECTORS]
        return (bool(words) and len(words) <= 6 and all(w[:1].isupper() for w in words)
                and len(role.split()) <= 6 and not text.endswith("."))
    return True


_ANY_KIND: frozenset[Kind] = frozenset({"section", "line", "item", "head", "credit"})


def is_own_line(text: str) -> bool:
    """Whether a line stands alone even inside a block of lines (see ``text.segment``): a
    wrapped line of prose never is a whole "Reply", "Facebook" or "Name *"."""
    if len(text) > _MATCH_LIMIT:
        return False
    return any(rule.match(text) for rule in RULES if rule.kind in _ANY_KIND)


def _credit(rule: Rule, found: re.Match[str], segment: Segment) -> Credit:
    groups = found.groupdict()
    return Credit(rule.name, segment.text, groups["name"].strip(), segment.line, groups.get("url"), groups.get("year"))


# -- tail -------------------------------------------------------------------------------------


def clean_tail(segments: Sequence[Segment]) -> Cleaned:
    """Remove the trailing furniture of ``segments`` (the body, headline already taken off)."""
    start = 0
    while start < len(segments):
        if match(segments[start].text, _TAIL_KINDS) is None:
            start += 1
            continue
        walked, resume = _walk(segments, start)
        if walked is not None:
            changes, credits = _record_tail(walked)
            return Cleaned(list(segments[:start]), changes, credits)
        start = resume
    return Cleaned(list(segments), [], [])


Step = tuple[Segment, Rule, "re.Match[str] | None", str | None]


def _walk(segments: Sequence[Segment], start: int) -> tuple[list[Step] | None, int]:
    """Each segment from ``start`` on with the rule that explains it; or None and where the
    next walk can start. A walk that failed at segment j also fails from any start up to the
    last section opened before j (the same section is open at j), so those are skipped."""
    opened: Rule | None = None
    opened_at: int | None = None
    in_comment = False  # after a comment's author or date line: its text follows
    unconfirmed = False  # prose admitted into a section, not yet followed by matched furniture
    steps: list[Step] = []
    for index in range(start, len(segments)):
        segment = segments[index]
        section = opened.opens if opened else None
        hit = match(segment.text, _TAIL_KINDS, section)
        if hit is not None:
            rule, found = hit
            if rule.kind == "section":
                opened, opened_at, in_comment = rule, index, False
            elif rule.name in ("comments/author", "comments/date"):
                in_comment = True
            unconfirmed = False
            steps.append((segment, rule, found, None))
        elif opened is not None and opened.opens is not None and _admits(opened.opens, segment.text, in_comment):
            unconfirmed = unconfirmed or (opened.opens in ("comments", "profile") and len(segment.text.split()) > 4)
            steps.append((segment, opened, None, f"content of the {opened.opens} section"))
        else:
            return None, (opened_at + 1 if opened_at is not None else index + 1)
    if unconfirmed:
        # A comment, a bio or a blurb is page furniture only with more furniture after it;
        # as the last thing in the text it is more likely the article's own last paragraph.
        return None, (opened_at + 1 if opened_at is not None else len(segments))
    return steps, len(segments)


_NEWSLETTER_WORDS = re.compile(
    r"newsletter|e-?mail|inbox|subscri|sign up|privacy|spam|abonn|anmeld|postfach|datenschutz|courriel|inscri|désinscri"
    r"|boletín|suscri|correo|bandeja|privacidad",
    re.IGNORECASE,
)


def _admits(section: Section, text: str, in_comment: bool) -> bool:
    """Whether an unmatched segment can be part of a furniture section of this kind."""
    words = len(text.split())
    if section == "comments":
        # A commenter's name alone, or any text once a comment's author/date line was seen.
        return in_comment or (words <= 4 and not text.endswith((".", "!", "?", ":")))
    if section == "links":
        return words <= 20 and (words <= 10 or not text.endswith("."))  # post titles
    if section == "newsletter":
        return words <= 30 and (words <= 3 or _NEWSLETTER_WORDS.search(text) is not None)
    if section == "profile":
        return words <= 60
    return False  # share buttons are only what share/site names


def _record_tail(steps: list[Step]) -> tuple[list[IngestChange], list[Credit]]:
    changes: list[IngestChange] = []
    credits: list[Credit] = []
    furniture_seen = False
    for segment, rule, found, note in steps:
        if rule.kind == "credit" and found is not None:
            if rule.name == "credit/copyright" and furniture_seen:
                changes.append(IngestChange(rule.name, "removed", segment.text, segment.line, note="the site's copyright footer, not the article's credit"))
                continue
            credit = _credit(rule, found, segment)
            credits.append(credit)
            changes.append(IngestChange(rule.name, "moved", segment.text, segment.line, _credit_field(credit)))
            continue
        furniture_seen = True
        changes.append(IngestChange(rule.name, "removed", segment.text, segment.line, note=note))
    return changes, credits


def _credit_field(credit: Credit) -> str:
    return "rights.copyright_notice" if credit.copyright else "source, credit_line"


# -- head -------------------------------------------------------------------------------------


def clean_head(segments: Sequence[Segment]) -> Cleaned:
    """Remove head furniture from the first segments after the headline."""
    kept: list[Segment] = []
    changes: list[IngestChange] = []
    credits: list[Credit] = []
    unmatched = 0
    for index, segment in enumerate(segments):
        if index >= _HEAD_WINDOW or unmatched > 2 or len(segment.text.split()) > 60:
            kept.extend(segments[index:])
            break
        hit = match(segment.text, _HEAD_KINDS)
        if hit is None:
            if unmatched and len(segment.text.split()) >= _PROSE_WORDS:
                kept.extend(segments[index:])  # a paragraph after the lede: the body has begun
                break
            unmatched += 1
            kept.append(segment)
            continue
        rule, found = hit
        if rule.kind == "credit":
            if unmatched > 1:  # past the lede: a "Source: Insee" under a table belongs to the body
                unmatched += 1
                kept.append(segment)
                continue
            credit = _credit(rule, found, segment)
            credits.append(credit)
            changes.append(IngestChange(rule.name, "moved", segment.text, segment.line, _credit_field(credit)))
            continue
        if rule.name == "head/buttons" and found.group(0).strip().casefold() in ("follow", "folgen", "suivre", "seguir") and kept:
            # Medium prints the author's name, then "Follow": the name is the byline.
            previous = kept[-1]
            if len(previous.text.split()) <= 4 and not previous.text.endswith((".", "!", "?", ":")):
                kept.pop()
                unmatched -= 1
                changes.append(IngestChange("head/byline", "removed", previous.text, previous.line, note="the author's name before 'Follow'"))
        changes.append(IngestChange(rule.name, "removed", segment.text, segment.line))
    return Cleaned(kept, changes, credits)
