"""Who a noun phrase at an attribution site is: a name, a pronoun, a description, a document,
a group, or an unnamed person (see docs/quotes.md, "resolution").

The phrase is first cut to its core and head noun (``phrases.noun_phrase``): `Critics in the
exile press` is about *critics*, `la maire d’arrondissement` about *maire*. A plural common noun
or a quantifier is a generic voice; a name is resolved through the :class:`NameIndex` or, when
nobody has it, becomes a new person or organisation; a definite description goes to the person
the text introduced with that head noun, else to the most recent person (``salience``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    DOCUMENT_NOUNS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    NATIONALITIES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PLACE_WORDS,
    THING_PRONOUNS,
    TITLES,
)
from .mentions import Mention, slug
from .names import NameIndex, strip_titles
from .phrases import NounPhrase, looks_plural, noun_phrase
from .verbs import verb_languages

__all__ = ["LEADING", "Resolver", "Who", "tokens"]

# A French elided clitic is a token of its own (s’indigne, l’avocate, L’avocate, qu’il), but
# not the start of a name (D’Angelo, O’Brien).
_TOKEN_ELISION = re.compile(r"\b(?:(?:[ldjmnstc]|qu)[’'](?=\w)|(?:[LDJMNSTC]|Qu)[’'](?=[a-zà-ÿ]))|[\w’'-]+|[^\w\s]")
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
LEADING = frozenset("and but so then also however yet still now as while und aber et mais".split())
_INDEFINITE = frozenset("one a an un une ein eine einer another".split())
_DEFINITE = frozenset("the der die das le la les l’ l' this that".split())
_POSSESSIVE_PRONOUNS = frozenset("his her sein seine ihr ihre son sa".split())
_GERMAN_DETERMINERS = frozenset("der die das den dem des".split())
# Endings of plural agent nouns ("Passengers", "Critics", "Protestors"), which tell a group from
# a surname at the start of a sentence when the verb does not show number ("said").
_AGENT_PLURAL = ("ers", "ors", "ists", "ants", "ents", "ians", "ees", "ics", "ives", "eurs", "ières", "iers")
_NAME_PARTICLES = frozenset("le de van von der la".split())
_FIRST_SECOND_PERSON = frozenset("i we you me us ich wir du ihr je nous vous tu".split())


def _is_institution(word: str) -> bool:
    """An institution's common noun, or a German compound headed by one (``Landratsamt``)."""
    return word in ORG_WORDS or any(word.endswith(w) for w in _COMPOUND_HEADS if len(word) > len(w) + 2)


_COMPOUND_HEADS = ("amt", "ministerium", "behörde", "gericht", "verband", "verwaltung", "polizei", "regierung",
                   "kommission", "gesellschaft", "partei", "rat")


def tokens(text: str) -> list[str]:
    """Words and punctuation marks of ``text``, French elided clitics split off."""
    return (_TOKEN_ELISION if "’" in text or "'" in text else _TOKEN).findall(text)


@dataclass(frozen=True, slots=True)
class Who:
    voice: str
    speaker_id: str | None
    how: str


