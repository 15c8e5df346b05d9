"""Which person or organisation a name in the text means.

A mention resolves, in this order, by exact name or alias, by surname, by a transliteration key
(``Milov``/``Milow``, ``Navalny``/``Nawalny``, ``Zelensky``/``Selenskyj`` fold to the same
key), and last by fuzzy similarity of the keys (rapidfuzz's Jaro-Winkler, cut off high so that
``Scholz`` does not become ``Schulz``). Each match says how it was made, which the attribution
rules turn into a confidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from .lexicon import FUNCTION_WORDS, NATIONALITIES, TITLES

__all__ = ["Match", "NameIndex", "descriptor_words", "translit_key"]

FUZZY_CUTOFF = 0.9
_PARTICLES = frozenset("le la de du des da di van von der den ter ten bin al ibn del della".split())

# Spelling conventions of transliteration (German, English, French, Polish) folded to one key.
_TRANSLIT = [
    ("shch", "sh"), ("schtsch", "sh"), ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("zh", "sh"),
    ("kh", "ch"), ("ts", "s"), ("tz", "s"), ("z", "s"), ("w", "v"), ("ph", "f"), ("ou", "u"),
    ("x", "ks"), ("j", "i"), ("y", "i"), ("ck", "k"),
]
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")


@lru_cache(maxsize=4096)
def translit_key(name: str) -> str:
    """A spelling-insensitive key: ``Selenskyj`` and ``Zelensky`` both give ``selenski``."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NOT_LETTER.sub(" ", text.replace("’s", "").replace("'s", ""))
    for old, new in _TRANSLIT:
        text = text.replace(old, new)
    return " ".join(_DOUBLE.sub(r"\1", text).split())


_DESCRIPTOR_WORD = re.compile(r"[\w’'-]+")


def descriptor_words(text: str) -> set[str]:
    """Content words of a description ("Alexei Navalny's comrade-in-arms" → comrade-in-arms, ...)."""
    words = set()
    for raw in _DESCRIPTOR_WORD.findall(text.casefold()):
        word = (raw[:-2] if raw.endswith(("’s", "'s")) else raw).strip("-’'")
        if word and word not in FUNCTION_WORDS:
            words.add(_singular(word))
    return words


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@dataclass(frozen=True, slots=True)
class Match:
    entity_id: str
    how: str
    """name, alias, surname, transliteration or fuzzy."""


@dataclass
class _Entry:
    entity_id: str
    name: str
    kind: str
    descriptors: set[str] = field(default_factory=set)


class NameIndex:
    """The people and organisations an article's quotes can belong to, and their names."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self._exact: dict[str, list[tuple[str, str]]] = {}
        self._keys: dict[str, list[str]] = {}
        self._key_list: list[str] = []
        self.reserved: set[str] = set()  # ids taken by places and quotes: not for new entities
        # Answers of resolve(), by mention and by its _clean() form (the answer depends on that
        # form only: "Milov’s" and "Milov" share it); cleared when a name is added.
        self._cache: dict[str, list[Match]] = {}
        self._cache_clean: dict[str, list[Match]] = {}

    def add(self, entity_id: str, name: str, *, aliases: Iterable[str] = (), kind: str = "person",
            description: str | None = None) -> None:
        entry = self.entries.get(entity_id)
        if entry is None:
            entry = self.entries[entity_id] = _Entry(entity_id, name, kind)
        if description:
            entry.descriptors |= descriptor_words(description)
        self._form(name, entity_id, "name")
        for alias in aliases:
            self._form(alias, entity_id, "alias")
        if kind == "person":
            tokens = name.split()
            if len(tokens) >= 2:
                # "Yannick Le Goff" → "Le Goff" and "Goff"; "Vladimir Milov" → "Milov"
                self._form(tokens[-1], entity_id, "surname")
                for i in range(1, len(tokens) - 1):
                    if tokens[i].casefold() in _PARTICLES:
                        self._form(" ".join(tokens[i:]), entity_id, "surname")
                        break

    def new_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3`` ...: an id no entity, place or quote has."""
        entity_id, n = base, 1
        while entity_id in self.entries or entity_id in self.reserved:
            n += 1
            entity_id = f"{base}-{n}"
        return entity_id

    def describe(self, entity_id: str, words: Iterable[str]) -> None:
        self.entries[entity_id].descriptors |= {_singular(w.casefold()) for w in words}

    def _form(self, form: str, entity_id: str, how: str) -> None:
        self._cache.clear()
        self._cache_clean.clear()
        folded = _clean(form).casefold()
        if not folded:
            return
        bucket = self._exact.setdefault(folded, [])
        if all(eid != entity_id for eid, _ in bucket):
            bucket.append((entity_id, how))
        key = translit_key(folded)
        if len(key) >= 4:
            ids = self._keys.setdefault(key, [])
            if entity_id not in ids:
                ids.append(entity_id)
                if len(ids) == 1:
                    self._key_list.append(key)

    def kind(self, entity_id: str) -> str:
        return self.entries[entity_id].kind

    def resolve(self, mention: str) -> list[Match]:
        """The entities ``mention`` may name, best first; several when it is ambiguous
        (two people called Tregarthen), none when it names nobody known."""
        cached = self._cache.get(mention)
        if cached is None:
            cleaned = _clean(mention)
            cached = self._cache_clean.get(cleaned)
            if cached is None:
                cached = self._cache_clean[cleaned] = self._resolve(cleaned)
            self._cache[mention] = cached
        return cached

    def _resolve(self, cleaned: str) -> list[Match]:
        """:meth:`resolve` of a mention whose :func:`_clean` form is ``cleaned``."""
        text = strip_titles(cleaned)
        if not text:
            return []
        for candidate in (cleaned, text, text.split()[-1]):
            found = self._exact.get(candidate.casefold())
            if found:
                return [Match(eid, how) for eid, how in found]
        key = translit_key(text)
        if len(key) < 4:
            return []
        ids = self._keys.get(key) or self._keys.get(key.split()[-1])
        if ids:
            return [Match(eid, "transliteration") for eid in ids]
        best = process.extractOne(key, self._key_list, scorer=JaroWinkler.normalized_similarity,
                                  score_cutoff=FUZZY_CUTOFF)
        if best is None and " " in key:
            best = process.extractOne(key.split()[-1], self._key_list,
                                      scorer=JaroWinkler.normalized_similarity, score_cutoff=FUZZY_CUTOFF)
        if best is not None and best[0][0] == key[0]:
            return [Match(eid, "fuzzy") for eid in self._keys[best[0]]]
        return []

    def by_description(self, head: str) -> list[str]:
        """Entities whose description contains ``head`` ("politician", "comrade-in-arms")."""
        word = _singular(head.casefold())
        return [e.entity_id for e in self.entries.values() if word in e.descriptors]


_POSSESSIVE = re.compile(r"[’']s?$")


def _clean(text: str) -> str:
    text = text.strip(" \t,.;:!?()[]\"“”„«»‘’‚‹›-–—")
    return _POSSESSIVE.sub("", text) if text.endswith(("’s", "'s")) else text


def strip_titles(text: str) -> str:
    """``German Chancellor Olaf Scholz`` → ``Olaf Scholz``; ``Dr Lotte Verbeke`` → ``Lotte Verbeke``."""
    tokens = text.split()
    while len(tokens) > 1:
        word = tokens[0].casefold().rstrip(".")
        if word in TITLES or word in NATIONALITIES or word in FUNCTION_WORDS or not tokens[0][:1].isupper():
            tokens.pop(0)
        else:
            break
    return " ".join(tokens)
