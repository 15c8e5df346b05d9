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
from functools import lru_cache

from .lexicon import FUNCTION_WORDS, NATIONALITIES, ORG_WORDS, PLACE_WORDS, TITLES
from .marks import QUOTE_CHARS
from .names import NameIndex, strip_titles
from .verbs import SPEECH_VERBS

__all__ = ["Mention", "Run", "discover", "find_runs", "mentions", "slug"]

_CAP = r"[A-ZÀ-ÖØ-Þ](?:[\w’'-]+|\.)"  # a capitalised word or an initial ("John F. Kennedy")
# ``(?<!\w.)`` after the first capital is ``\b`` before it, written so that the scan can jump
# from capital to capital instead of trying every position.
_RUN = re.compile(rf"[A-ZÀ-ÖØ-Þ](?<!\w.)(?:[\w’'-]+|\.)(?:\s+(?:(?:von|van|der|de|du|da|di|le|la|bin|al|ibn)\s+)*{_CAP})*")
_POSS = re.compile(r"[’']s?$")
_AGE_AFTER = re.compile(r"^,\s*\d{1,3},")
_CUE_WORDS = ("named called daughter son wife husband mother father brother sister captain coach colleague "
              "partner deputy ally friend trader resident").split()
_CUE_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(_CUE_WORDS)})\s*)$", re.I)
# The cue is the last word of ``before``: searching from just before it finds the same match
# (``\b`` still sees the character before the start position) without trying every position.
_CUE_LONGEST = max(map(len, _CUE_WORDS)) + 1
# "Ashworth's son, Daniel," / "her lawyer, Ines," / "le fils, Marc,": a single name set off by
# commas right after a noun for a person that a possessive or article introduces.
_APPOSITION_BEFORE = re.compile(r"(?:[’']s|\b(?:his|her|their|our|my|the|a|an|its|sein|seine|ihr|ihre|der|die|"
                                r"son|sa|le|la))\s+(?:[\w-]+\s+)?(?P<noun>[\w-]+),\s*$", re.I)
_KIN = frozenset("""
    son daughter wife husband mother father brother sister child grandson granddaughter
    grandmother grandfather uncle aunt nephew niece cousin partner friend colleague boss
    widow widower fiancé fiancée girlfriend boyfriend neighbour neighbor spouse
    sohn tochter frau mann mutter vater bruder schwester
    fils fille femme mari mère père frère sœur ami amie
""".split())
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "eur", "euse", "ienne", "erin")
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


