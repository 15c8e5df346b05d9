"""Who said it: the attribution rules.

A quote's *frame* is the rest of its sentence: ``pre`` (before the opening mark) and ``post``
(after the closing mark). Each rule looks for a speech verb and a noun phrase in one place:

==============  =========================================  ==========
position rule   example                                    confidence
==============  =========================================  ==========
``after``       “…,” Milow said. / “…,” the politician     0.95
``inverted``    “…,” concludes Milow. / …, says X.         0.95
``verbless``    “…”, Vladimir Milov.                       0.90
``before``      Milov said: “…” / Roper described it as “  0.90
``colon``       People are clear: “…” (no speech verb)     0.85
``according``   According to Mansour, “…”                  0.90
==============  =========================================  ==========

The noun phrase is then resolved (:meth:`Attributor.who`), which names the second half of the
rule and multiplies the confidence: ``name``/``alias`` 1.0, ``surname`` 0.97,
``transliteration`` 0.92, ``fuzzy`` 0.85, ``new`` (a name not supplied) 0.9, ``pronoun``
0.85, ``description`` 0.85, ``salience`` (a description nobody was introduced with: the most
recent person) 0.6, ``document``/``it`` 0.9, ``generic`` 0.85, ``unnamed`` ("one violinist")
0.8. The rule string is ``position:resolution``, e.g. ``after:alias``. docs/quotes.md has the
full table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    AUXILIARIES,
    DOCUMENT_NOUNS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    ORG_WORDS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    THING_PRONOUNS,
)
from .mentions import Mention, slug
from .names import NameIndex, strip_titles

__all__ = ["Attributor", "Who", "Attribution", "POSITION_CONFIDENCE", "RESOLUTION_CONFIDENCE"]

POSITION_CONFIDENCE = {"after": 0.95, "inverted": 0.95, "verbless": 0.9, "before": 0.9, "colon": 0.85,
                       "according": 0.9, "qa-label": 0.95, "block-intro": 0.9, "subject": 0.8}
RESOLUTION_CONFIDENCE = {"name": 1.0, "alias": 1.0, "surname": 0.97, "transliteration": 0.92, "fuzzy": 0.85,
                         "new": 0.9, "pronoun": 0.85, "description": 0.85, "salience": 0.6, "document": 0.9,
                         "it": 0.85, "generic": 0.85, "unnamed": 0.8}

_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
_NAMING = frozenset("called calls call named dubbed nicknamed titled entitled headlined known so-called".split())
_LEADING = frozenset("and but so then also however yet still now as while und aber et mais".split())
_INDEFINITE = frozenset("one a an un une ein eine einer another".split())
_STOP_AFTER_NAME = frozenset("in on at to after before during with from of told who which when while for "
                             "nach bei im am auf vor dans à lors sans pour avec".split())
_FRENCH_INCISE = re.compile(r"^(?P<verb>[\w’]+)-(?:t-)?(?P<pro>il|elle|ils|elles|on)$")
_DEFINITE = frozenset("the der die das le la l’ this that".split())
_SUBJECT_VERBS = frozenset("is are was were be has have had seems seem remains remain sees see".split())


@dataclass(frozen=True, slots=True)
class Who:
    voice: str
    speaker_id: str | None
    how: str


@dataclass(frozen=True, slots=True)
class Attribution:
    who: Who
    position: str
    confidence: float

    @property
    def rule(self) -> str:
        return f"{self.position}:{self.who.how}"


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_verb(token: str) -> bool:
    return token in SPEECH_VERBS or (not token.islower() and token.casefold() in SPEECH_VERBS)


class Attributor:
    """The rules, with what they need to know about the article so far."""

    def __init__(self, index: NameIndex, mentions: dict[int, list[Mention]], supplied: set[str]) -> None:
        self.index = index
        self._mentions = mentions
        self.supplied = supplied
        self.created: list[str] = []
        self._events: list[tuple[int, int, str]] = []  # (block, position, entity id): who was last

    # -- salience ---------------------------------------------------------------------------

    def speaker_event(self, block: int, position: int, entity_id: str) -> None:
        self._events.append((block, position, entity_id))

    def last_person(self, block: int, position: int, *, kind: str = "person") -> str | None:
        """The most recent non-possessive mention (or attributed speaker) before a point."""
        best: tuple[int, int, str] | None = None
        for b in range(block, max(-1, block - 3), -1):
            for m in self._mentions.get(b, ()):
                if (b, m.start) < (block, position) and not m.possessive and self.index.kind(m.entity_id) == kind:
                    if best is None or (b, m.start) > best[:2]:
                        best = (b, m.start, m.entity_id)
            if best is not None:
                break
        for event in self._events:
            if event[:2] < (block, position) and self.index.kind(event[2]) == kind and (best is None or event[:2] > best[:2]):
                best = event
        return best[2] if best else None

    # -- noun phrases -----------------------------------------------------------------------

    def who(self, phrase: str, block: int, position: int) -> Who | None:
        """What a noun phrase at an attribution site refers to, or None if it is no speaker."""
        words = [w for w in _tokens(phrase) if w not in ",;()"]
        while words and words[0].casefold() in _LEADING:
            words.pop(0)
        if not words or len(words) > 9:
            return None
        low = [w.casefold() for w in words]
        text = " ".join(words)
        if len(words) == 1 and low[0] in PERSON_PRONOUNS:
            person = self.last_person(block, position)
            return Who("speaker", person, "pronoun") if person else Who("unknown", None, "pronoun")
        if len(words) == 1 and low[0] in THING_PRONOUNS:
            return Who("document", None, "it")
        if low[0] in ("his", "her", "sein", "seine", "ihr", "ihre", "son", "sa"):
            person = self.last_person(block, position)
            return Who("speaker", person, "pronoun") if person else None
        if low[0] in _DEFINITE:
            exact = self.index.resolve(text)
            if exact and exact[0].how in ("name", "alias"):
                return Who("speaker", exact[0].entity_id, exact[0].how)
            if len(words) > 1 and self.index.by_description(low[-1]):
                return self._description(words[1:], block, position)
        possessive = next((i for i, w in enumerate(words[:-1]) if w.endswith(("’s", "'s"))), None)
        if possessive is not None:
            return self._description(words[possessive + 1:], block, position)
        capitals = [w for i, w in enumerate(words) if w[:1].isupper() and not (i == 0 and low[0] in FUNCTION_WORDS)]
        head = low[-1]
        if low[0] in _INDEFINITE:
            if head in DOCUMENT_NOUNS:
                return Who("document", None, "document")
            return Who("generic", None, "generic") if head in GENERIC_NOUNS else Who("unknown", None, "unnamed")
        if head in GENERIC_NOUNS and not (capitals and self.index.resolve(text)):
            return Who("generic", None, "generic")
        if head in DOCUMENT_NOUNS and not capitals[1:]:
            return Who("document", None, "document")
        if capitals:
            return self._named(words, block, position)
        if low[0] in _DEFINITE:
            return self._description(words[1:], block, position)
        return None

    def _named(self, words: list[str], block: int, position: int) -> Who | None:
        # "Russian opposition politician Vladimir Milov": the name is the capitalised tail.
        tail: list[str] = []
        for word in reversed(words):
            if word[:1].isupper() or (tail and word.casefold() in ("le", "de", "van", "von", "der", "la")):
                tail.insert(0, word)
            else:
                break
        name = strip_titles(" ".join(tail)) if tail else ""
        if not name:
            return None
        found = self.index.resolve(name)
        if len(found) > 1:
            recent = self._most_recent([m.entity_id for m in found], block, position)
            return Who("speaker", recent, found[0].how)
        if found:
            return Who("speaker", found[0].entity_id, found[0].how)
        if len(name.split()) > 4 or name.casefold() in FUNCTION_WORDS:
            return None
        kind = "organization" if any(t.casefold() in ORG_WORDS for t in name.split()) or name.isupper() else "person"
        entity_id = self.index.new_id(slug(name))
        self.index.add(entity_id, name, kind=kind)
        self.created.append(entity_id)
        return Who("speaker", entity_id, "new")

    def _description(self, words: list[str], block: int, position: int) -> Who | None:
        if not words:
            return None
        head = words[-1].casefold()
        if head in DOCUMENT_NOUNS:
            return Who("document", None, "document")
        if head in GENERIC_NOUNS:
            return Who("generic", None, "generic")
        candidates = self.index.by_description(head)
        if candidates:
            return Who("speaker", self._most_recent(candidates, block, position), "description")
        person = self.last_person(block, position)
        if person is None:
            organisation = self.last_person(block, position, kind="organization")
            return Who("speaker", organisation, "salience") if organisation else None
        return Who("speaker", person, "salience")

    def _most_recent(self, ids: list[str], block: int, position: int) -> str:
        best = (-1, -1, ids[0])
        for b in range(block, -1, -1):
            for m in self._mentions.get(b, ()):
                if m.entity_id in ids and (b, m.start) < (block, position) and (b, m.start) > best[:2]:
                    best = (b, m.start, m.entity_id)
        for event in self._events:
            if event[2] in ids and event[:2] < (block, position) and event[:2] > best[:2]:
                best = event
        return best[2]

    # -- frames -----------------------------------------------------------------------------

    def after(self, post: str, *, comma: bool, block: int, position: int) -> Attribution | None:
        """``“…,” Milow said.`` / ``“…,” concludes Milow.`` / ``“…”, Vladimir Milov.`` and a
        sentence-final ``…, says X.`` after a partial quote."""
        tokens = _tokens(post)
        i = 0
        while i < len(tokens) and tokens[i] in ",;–—-":
            comma = True
            i += 1
        rest = tokens[i:]
        if not rest:
            return None
        found = self._inverted(rest, block, position) or (self._subject_verb(rest, block, position, comma=comma))
        if found:
            return found
        if comma and all(t[:1].isupper() or t in ".-" or t.casefold() in ("le", "de", "van", "von") for t in rest):
            who = self.who(" ".join(t for t in rest if t != "."), block, position)
            if who and who.voice == "speaker" and who.how != "salience":
                return self._make(who, "verbless")
        # ", says Russian opposition politician Vladimir Milov." at the end of the sentence
        for j in range(len(rest) - 1, 0, -1):
            if rest[j] == ",":
                tail = rest[j + 1:]
                found = self._inverted(tail, block, position) or self._subject_verb(tail, block, position, comma=True)
                if found:
                    return found
        match = re.search(r"\bas\s+(.{1,50}?)\s+puts?\s+it\b", post)
        if match:
            who = self.who(match.group(1), block, position)
            if who:
                return self._make(who, "after")
        return None

    def _inverted(self, tokens: list[str], block: int, position: int) -> Attribution | None:
        i = 0
        while i < len(tokens) and tokens[i].casefold() in AUXILIARIES:
            i += 1
        if i >= len(tokens):
            return None
        incise = _FRENCH_INCISE.match(tokens[i])
        if incise and incise.group("verb").casefold() in SPEECH_VERBS:
            person = self.last_person(block, position)
            who = Who("speaker", person, "pronoun") if person else Who("unknown", None, "pronoun")
            return self._make(who, "inverted")
        if not _is_verb(tokens[i]):
            return None
        phrase: list[str] = []
        for token in tokens[i + 1:]:
            if token in ",.;:!?" or (phrase and token.casefold() in _STOP_AFTER_NAME):
                break
            phrase.append(token)
        if not phrase or phrase[0].casefold() in ("that", "dass", "que"):
            return None
        who = self.who(" ".join(phrase), block, position)
        return self._make(who, "inverted") if who else None

    def _subject_verb(self, tokens: list[str], block: int, position: int, *, comma: bool) -> Attribution | None:
        for j, token in enumerate(tokens[:10]):
            if token in ".;:!?":
                return None
            if _is_verb(token) and j > 0:
                subject = [t for t in tokens[:j] if t.casefold() not in AUXILIARIES]
                if not comma and len(tokens) - j > 6:
                    return None  # a new sentence that happens to contain a verb
                who = self.who(" ".join(subject), block, position)
                return self._make(who, "after") if who else None
        return None

    def before(self, pre: str, *, block: int, position: int) -> Attribution | None:
        """``Milov said: “…”`` / ``People are clear: “…”`` / ``X described it as “…”``."""
        text = pre.rstrip()
        colon = text.endswith(":")
        tokens = _tokens(text[:-1] if colon else text)
        according = re.search(r"\b(?:according to|laut|selon)\s+([^,]+)", text, re.I)
        if according:
            who = self.who(according.group(1), block, position)
            if who:
                return self._make(who, "according")
        verb_at = next((j for j in range(len(tokens) - 1, -1, -1) if _is_verb(tokens[j])), None)
        if verb_at is not None:
            distance = len(tokens) - verb_at - 1
            if tokens[verb_at].casefold() in _NAMING and distance == 0:
                return None  # a book called "…": a title, not a quotation
            if not colon and distance > 8:
                return None
            who = self._subject_before(tokens[:verb_at], block, position)
            if who is None:
                person = self.last_person(block, position)
                who = Who("speaker", person, "salience") if person else None
            return self._make(who, "before") if who else None
        if colon and tokens:
            subject: list[str] = []
            for token in tokens:
                if token.casefold() in _SUBJECT_VERBS or token in ",;":
                    break
                subject.append(token)
            who = self.who(" ".join(subject), block, position) if subject else None
            return self._make(who, "colon") if who else None
        return None

    def _subject_before(self, tokens: list[str], block: int, position: int) -> Who | None:
        """The subject of a speech verb: the nearest comma-separated chunk that names someone
        ("Outside court, Margaret Ellis, a retired driver, said")."""
        chunks: list[list[str]] = [[]]
        for token in tokens:
            if token in ",;":
                chunks.append([])
            else:
                chunks[-1].append(token)
        chunks = [[t for t in c if t.casefold() not in AUXILIARIES] for c in chunks]
        fallback: Who | None = None
        for chunk in reversed([c for c in chunks if c][-3:]):
            who = self.who(" ".join(chunk), block, position)
            if who is None:
                continue
            if who.how in ("name", "alias", "surname", "transliteration", "fuzzy", "new", "pronoun", "generic", "document", "it"):
                return who
            fallback = fallback or who
        return fallback

    def indirect(self, sentence: str, block: int, position: int) -> Attribution | None:
        """Who speaks now, from a sentence without quotation marks: reported speech
        ("Alexei Navalny's comrade-in-arms assumes that ...", "..., the politician fears.") or
        a sentence about a person ("Zhuravsky was not impressed."), for the quotes after it."""
        tokens = _tokens(sentence)
        if not SPEECH_VERBS.isdisjoint(tokens):
            verb_at = next((j for j, t in enumerate(tokens[:16]) if j > 0 and t in SPEECH_VERBS), None)
            if verb_at is not None and "." not in tokens[:verb_at]:
                who = self._subject_before(tokens[:verb_at], block, position)
                if who and who.voice == "speaker" and who.how != "salience":
                    return self._make(who, "after")
            comma = sentence.rfind(",")
            if comma > 0:
                tail = _tokens(sentence[comma + 1:])
                found = self._inverted(tail, block, position) or self._subject_verb(tail, block, position, comma=True)
                if found:
                    return found
        words = [t for t in tokens[:6] if t.casefold() not in _LEADING]
        if words and words[0][:1].isupper():
            for mention in self._mentions.get(block, ()):
                if mention.start >= position and not mention.possessive and sentence[mention.start - position:].startswith(words[0]):
                    if self.index.kind(mention.entity_id) == "person":
                        return self._make(Who("speaker", mention.entity_id, "name"), "subject")
                    break
        return None

    def _make(self, who: Who, position: str) -> Attribution:
        return Attribution(who, position, round(POSITION_CONFIDENCE[position] * RESOLUTION_CONFIDENCE[who.how], 3))
