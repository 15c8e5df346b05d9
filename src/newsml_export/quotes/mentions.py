"""Names in running text: who is mentioned where, and who the text introduces.

``discover`` adds the people a text introduces ("Russian opposition politician Vladimir Milov",
"Dmitry Sokolov, who leads ...", "Tregarthen's daughter Nessa, 24,") to a :class:`NameIndex`,
with the words that describe them, unless a supplied person already has that name.
``mentions`` lists every resolved name with its position, which pronoun and description
rules use to find the most recent person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import FUNCTION_WORDS, NATIONALITIES, ORG_WORDS, PLACE_WORDS, SPEECH_VERBS, TITLES
from .marks import QUOTE_CHARS
from .names import NameIndex, strip_titles

__all__ = ["Mention", "discover", "mentions", "slug"]

_CAP = r"[A-ZÀ-ÖØ-Þ](?:[\w’'-]+|\.)"  # a capitalised word or an initial ("John F. Kennedy")
_RUN = re.compile(rf"(?<![\w’'-]){_CAP}(?:\s+(?:(?:von|van|der|de|du|da|di|le|la|bin|al|ibn)\s+)*{_CAP})*")
_POSS = re.compile(r"[’']s?$")
_AGE_AFTER = re.compile(r"^,\s*\d{1,3},")
_CUE_BEFORE = re.compile(r"(?:\b(?:named|called|daughter|son|wife|husband|mother|father|brother|sister|"
                         r"captain|coach|colleague|partner|deputy|ally|friend|trader|resident)\s*)$", re.I)
_NOT_NAMES = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow asked outside inside
    while when after before since although though however meanwhile instead still yet also even
    only here there this that these those then now so but and or if as at in on by for from with
    nobody everyone everybody someone somebody people many some not thank god
""".split())


@dataclass(frozen=True, slots=True)
class Mention:
    block: int
    start: int
    end: int
    entity_id: str
    possessive: bool


def _name_tokens(run: str) -> tuple[list[str], list[str]]:
    """A capitalised run split into leading description tokens and the name itself."""
    tokens = run.split()
    lead: list[str] = []
    while tokens:
        word = _POSS.sub("", tokens[0]).casefold().rstrip(".")
        if word in TITLES or word in NATIONALITIES or word in FUNCTION_WORDS or word in _NOT_NAMES:
            lead.append(tokens.pop(0))
        else:
            break
    return lead, tokens


def _looks_like_org_or_place(tokens: list[str]) -> bool:
    return any(_POSS.sub("", t).casefold().rstrip(".") in ORG_WORDS | PLACE_WORDS for t in tokens) or any(
        len(t) > 1 and t.isupper() for t in tokens
    )


def slug(name: str) -> str:
    """An id for a person found in the text: ``Bürgermeister Klaus Rehberg`` → ``klaus-rehberg``."""
    ascii_name = unicodedata.normalize("NFKD", strip_titles(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")
    return text if text and (text[0].isalpha() or text[0] == "_") else f"p-{text or 'person'}"


def discover(index: NameIndex, blocks: list[str]) -> None:
    """Add the people ``blocks`` introduce; describe known ones with the words around them."""
    for text in blocks:
        for match in _RUN.finditer(text):
            lead, tokens = _name_tokens(match.group())
            if not tokens or _looks_like_org_or_place(tokens):
                continue
            name = _POSS.sub("", " ".join(tokens))
            before = text[: match.start()]
            after = text[match.end():]
            if before[-1:] in QUOTE_CHARS and after[:1] in QUOTE_CHARS:
                continue  # a title in quotation marks ("Enough Is Enough"), not a person
            found = index.resolve(name)
            strong_single = bool(_AGE_AFTER.match(after) or _CUE_BEFORE.search(before))
            if not found and (len(tokens) >= 2 or strong_single) and not match.group().endswith(("’s", "'s")):
                entity_id = slug(name)
                while entity_id in index.entries and index.entries[entity_id].name != name:
                    entity_id += "-2"
                index.add(entity_id, name)
                found = index.resolve(name)
            if len(found) == 1:
                index.describe(found[0].entity_id, _descriptors(lead, before, after))


def _descriptors(lead: list[str], before: str, after: str) -> list[str]:
    words = [w.rstrip(".") for w in lead if w.casefold() not in FUNCTION_WORDS]
    # "Russian opposition politician Vladimir Milov": walk back over the description.
    for word in reversed(re.findall(r"[\w’'-]+|[^\w\s]", before)[-5:]):
        low = word.casefold()
        if not word[0].isalnum() or low in FUNCTION_WORDS or low in SPEECH_VERBS:
            break
        words.append(_POSS.sub("", word))
    # "Petra Lindqvist, the Stockholm-based economist," / "Hugh Penrose, regional director"
    appositive = re.match(r"^,\s*(?:the|a|an|der|die|le|la)?\s*([^,.;:]{2,60}?)\s*[,.;]", after)
    if appositive and not re.match(r"\d|who\b|which\b|has\b|had\b|is\b|was\b", appositive.group(1)):
        words.extend(re.findall(r"[\w’'-]+", appositive.group(1)))
    return [w for w in words if w.casefold() not in FUNCTION_WORDS]


def mentions(index: NameIndex, block: int, text: str) -> Iterator[Mention]:
    """Every name in ``text`` that resolves to exactly one known entity."""
    for match in _RUN.finditer(text):
        _, tokens = _name_tokens(match.group())
        if not tokens:
            continue
        found = index.resolve(" ".join(tokens))
        if len(found) == 1:
            yield Mention(block, match.start(), match.end(), found[0].entity_id, bool(_POSS.search(match.group())))