class Resolver:
    """Noun phrases to speakers, with what the article has said so far (who was mentioned or
    quoted where), for pronouns and descriptions."""

    def __init__(self, index: NameIndex, mentions: dict[int, list[Mention]], supplied: set[str]) -> None:
        self.index = index
        self._mentions = mentions
        self.supplied = supplied
        self.created: list[str] = []
        self._events: list[tuple[int, int, str]] = []  # (block, position, entity id): who was last
        self._unnamed: list[tuple[int, int]] = []  # where an unnamed person was introduced ("a spokesman")

    # -- salience ---------------------------------------------------------------------------

    def speaker_event(self, block: int, position: int, entity_id: str) -> None:
        self._events.append((block, position, entity_id))

    def last_person(self, block: int, position: int, *, kind: str = "person") -> str | None:
        """The most recent non-possessive mention (or attributed speaker) before a point."""
        best = self._last(block, position, kind)
        return best[2] if best else None

    def _last(self, block: int, position: int, kind: str) -> tuple[int, int, str] | None:
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
        return best

    def main_person(self) -> str | None:
        """The person mentioned most often (the first of equals): whom an interview is with."""
        counts: dict[str, int] = {}
        for block in sorted(self._mentions):
            for m in self._mentions[block]:
                if self.index.kind(m.entity_id) == "person":
                    counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else None

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

    # -- noun phrases -----------------------------------------------------------------------

    def who(self, phrase: str | list[str], block: int, position: int, *, plural_verb: bool = False) -> Who | None:
        """What a noun phrase (text, or its :func:`tokens`) at an attribution site refers to, or
        None if it is no speaker. ``plural_verb``: the verb agrees with a plural subject (``say``,
        ``sagen``, ``disent``)."""
        words = [w for w in (tokens(phrase) if isinstance(phrase, str) else phrase) if w not in ",;()"]
        while words and words[0].casefold() in LEADING:
            words.pop(0)
        if not words or len(words) > 9:
            return None
        low = [w.casefold() for w in words]
        if low[0] in _FIRST_SECOND_PERSON:
            return None  # "We spoke in her office": the writer, not a source
        if len(words) == 1 and low[0] in PERSON_PRONOUNS:
            person = self.last_person(block, position)
            return Who("speaker", person, "pronoun") if person else Who("unknown", None, "pronoun")
        if len(words) == 1 and low[0] in THING_PRONOUNS:
            return Who("document", None, "it")
        if low[0] in _POSSESSIVE_PRONOUNS:
            person = self.last_person(block, position)
            return Who("speaker", person, "pronoun") if person else None
        if low[0] in _DEFINITE:  # an alias such as "the company", "der Verband"
            exact = self.index.resolve(" ".join(words))
            if exact and exact[0].how in ("name", "alias"):
                return Who("speaker", exact[0].entity_id, exact[0].how)
        possessive = next((i for i, w in enumerate(words[:-1]) if w.endswith(("’s", "'s"))), None)
        if possessive is not None:  # "Alexei Navalny’s comrade-in-arms": the owner is not the speaker
            return self._description(words[possessive + 1:], block, position)
        np = noun_phrase(words)
        assert np is not None
        head = np.head.casefold()
        capitals = [w for i, w in enumerate(np.words) if w[:1].isupper() and not (i == 0 and low[0] in FUNCTION_WORDS)]
        if low[0] in _DEFINITE and len(np.words) > 1 and self.index.by_description(head):
            return self._description(list(np.words), block, position)
        tail = None if len(np.words) == len(words) or self._has_name(np) else self._tail_name(
            words, len(np.words), block, position)
        if low[0] in _INDEFINITE:
            if head in DOCUMENT_NOUNS:
                return Who("document", None, "document")
            if tail is not None:
                return tail
            self._unnamed.append((block, position))
            return Who("unknown", None, "unnamed")
        if head in GENERIC_NOUNS and not (capitals and self.index.resolve(" ".join(np.words))):
            return Who("generic", None, "generic")
        if head in DOCUMENT_NOUNS and not capitals[1:]:
            return Who("document", None, "document")
        if self._is_group(np, plural_verb):
            return Who("generic", None, "generic")
        if tail is not None:
            return tail
        if low[0] in _DEFINITE and _is_institution(head):
            return self._institution(np, block, position)
        if np.determiner in _GERMAN_DETERMINERS and not self.index.resolve(np.head):
            # German capitalises every noun: "der Sprecher" is a description, not a name.
            return self._description(list(np.words), block, position)
        if capitals:
            return self._named(list(np.words), block, position)
        if low[0] in _DEFINITE:
            return self._description(list(np.words), block, position)
        return None

    def _is_group(self, np: NounPhrase, plural_verb: bool) -> bool:
        """A plural common noun or a quantifier as subject: a generic voice, not a person."""
        head = np.head
        if np.quantified:
            return True
        if verb_languages(head):
            return False  # "Russia affirms": a clause, not a group
        if head[:1].isupper() and self.index.resolve(head):
            return False  # a known name, even if it ends in -s
        common = head.islower() or np.head_at == 0 or np.determiner in _GERMAN_DETERMINERS
        if not common:
            return False
        if plural_verb and (head.islower() or np.determiner in _GERMAN_DETERMINERS or len(np.words) == 1):
            return True
        if not looks_plural(np):
            return False
        # A capitalised first word ending in -s may be a surname (Williams said): only an agent
        # noun's plural ending, or a plural verb, makes it a group there.
        return head.islower() or head.casefold().endswith(_AGENT_PLURAL) or np.determiner is not None

    @staticmethod
    def _has_name(np: NounPhrase) -> bool:
        """Whether the core holds a capitalised word that is not a title or nationality."""
        return any(w[:1].isupper() and w.casefold() not in TITLES and w.casefold() not in NATIONALITIES
                   and not (i == 0 and w.casefold() in FUNCTION_WORDS) for i, w in enumerate(np.words))

    def _tail_name(self, words: list[str], core: int, block: int, position: int) -> Who | None:
        """A name after the core's modifiers ("Minister of Finance Jane Doe", "la maire
        d’arrondissement Claire Moreau"): two capitalised words or more, or a known one."""
        if core >= len(words):
            return None
        run: list[str] = []
        for word in reversed(words[core:]):
            if word[:1].isupper() or (run and word.casefold() in _NAME_PARTICLES):
                run.insert(0, word)
            else:
                break
        if not run:
            return None
        name = " ".join(run)
        if any(w.casefold() in PLACE_WORDS for w in run):
            return None
        if len(run) >= 2 or self.index.resolve(name):
            return self._named(run, block, position)
        return None

    def _named(self, words: list[str], block: int, position: int) -> Who | None:
        # "Russian opposition politician Vladimir Milov": the name is the capitalised tail.
        tail: list[str] = []
        for word in reversed(words):
            if word[:1].isupper() or (tail and word.casefold() in _NAME_PARTICLES):
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
        np = noun_phrase(words)
        if np is None:
            return None
        head = np.head.casefold()
        if head in DOCUMENT_NOUNS:
            return Who("document", None, "document")
        candidates = self.index.by_description(head)
        if candidates:
            return Who("speaker", self._most_recent(candidates, block, position), "description")
        if head in GENERIC_NOUNS or self._is_group(np, False):
            return Who("generic", None, "generic")
        person = self._last(block, position, "person")
        unnamed = max((u for u in self._unnamed if u < (block, position)), default=None)
        if unnamed is not None and (person is None or unnamed > person[:2]):
            return Who("unknown", None, "unnamed")  # "one senior civil servant ... the official said"
        if person is None:
            organisation = self.last_person(block, position, kind="organization")
            return Who("speaker", organisation, "salience") if organisation else None
        return Who("speaker", person[2], "salience")

    def _institution(self, np: NounPhrase, block: int, position: int) -> Who:
        """``the bank``, ``la mairie``, ``das Landratsamt``: the organisation whose name has that
        word, else a new organisation named by the phrase."""
        head = np.head.casefold()
        known = [e.entity_id for e in self.index.entries.values()
                 if e.kind == "organization" and any(_is_institution(w) and (w == head or head.endswith(w) or w.endswith(head))
                                                     for w in e.name.casefold().split())]
        if known:
            return Who("speaker", self._most_recent(known, block, position), "description")
        name = " ".join(np.words)
        found = self.index.resolve(name)
        if found:
            return Who("speaker", found[0].entity_id, found[0].how)
        entity_id = self.index.new_id(slug(np.head))
        self.index.add(entity_id, name, kind="organization")
        self.created.append(entity_id)
        return Who("speaker", entity_id, "new")
