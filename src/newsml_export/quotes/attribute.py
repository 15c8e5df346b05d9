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

The noun phrase is then resolved (:meth:`Resolver.who`, in ``resolve.py``), which names the second half of the
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

from .phrases import is_boundary
from .resolve import LEADING as _LEADING, Resolver, Who, tokens as _tokens
from .verbs import AUXILIARIES, CLITICS, SPEECH_VERBS, marks_plural, verb_languages

__all__ = ["Attributor", "Who", "Attribution", "POSITION_CONFIDENCE", "RESOLUTION_CONFIDENCE"]

POSITION_CONFIDENCE = {"after": 0.95, "inverted": 0.95, "verbless": 0.9, "before": 0.9, "colon": 0.85,
                       "according": 0.9, "qa-label": 0.95, "block-intro": 0.9, "subject": 0.8}
RESOLUTION_CONFIDENCE = {"name": 1.0, "alias": 1.0, "surname": 0.97, "transliteration": 0.92, "fuzzy": 0.85,
                         "new": 0.9, "pronoun": 0.85, "description": 0.85, "salience": 0.6, "document": 0.9,
                         "it": 0.85, "generic": 0.85, "unnamed": 0.8}

_NAMING = frozenset("called calls call named dubbed nicknamed titled entitled headlined known so-called".split())
_FRENCH_INCISE = re.compile(r"^(?P<verb>[\w’]+)-(?:t-)?(?P<pro>il|elle|ils|elles|on)$")
_SUBJECT_VERBS = frozenset("is are was were be has have had seems seem remains remain sees see".split())
# A word after one of these is a noun, even when it could be a verb ("the report", "le juge").
_DETERMINERS = frozenset("the a an this that its his her their our le la les un une des ce cette son sa ses "
                         "der die das den dem ein eine einen sein seine ihr ihre".split())
_ANY_AUXILIARY = frozenset().union(*AUXILIARIES.values())
# The auxiliaries of a set of languages, by that set (at most the 7 combinations of en, de, fr).
_AUXILIARIES_OF: dict[frozenset[str], frozenset[str]] = {}
# "According to X," and its kin; a sentence-initial "For X," / "Pour X," / "Für X" only when X
# resolves to someone.
_ACCORDING = re.compile(r"(?:\b(?P<strict>according to|in the words of|in the view of|laut|selon|d[’']après|"
                        r"nach Angaben (?:von|des|der))|^\s*(?:for|pour|für))\s+(?P<who>[^,]+)", re.I)
_ADJUNCT_START = frozenset("""in on at from for with outside inside after before during since under by
    dans en selon pour avec après avant lors depuis par sur sous
    im bei nach vor seit mit laut auf unter""".split())
_ACCORDING_HINTS = ("ccording", "words of", "view of", "aut ", "elon ", "après", "Angaben")
_AS_X_PUTS_IT = re.compile(r"\bas\s+(.{1,50}?)\s+puts?\s+it\b")
_COMPLEMENTISERS = frozenset("that whether dass ob que qu’ qu' si".split())
_GERMAN_FINITE = frozenset("hat haben hatte hatten ist sind war waren wird werden würde".split())


@dataclass(frozen=True, slots=True)
class Attribution:
    who: Who
    position: str
    confidence: float

    @property
    def rule(self) -> str:
        return f"{self.position}:{self.who.how}"


def _verb_at(tokens: list[str], j: int) -> frozenset[str]:
    """The languages in which ``tokens[j]`` is a reporting verb in its place: not after a
    determiner, where the same word is a noun (``the report said``, ``le juge estime``)."""
    languages = verb_languages(tokens[j])
    if languages and j and tokens[j - 1].casefold() in _DETERMINERS:
        return frozenset()
    return languages


def _without_auxiliaries(tokens: list[str], languages: frozenset[str]) -> list[str]:
    """``tokens`` without the auxiliaries and adverbs at their end that go with a verb of
    ``languages`` ("Milov has also" → "Milov"; never the French "a" before English "said")."""
    allowed = _AUXILIARIES_OF.get(languages)
    if allowed is None:
        allowed = _AUXILIARIES_OF[languages] = frozenset().union(*(AUXILIARIES[lang] for lang in languages))
    end = len(tokens)
    while end and tokens[end - 1].casefold() in allowed:
        end -= 1
    return tokens[:end]


