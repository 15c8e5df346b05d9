"""Noun phrases at an attribution site: where the phrase ends, what its head noun is, and
whether it speaks for a group.

* **Where it ends.** A subject often carries a modifier after its head: a prepositional phrase
  (`Critics in the exile press`, `la maire d’arrondissement`, `die Sprecherin des Ministeriums`)
  or a relative clause (`residents who live nearby`). The phrase is cut before the first
  preposition, relative pronoun or (German) genitive article after its first word; a particle
  inside a name (`Charles de Gaulle`, `Ursula von der Leyen`, `Yannick Le Goff`) is no cut.
* **Its head.** English and German noun phrases end in their head (`the Stockholm-based
  economist`, `der frühere Bürgermeister`); a French one begins with it after the determiner
  and any adjective that stands before the noun (`la maire`, `l’ancien ministre`).
* **A group.** A plural common noun (`Passengers`, `local residents`, `Kritiker` with a plural
  verb, `les habitants`) or a quantifier (`many`, `some of them`, `viele`, `certains`) is a
  generic voice, not a person. Plural is read from the determiner, the noun's ending, and the
  verb's agreement (``verbs.marks_plural``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NounPhrase", "is_boundary", "looks_plural", "noun_phrase"]

BOUNDARY = frozenset("""
    of in at from for with on near outside inside among amongst behind across around along
    about against between beyond under over by via like who whom whose which that where
    after before during since when while told
    de du des d’ d' à au aux en chez dans pour sans sur sous avec parmi qui que dont devant
    derrière après avant lors pendant depuis selon
    von vom aus bei beim im in mit für gegen unter über nach zur zum des der dem den die am
    ans ins vor während seit laut
""".split())
_NAME_PARTICLES = frozenset("de du da di del della van von der den ter ten le la bin al ibn".split())
_FRENCH_DETERMINERS = frozenset("le la les l’ l' un une des du ce cet cette ces son sa ses leur leurs notre votre".split())
_FRENCH_PRENOMINAL = frozenset("""
    ancien ancienne anciens anciennes nouveau nouvel nouvelle nouveaux nouvelles jeune jeunes
    vieux vieil vieille premier première premiers premières dernier dernière grand grande
    grands grandes petit petite ex futur future actuel actuelle même mêmes seul seule
""".split())
_QUANTIFIERS = frozenset("""
    many most some several few all both numerous various other others plenty lots dozens
    hundreds thousands millions
    viele einige manche mehrere alle zahlreiche etliche andere
    certains certaines plusieurs nombreux nombreuses beaucoup tous toutes d’autres autres
""".split())
_PLURAL_DETERMINERS = frozenset("these those les des ces ses leurs certains plusieurs".split())
_IRREGULAR_PLURALS = frozenset("""
    people men women children folk folks leute menschen gens everyone everybody
    crowd crowds public audience chorus majority
""".split())
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics", "news", "'s", "’s")


@dataclass(frozen=True, slots=True)
class NounPhrase:
    words: tuple[str, ...]
    """The phrase up to its first post-modifier (`Critics` of `Critics in the exile press`)."""
    head: str
    """The head noun, as written."""
    head_at: int
    determiner: str | None
    """The first word when it is an article, possessive or quantifier (casefolded)."""
    quantified: bool


def noun_phrase(words: list[str]) -> NounPhrase | None:
    """The core of a noun phrase and its head, or None for an empty phrase."""
    if not words:
        return None
    end = next((i for i in range(1, len(words)) if is_boundary(words, i)), len(words))
    core = words[:end]
    first = core[0].casefold()
    determiner = first if (first in _FRENCH_DETERMINERS or first in _QUANTIFIERS or first in _PLURAL_DETERMINERS
                           or first in ("the", "a", "an", "one", "der", "die", "das", "ein", "eine")) else None
    quantified = first in _QUANTIFIERS
    head_at = len(core) - 1
    if first in _FRENCH_DETERMINERS and len(core) > 1 and core[1][:1].islower():
        head_at = 1
        while head_at < len(core) - 1 and core[head_at].casefold() in _FRENCH_PRENOMINAL:
            head_at += 1
    return NounPhrase(tuple(core), core[head_at], head_at, determiner, quantified)


def is_boundary(words: list[str], i: int) -> bool:
    """Whether a noun phrase's core ends before ``words[i]``: a preposition, relative pronoun or
    genitive article, but not a particle inside a name (``de Gaulle``, ``von der Leyen``)."""
    low = words[i].casefold()
    if low not in BOUNDARY and not low.startswith(("d’", "d'")):
        return False
    previous = words[i - 1] if i else ""
    in_name = previous[:1].isupper() or previous in _NAME_PARTICLES
    return not (low in _NAME_PARTICLES and in_name and _name_follows(words, i))


def _name_follows(words: list[str], i: int) -> bool:
    """A particle at ``i`` is part of a name when only particles stand between it and the
    next capitalised word (``de Gaulle``, ``von der Leyen``)."""
    for word in words[i + 1:i + 3]:
        if word[:1].isupper():
            return True
        if word.casefold() not in _NAME_PARTICLES:
            return False
    return False


def looks_plural(phrase: NounPhrase) -> bool:
    """Whether the phrase names a group by its form: a quantifier or plural determiner, an
    irregular plural, or an English or French plural ending on a common noun."""
    head = phrase.head.casefold()
    parts = head.split("-")
    if len(parts) > 2 and parts[1] in ("in", "of", "at", "de", "en"):
        head = parts[0]  # comrade-in-arms, editor-in-chief, mother-in-law: the first part is the head
    if phrase.quantified or phrase.determiner in _PLURAL_DETERMINERS or head in _IRREGULAR_PLURALS:
        return True
    if head in _QUANTIFIERS:
        return True
    if phrase.determiner in ("a", "an", "one", "un", "une", "ein", "eine", "le", "la", "l’", "l'", "der", "das"):
        return False
    if len(head) > 4 and head.endswith("men"):
        return True  # fishermen, businesswomen
    return len(head) > 3 and head.endswith(("s", "x")) and not head.endswith(_NOT_PLURAL_ENDINGS)