@lru_cache(maxsize=4096)
def _split_run(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    lead, tokens = _name_tokens(run)
    return tuple(lead), tuple(tokens)


def _name_tokens(run: str) -> tuple[list[str], list[str]]:
    """A capitalised run split into leading description tokens and the name itself."""
    tokens = run.split()
    lead: list[str] = []
    while tokens:
        word = _POSS.sub("", tokens[0]).casefold().rstrip(".")
        if word in TITLES or word in NATIONALITIES or word in FUNCTION_WORDS or word in _NOT_NAMES or (
            len(tokens) >= 3 and len(word) > 5 and word.endswith(_ROLE_SUFFIXES)
        ):
            # "Negotiator Ruth Abara", "Harbourmaster Idris Kahn": a role noun before a full name
            lead.append(tokens.pop(0))
        else:
            break
    return lead, tokens


_ROLE_SUFFIXES = ("ator", "ist", "ian", "ant", "ent", "master", "man", "woman", "person", "eur", "euse",
                  "erin", "tor", "eer", "ier", "grapher", "keeper", "maker", "worker", "owner", "leader",
                  "manager", "officer", "dent", "er")


_NOT_PERSON_WORDS = ORG_WORDS | PLACE_WORDS


def _unpossessive(word: str) -> str:
    """``word`` without a final ’s, 's, ’ or ' (what ``_POSS.sub`` removes, without a regex)."""
    if word.endswith(("’s", "'s")):
        return word[:-2]
    return word[:-1] if word.endswith(("’", "'")) else word


def _looks_like_org_or_place(tokens: tuple[str, ...]) -> bool:
    return any(_unpossessive(t).casefold().rstrip(".") in _NOT_PERSON_WORDS for t in tokens) or any(
        len(t) > 1 and t.isupper() for t in tokens
    )


def slug(name: str) -> str:
    """An id for a person found in the text: ``Bürgermeister Klaus Rehberg`` → ``klaus-rehberg``."""
    ascii_name = unicodedata.normalize("NFKD", strip_titles(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")
    return text if text and (text[0].isalpha() or text[0] == "_") else f"p-{text or 'person'}"


Run = tuple[int, int, str]


def find_runs(text: str) -> list[Run]:
    """Runs of capitalised words (start, end, text): where names can be."""
    return [(m.start(), m.end(), m.group()) for m in _RUN.finditer(text)]


def discover(index: NameIndex, blocks: list[str], runs: list[list[Run]] | None = None) -> None:
    """Add the people ``blocks`` introduce; describe known ones with the words around them.
    ``runs`` are the blocks' :func:`find_runs`, when already known."""
    org_or_place: dict[tuple[str, ...], bool] = {}  # runs come back ("Milov", "Putin")
    for b, text in enumerate(blocks):
        for start, end, run in runs[b] if runs is not None else find_runs(text):
            lead, tokens = _split_run(run)
            if not tokens:
                continue
            skip = org_or_place.get(tokens)
            if skip is None:
                skip = org_or_place[tokens] = _looks_like_org_or_place(tokens)
            if skip:
                continue
            name = _unpossessive(" ".join(tokens))
            before = text[max(0, start - 60): start]
            after = text[end: end + 80]
            if before[-1:] in QUOTE_CHARS and after[:1] in QUOTE_CHARS:
                continue  # a title in quotation marks ("Enough Is Enough"), not a person
            if not lead and before.endswith(("the ", "The ")):
                continue  # "the Rhône Glacier", "the Bramley Arms": English names of people take no article
            found = index.resolve(name)
            if not found and not run.endswith(("’s", "'s")) and (
                # cheapest test first: the cue regex must try every position of ``before``
                len(tokens) >= 2 or _AGE_AFTER.match(after) or _introduced_by_apposition(before, after)
                or _CUE_BEFORE.search(before, max(0, len(before.rstrip()) - _CUE_LONGEST))
            ):
                entity_id = index.new_id(slug(name))
                index.add(entity_id, name)
                found = index.resolve(name)
            if len(found) == 1:
                index.describe(found[0].entity_id, _descriptors(lead, before, after))


def _introduced_by_apposition(before: str, after: str) -> bool:
    if not after.startswith(",") or not before.rstrip().endswith(","):
        return False
    match = _APPOSITION_BEFORE.search(before)
    if match is None:
        return False
    noun = match.group("noun").casefold()
    return noun in _KIN or noun in TITLES or (len(noun) > 4 and noun.endswith(_PERSON_SUFFIXES))


_WORD = re.compile(r"[\w’'-]+")
_WORD_OR_MARK = re.compile(r"[\w’'-]+|[^\w\s]")
_APPOSITIVE = re.compile(r"^,\s*(?:the|a|an|der|die|le|la)?\s*([^,.;:]{2,60}?)\s*[,.;]")
_NOT_APPOSITIVE = re.compile(r"\d|who\b|which\b|has\b|had\b|is\b|was\b")


def _descriptors(lead: tuple[str, ...], before: str, after: str) -> list[str]:
    words = [w.rstrip(".") for w in lead if w.casefold() not in FUNCTION_WORDS]
    # "Russian opposition politician Vladimir Milov": walk back over the description.
    for word in reversed(_WORD_OR_MARK.findall(before)[-5:]):
        low = word.casefold()
        if not word[0].isalnum() or low in FUNCTION_WORDS or low in SPEECH_VERBS:
            break
        words.append(_POSS.sub("", word))
    # "Petra Lindqvist, the Stockholm-based economist," / "Hugh Penrose, regional director"
    appositive = _APPOSITIVE.match(after)
    if appositive and not _NOT_APPOSITIVE.match(appositive.group(1)):
        words.extend(_WORD.findall(appositive.group(1)))
    return [w for w in words if w.casefold() not in FUNCTION_WORDS]


def mentions(index: NameIndex, block: int, text: str, runs: list[Run] | None = None) -> Iterator[Mention]:
    """Every name in ``text`` that resolves to exactly one known entity."""
    for start, end, run in runs if runs is not None else find_runs(text):
        _, tokens = _split_run(run)
        if not tokens:
            continue
        found = index.resolve(" ".join(tokens))
        if len(found) == 1:
            yield Mention(block, start, end, found[0].entity_id, run.endswith(("’s", "'s", "’", "'")))