class Attributor(Resolver):
    """The frame rules, on top of the noun-phrase resolution of :class:`Resolver`."""

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
            who = self.who([t for t in rest if t != "."], block, position)
            if who and who.voice == "speaker" and who.how != "salience":
                return self._make(who, "verbless")
        # ", says Russian opposition politician Vladimir Milov." at the end of the sentence
        for j in range(len(rest) - 1, 0, -1):
            if rest[j] == ",":
                tail = rest[j + 1:]
                found = self._inverted(tail, block, position) or self._subject_verb(tail, block, position, comma=True)
                if found:
                    return found
        match = _AS_X_PUTS_IT.search(post) if "put" in post else None
        if match:
            who = self.who(match.group(1), block, position)
            if who:
                return self._make(who, "after")
        return None

    def _inverted(self, tokens: list[str], block: int, position: int) -> Attribution | None:
        """``concludes Milow`` / ``a réagi la maire, Claire Moreau`` / ``s’indigne X`` /
        ``explique-t-il`` / ``hat Müller gesagt``: the verb first, then its subject."""
        i = 0
        auxiliaries: list[str] = []
        while i < len(tokens) and (tokens[i].casefold() in _ANY_AUXILIARY or tokens[i].casefold() in CLITICS):
            auxiliaries.append(tokens[i].casefold())
            i += 1
        if i >= len(tokens):
            return None
        incise = _FRENCH_INCISE.match(tokens[i])
        if incise:
            verb = incise.group("verb").casefold()
            if "fr" in verb_languages(verb) or (verb in AUXILIARIES["fr"] and i + 1 < len(tokens)
                                               and "fr" in verb_languages(tokens[i + 1])):
                person = self.last_person(block, position)
                who = Who("speaker", person, "pronoun") if person else Who("unknown", None, "pronoun")
                return self._make(who, "inverted")
        languages = verb_languages(tokens[i])
        if not languages:
            return self._verb_final(tokens, i, auxiliaries, block, position)
        if any(not any(a in AUXILIARIES[lang] or a in CLITICS for lang in languages) for a in auxiliaries):
            return None  # "a spokeswoman": the French auxiliary does not go with an English verb
        phrase, rest = self._phrase_after(tokens[i + 1:])
        if not phrase or phrase[0].casefold() in ("that", "dass", "que"):
            return None
        plural = marks_plural(tokens[i], auxiliaries[-1] if auxiliaries else None)
        who = self.who(phrase, block, position, plural_verb=plural)
        if (who is None or who.how in ("description", "salience", "unnamed")) and rest:
            # "a réagi la maire d’arrondissement, Claire Moreau": the name in apposition wins
            name = self._appositive_name(rest, block, position)
            who = name or who
        return self._make(who, "inverted") if who else None

    @staticmethod
    def _phrase_after(tokens: list[str]) -> tuple[list[str], list[str]]:
        """The noun phrase after an inverted verb, and what follows a comma after it."""
        end: int | None = None
        stop = len(tokens)
        for n, token in enumerate(tokens):
            if token in ".;:!?":
                stop = n
                break
            if token == ",":
                return tokens[:n if end is None else end], tokens[n + 1:]
            if end is None and n and (token.casefold() in ("to", "auf") or is_boundary(tokens, n)):
                end = n  # "la maire d’arrondissement, Claire Moreau": the apposition may still follow
        return tokens[:stop if end is None else end], []

    def _appositive_name(self, tokens: list[str], block: int, position: int) -> Who | None:
        run: list[str] = []
        for token in tokens:
            if token in ",.;" and run:
                break
            if not (token[:1].isupper() or (run and token.casefold() in ("de", "le", "la", "van", "von", "der"))):
                return None
            run.append(token)
        who = self.who(run, block, position) if len(run) >= 2 else None
        return who if who and who.voice == "speaker" and who.how not in ("salience", "description") else None

    def _verb_final(self, tokens: list[str], i: int, auxiliaries: list[str], block: int,
                    position: int) -> Attribution | None:
        """German and French perfect with the subject between auxiliary and participle:
        ``„…“, hat Müller gesagt.``"""
        if not auxiliaries:
            return None
        for j in range(i + 1, min(len(tokens), i + 6)):
            if tokens[j] in ",.;:!?":
                return None
            languages = verb_languages(tokens[j])
            if languages and all(any(a in AUXILIARIES[lang] for lang in languages) for a in auxiliaries):
                who = self.who(tokens[i:j], block, position)
                return self._make(who, "inverted") if who and who.how != "salience" else None
        return None

    def _subject_verb(self, tokens: list[str], block: int, position: int, *, comma: bool) -> Attribution | None:
        for j, token in enumerate(tokens[:10]):
            if token in ".;:!?":
                return None
            languages = _verb_at(tokens, j) if j > 0 else frozenset()
            if languages:
                subject = _without_auxiliaries(tokens[:j], languages)
                if not comma and len(tokens) - j > 6:
                    return None  # a new sentence that happens to contain a verb
                plural = marks_plural(token, tokens[j - 1])
                who = self.who(subject, block, position, plural_verb=plural)
                return self._make(who, "after") if who else None
        return None

    def before(self, pre: str, *, block: int, position: int, clause_end: bool = True) -> Attribution | None:
        """``Milov said: “…”`` / ``People are clear: “…”`` / ``X described it as “…”``.
        ``clause_end``: the quote ends its clause (punctuation or nothing after it)."""
        text = pre.rstrip()
        colon = text.endswith(":")
        tokens = _tokens(text[:-1] if colon else text)
        according = _ACCORDING.search(text)
        if according:
            who = self.who(according.group("who"), block, position)
            # a sentence-initial "For X," / "Pour X," only when X is someone ("For now," is not)
            if who and (according.group("strict") or who.how not in ("salience", "unnamed")):
                return self._make(who, "according")
        verb_at = next((j for j in range(len(tokens) - 1, -1, -1) if _verb_at(tokens, j)), None)
        if verb_at is not None:
            distance = len(tokens) - verb_at - 1
            if tokens[verb_at].casefold() in _NAMING and distance == 0:
                return None  # a book called "…": a title, not a quotation
            if not colon and distance > 8 and not (
                clause_end and distance <= 25 and not _COMPLEMENTISERS.isdisjoint(t.casefold() for t in tokens[verb_at + 1:])
            ):
                # too far, unless the quote ends the verb's "that" clause ("… would be delayed
                # “for weeks, not days”."; not a word inside it: "a “hobby” racing team")
                return None
            who = self._subject_before(tokens[:verb_at], verb_languages(tokens[verb_at]), block, position,
                                       plural_verb=marks_plural(tokens[verb_at], tokens[verb_at - 1] if verb_at else None))
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
            who = self.who(subject, block, position) if subject else None
            return self._make(who, "colon") if who else None
        return None

    def _subject_before(self, tokens: list[str], languages: frozenset[str], block: int, position: int, *,
                        plural_verb: bool = False) -> Who | None:
        """The subject of a speech verb: the nearest comma-separated chunk that names someone
        ("Outside court, Margaret Ellis, a retired driver, said")."""
        chunks: list[list[str]] = [[]]
        for token in _without_auxiliaries(tokens, languages):
            if token in ",;":
                chunks.append([])
            else:
                chunks[-1].append(token)
        fallback: Who | None = None
        if "de" in languages:
            who = self._after_finite(tokens, block, position)
            if who is not None:
                return who
        for n, chunk in enumerate(reversed([c for c in chunks if c][-3:])):
            if len(chunks) > 1 and chunk[0].casefold() in _ADJUNCT_START:
                continue  # "In a letter, the council said": an adverbial, not the subject
            who = self.who(chunk, block, position, plural_verb=plural_verb and n == 0)
            if who is None:
                continue
            if who.how in ("name", "alias", "surname", "transliteration", "fuzzy", "new", "pronoun", "generic", "document", "it"):
                return who
            fallback = fallback or who
        return fallback

    def _after_finite(self, tokens: list[str], block: int, position: int) -> Who | None:
        """German puts the finite verb second and the participle last: the subject follows the
        auxiliary (``In einem Schreiben hatte das Landratsamt bereits 2021 gewarnt``)."""
        at = next((j for j in range(len(tokens) - 1, 0, -1) if tokens[j].casefold() in _GERMAN_FINITE), None)
        if at is None:
            return None
        subject: list[str] = []
        for token in tokens[at + 1:]:
            if token in ",;" or token[:1].isdigit() or (subject and token[:1].islower()):
                break
            subject.append(token)
        who = self.who(subject, block, position) if subject else None
        return who if who and who.how not in ("salience",) else None

    def indirect(self, sentence: str, block: int, position: int) -> Attribution | None:
        """Who speaks now, from a sentence without quotation marks: reported speech
        ("Alexei Navalny's comrade-in-arms assumes that ...", "..., the politician fears.") or
        a sentence about a person ("Zhuravsky was not impressed."), for the quotes after it."""
        tokens = _tokens(sentence)
        if not SPEECH_VERBS.isdisjoint(tokens):
            verb_at = next((j for j in range(1, min(16, len(tokens))) if tokens[j] in SPEECH_VERBS and _verb_at(tokens, j)), None)
            if verb_at is not None and "." not in tokens[:verb_at]:
                who = self._subject_before(tokens[:verb_at], verb_languages(tokens[verb_at]), block, position)
                if who and who.voice == "speaker" and who.how != "salience":
                    return self._make(who, "after")
            comma = sentence.rfind(",")
            if comma > 0:
                tail = _tokens(sentence[comma + 1:])
                found = self._inverted(tail, block, position) or self._subject_verb(tail, block, position, comma=True)
                if found:
                    return found
        according = _ACCORDING.search(sentence) if any(h in sentence for h in _ACCORDING_HINTS) else None
        if according and according.group("strict"):
            who = self.who(according.group("who"), block, position + according.start("who"))
            if who is not None and who.how != "salience":
                return self._make(who, "according")
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
