"""Find every quotation in an article's body and attribute it (see docs/quotes.md).

Per block, in reading order: quotation spans (``detect.py``), the frame of each (the rest of
its sentence), the explicit attribution rules (``attribute.py``), then the quotes without one:
a part of a quote left open in the previous paragraph takes that quote's speaker
(``paragraph-continued``), others the last voice of the same or an earlier paragraph
(``continuation``). Short embedded spans nobody is said to have said are scare quotes, and a
quotation heading that repeats a quote from the body is a repeat; both are reported as skipped,
not emitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Article, Organization, Person, Quote
from .attribute import Attribution, Attributor, Who
from .detect import Span, find_spans, sentence_breaks
from .lexicon import FUNCTION_WORDS
from .marks import QUOTE_CHARS, fold
from .mentions import discover, find_runs, mentions
from .names import NameIndex
from .verbs import verb_languages

__all__ = ["Extraction", "Skipped", "extract_quotes"]

SCARE_MAX_WORDS = 4
REPEAT_CUTOFF = 85.0
_LABEL = re.compile(r"^(?P<label>[A-ZÀ-Þ][\w’'.-]*(?: [A-ZÀ-Þ][\w’'.-]*){0,2}):\s+(?P<text>\S.*)$", re.S)
_QUESTION_LABELS = frozenset("q question frage f interviewer".split())
# Labels that stand for the interviewee's answer rather than a name ("Q: … / A: …").
_ANSWER_LABELS = frozenset("a answer antwort r réponse".split())
# ", dit Le Goff. " / ", explique-t-elle, " / ", sagte er. " inside one pair of guillemets; the
# word must be a reporting verb (verbs.py).
_INCISE = re.compile(r",\s+(?P<verb>[\w’]+)(?:-t-|-)?(?:il|elle|on)?(?:\s+(?:er|sie|[A-ZÀ-Þ][\w’'-]*(?:\s+[A-ZÀ-Þ][\w’'-]*){0,2}))?"
                     r"[,.]\s+")


@dataclass(frozen=True, slots=True)
class Skipped:
    block: int
    text: str
    reason: str


@dataclass
class Extraction:
    """What ``extract_quotes`` found: quotes, the speakers it had to add, what it left out."""

    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class _Found:
    block: int
    start: int
    end: int
    kind: str
    attribution: Attribution | None = None
    rule: str | None = None
    confidence: float = 0.0
    who: Who | None = None
    chain_head: _Found | None = None
    position: int = 0


def extract_quotes(article: Article) -> Extraction:
    """Quotations of ``article.body`` with speakers. Supplied people, organisations and their
    aliases are used first; quotes already located in ``article.quotes`` win over overlapping
    extracted ones, and are not repeated in the result."""
    index = NameIndex()
    for person in article.people:
        index.add(person.id, person.name, aliases=person.aliases, description=person.description)
    for org in article.organizations:
        index.add(org.id, org.name, aliases=org.aliases, kind="organization", description=org.description)
    supplied = set(index.entries)
    index.reserved = {place.id for place in article.places} | {quote.id for quote in article.quotes}
    texts = [block.text for block in article.body]
    runs = [find_runs(text) for text in texts]
    discover(index, texts, runs)
    by_block = {b: list(mentions(index, b, text, runs[b])) for b, text in enumerate(texts)}
    rules = Attributor(index, by_block, supplied)
    spans = [find_spans(text, b) for b, text in enumerate(texts)]
    spans = [_split_incises(texts[b], b, s) for b, s in enumerate(spans)]
    result = Extraction()
    found: list[_Found] = []
    qa_labels = _qa_labels(texts, spans)
    last: tuple[int, Who] | None = None
    for b, block in enumerate(article.body):
        text = texts[b]
        if block.kind == "heading" or _looks_like_heading(text, spans[b]):
            if spans[b]:
                reason = "repeats a quote of the body" if _repeats(text, spans, texts, b) else "quotation in a heading"
                if block.kind == "heading" or reason.startswith("repeats"):
                    result.skipped.append(Skipped(b, text, reason))
                    continue
            elif block.kind == "heading":
                continue
        if block.kind == "blockquote":
            item = _blockquote(text, b, texts, rules, last)
            found.append(item)
            last = (b, item.who) if item.who else last
            continue
        label = _LABEL.match(text)
        if label and label.group("label") in qa_labels and not (spans[b] and spans[b][0].open_at == 0):
            item = _qa(label, b, rules, qa_labels[label.group("label")])
            if item is not None:
                found.append(item)
                last = (b, item.who) if item.who else last
            continue
        block_found, last = _block(text, b, spans, found, rules, last, result)
        found.extend(block_found)
    return _finish(article, found, texts, rules, index, supplied, result)


def _block(text: str, b: int, spans: list[list[Span]], found: list[_Found], rules: Attributor,
           last: tuple[int, Who] | None, result: Extraction) -> tuple[list[_Found], tuple[int, Who] | None]:
    block_spans = spans[b]
    masked = _mask(text, block_spans)
    breaks = [0] + sentence_breaks(masked) + [len(text)]
    items: list[Item] = []
    out: list[_Found] = []
    # Sentences without quotes, read in order with the quotes: reported speech says who speaks
    # next ("the politician fears"), and an unnamed source it introduces ("according to one
    # official") must be known before a later "the official said" is resolved.
    quiet = [(s, e) for s, e in zip(breaks, breaks[1:]) if not any(s <= sp.open_at < e for sp in block_spans)]
    quiet.reverse()
    for i, span in enumerate(block_spans):
        while quiet and quiet[-1][0] < span.open_at:
            _indirect(text, b, quiet.pop(), rules, items)
        s_start = max(x for x in breaks if x <= span.open_at)
        s_end = min((x for x in breaks if x >= span.outer_end), default=len(text))
        prev_end = block_spans[i - 1].outer_end if i and block_spans[i - 1].outer_end > s_start else s_start
        next_start = block_spans[i + 1].open_at if i + 1 < len(block_spans) and block_spans[i + 1].open_at < s_end else s_end
        pre, post = text[prev_end:span.open_at], text[span.outer_end:next_start]
        comma = span.terminal in ",?!" or span.terminal == "…"
        attribution = None
        if span.closed:
            attribution = rules.after(post, comma=comma, block=b, position=span.open_at)
        if attribution is None or attribution.who.how == "salience":
            clause_end = post.lstrip()[:1] in ("", ".", ",", ";", ":", "!", "?", ")", "–", "—")
            attribution = rules.before(pre, block=b, position=span.open_at, clause_end=clause_end) or attribution
        kind = _kind(text, span, pre)
        item = _Found(b, span.start, span.end, kind, attribution, position=span.open_at)
        if i == 0 and span.open_at == 0 and b > 0 and spans[b - 1] and not spans[b - 1][-1].closed:
            head = next((f for f in reversed(found) if f.block == b - 1), None)
            item.chain_head = head.chain_head or head if head else None
        words = len(text[span.start:span.end].split())
        sentence_like = text[span.start].isupper() and (span.terminal in ".!?…" or kind == "full")
        if (attribution is not None and attribution.position == "before" and words <= SCARE_MAX_WORDS
                and not sentence_like and _modifies_a_noun(post)):
            attribution = None  # "bought a “luxury” yacht": a word used as a modifier, not speech
        if attribution is None and item.chain_head is None and words <= SCARE_MAX_WORDS and not sentence_like:
            result.skipped.append(Skipped(b, text[span.start:span.end], "scare quote: short, nobody said to say it"))
            continue
        items.append((span.open_at, item))
        out.append(item)
    while quiet:
        _indirect(text, b, quiet.pop(), rules, items)
    return out, _resolve_block(sorted(items, key=lambda pair: pair[0]), b, rules, last)


def _modifies_a_noun(post: str) -> bool:
    """The quote is followed by a content word, as an adjective before its noun (“luxury” yacht,
    a “hobby” racing team), not by punctuation, a conjunction or a preposition."""
    match = _NEXT_WORD.match(post)
    return bool(match) and match.group(1).islower() and match.group(1) not in FUNCTION_WORDS


_NEXT_WORD = re.compile(r"\s*([\w’'-]+)")


def _indirect(text: str, b: int, sentence: tuple[int, int], rules: Attributor, items: list[Item]) -> None:
    attribution = rules.indirect(text[sentence[0]:sentence[1]], b, sentence[0])
    if attribution is not None:
        items.append((sentence[0], attribution))


Item = tuple[int, "_Found | Attribution"]


def _resolve_block(items: list[Item], b: int, rules: Attributor,
                   last: tuple[int, Who] | None) -> tuple[int, Who] | None:
    """Settle every quote of a block in reading order; reported speech between quotes
    changes who speaks next. Returns the last voice, for the next block."""
    for n, (position, item) in enumerate(items):
        if isinstance(item, Attribution):
            _record(rules, b, position, item.who)
            last = (b, item.who)
            continue
        if item.attribution is not None:
            _settle(item, item.attribution.who, item.attribution.rule, item.attribution.confidence)
        elif item.chain_head is not None and item.chain_head.who is not None:
            head = item.chain_head
            _settle(item, head.who, "paragraph-continued", min(0.9, head.confidence))
        elif last is not None and last[0] == b:
            _settle(item, last[1], "continuation", 0.8)
        else:
            ahead = next((x for _, x in items[n + 1:] if isinstance(x, _Found) and x.attribution), None)
            if ahead is not None and ahead.attribution is not None:
                _settle(item, ahead.attribution.who, "continuation", 0.7)
            elif last is not None:
                distance = b - last[0]
                _settle(item, last[1], "continuation", max(0.4, 0.8 - 0.1 * distance))
            else:
                _settle(item, Who("unknown", None, "unattributed"), "unattributed", 0.3)
        if item.who is not None:
            _record(rules, b, position, item.who)
            last = (b, item.who)
    return last


def _settle(item: _Found, who: Who, rule: str, confidence: float) -> None:
    item.who, item.rule, item.confidence = who, rule, round(confidence, 3)


def _record(rules: Attributor, b: int, position: int, who: Who) -> None:
    if who.voice == "speaker" and who.speaker_id:
        rules.speaker_event(b, position, who.speaker_id)


def _mask(text: str, spans: list[Span]) -> str:
    """``text`` with quoted words blanked, so sentence breaks inside quotes are not seen;
    a quote ending its sentence (“….” So …) keeps its final mark."""
    parts: list[str] = []
    done = 0
    for span in spans:  # in order and disjoint; a span's last character is its terminal
        low, high = span.start + 1, span.end
        if high <= low:
            continue
        keep = span.terminal in ".!?" and span.closed
        parts += [text[done:low], "x" * (high - low - keep), span.terminal if keep else ""]
        done = high
    parts.append(text[done:])
    return "".join(parts)


def _kind(text: str, span: Span, pre: str) -> str:
    before = pre.rstrip()
    starts_sentence = not before or before.endswith((":", ",", "–", "—", "-")) or before.split()[-1].casefold() in (
        "said", "says", "sagte", "sagt", "wrote", "writes", "added")
    return "full" if starts_sentence and text[span.start].isupper() else "partial"


def _looks_like_heading(text: str, spans: list[Span]) -> bool:
    """A paragraph that is one quotation and nothing else, without a sentence end: a
    sub-heading in a body that was not structured."""
    if len(spans) != 1 or spans[0].open_at != 0 or not spans[0].closed:
        return False
    rest = text[spans[0].outer_end:].strip()
    return rest in ("", ".") and spans[0].terminal not in ".!?" and len(text.split()) <= 15


def _repeats(text: str, spans: list[list[Span]], texts: list[str], b: int) -> bool:
    own = fold(text).strip('"\' .').casefold()
    for other_block, block_spans in enumerate(spans):
        if other_block == b:
            continue
        for span in block_spans:
            other = fold(texts[other_block][span.start:span.end]).casefold()
            if len(other) >= len(own) * 0.8 and fuzz.partial_ratio(own, other, score_cutoff=REPEAT_CUTOFF):
                return True
    return False


def _split_incises(text: str, block: int, spans: list[Span]) -> list[Span]:
    """French style puts ``dit-il`` inside the guillemets: « …, dit Le Goff. On … » is two
    quotations with the attribution between them."""
    out: list[Span] = []
    for span in spans:
        match = None
        if span.opener in "«»":
            match = next((m for m in _INCISE.finditer(text, span.start, span.end) if verb_languages(m.group("verb"))), None)
        if match is None:
            out.append(span)
            continue
        first = Span(block, span.start, match.start(), span.open_at, match.start(), span.opener, ",")
        second = Span(block, match.end(), span.end, match.end() - 1, span.close_at, span.opener, span.terminal)
        out.extend([first, second])
    return out


def _qa_labels(texts: list[str], spans: list[list[Span]]) -> dict[str, int]:
    """Labels of an interview's question-and-answer paragraphs ("Lindqvist: ...") that come
    back at least twice, with how many of their paragraphs end in a question mark."""
    counts: dict[str, list[int]] = {}
    for b, text in enumerate(texts):
        match = _LABEL.match(text)
        if match and not (spans[b] and spans[b][0].open_at == 0):
            entry = counts.setdefault(match.group("label"), [0, 0])
            entry[0] += 1
            entry[1] += match.group("text").rstrip().endswith("?")
    return {label: questions for label, (n, questions) in counts.items() if n >= 2}


def _qa(label: re.Match[str], b: int, rules: Attributor, questions: int) -> _Found | None:
    name = label.group("label")
    if name.casefold() in _QUESTION_LABELS or questions:
        return None  # the interviewer's questions
    if name.casefold() in _ANSWER_LABELS:
        person = rules.main_person()  # "A:" answers for the person the interview is with
        who = Who("speaker", person, "description") if person else None
    else:
        who = rules.who(name, b, 0)
    if who is None or who.voice != "speaker" or rules.index.kind(who.speaker_id or "") != "person":
        return None
    start = label.start("text")
    end = len(label.string.rstrip())
    item = _Found(b, start, end, "full", position=0)
    confidence = 0.95 * {"name": 1.0, "alias": 1.0, "surname": 0.97}.get(who.how, 0.85)
    _settle(item, who, f"qa-label:{who.how}", confidence)
    rules.speaker_event(b, 0, who.speaker_id or "")
    return item


def _blockquote(text: str, b: int, texts: list[str], rules: Attributor, last: tuple[int, Who] | None) -> _Found:
    """A block quotation: all of the block (inside its marks, if any) is the quote, said by
    whoever the paragraph before introduces ("Villanueva wrote:")."""
    start, end = 0, len(text)
    while start < end and (text[start] in QUOTE_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in QUOTE_CHARS or text[end - 1].isspace()):
        end -= 1
    item = _Found(b, start, end, "block", position=0)
    intro = texts[b - 1] if b else ""
    if intro.rstrip().endswith(":"):
        breaks = [0] + sentence_breaks(intro)
        attribution = rules.before(intro[breaks[-1]:], block=b - 1, position=breaks[-1])
        if attribution is not None:
            _settle(item, attribution.who, attribution.rule.replace("before", "block-intro", 1), attribution.confidence)
    if item.who is None and last is not None:
        _settle(item, last[1], "continuation", 0.6)
    if item.who is None:
        _settle(item, Who("unknown", None, "unattributed"), "unattributed", 0.3)
    return item


def _finish(article: Article, found: list[_Found], texts: list[str], rules: Attributor, index: NameIndex,
            supplied: set[str], result: Extraction) -> Extraction:
    # A quote left open over several paragraphs: a part with its own attribution lends it to
    # the parts that have none (the attribution is often in the last paragraph).
    for item in found:
        head = item.chain_head
        if head is not None and item.attribution is not None and head.attribution is None:
            for other in found:
                if other is head or other.chain_head is head:
                    if other.attribution is None:
                        _settle(other, item.attribution.who, "paragraph-continued", min(0.9, item.attribution.confidence))
    taken = [(q.block, q.start, q.end) for q in article.quotes if q.located]
    used_ids = {q.id for q in article.quotes} | set(index.entries)
    number = 0
    ids: dict[int, str] = {}
    speakers: set[str] = set()
    for item in found:
        if any(b == item.block and s < item.end and item.start < e for b, s, e in taken):
            continue
        who = item.who or Who("unknown", None, "unattributed")
        if item.chain_head is not None and id(item.chain_head) in ids:
            base = ids[id(item.chain_head)]
            part = 2
            while f"{base}.{part}" in used_ids:
                part += 1
            quote_id = f"{base}.{part}"
        else:
            number += 1
            while f"q{number}" in used_ids:
                number += 1
            quote_id = f"q{number}"
            ids[id(item)] = quote_id
        used_ids.add(quote_id)
        speaker = who.speaker_id if who.voice == "speaker" else None
        voice = who.voice if speaker or who.voice != "speaker" else "unknown"
        if speaker:
            speakers.add(speaker)
        result.quotes.append(Quote(
            id=quote_id, text=texts[item.block][item.start:item.end], speaker_id=speaker, voice=voice,
            kind=item.kind, block=item.block, start=item.start, end=item.end, origin="extracted",
            confidence=item.confidence, rule=item.rule or "unattributed",
        ))
    for entity_id in sorted(speakers - supplied, key=list(index.entries).index):
        entry = index.entries[entity_id]
        if entry.kind == "organization":
            result.organizations.append(Organization(id=entity_id, name=entry.name))
        else:
            result.people.append(Person(id=entity_id, name=entry.name))
    return result
