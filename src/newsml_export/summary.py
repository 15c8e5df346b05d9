"""A short, printable account of an article (what ``inspect`` and ``make demo`` show)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Article


def summarize(article: Article) -> dict[str, Any]:
    by_speaker = Counter(q.speaker_id for q in article.quotes if q.speaker_id)
    speakers = []
    for speaker_id, count in by_speaker.items():
        entity = article.entity(speaker_id)
        speakers.append({"id": speaker_id, "name": entity.name if entity else speaker_id, "quotes": count})
    return {
        "id": article.id,
        "version": article.version,
        "language": article.language,
        "headline": article.headline,
        "blocks": len(article.body),
        "words": article.word_count,
        "speakers": speakers,
        "quotes": len(article.quotes),
        "voices": dict(Counter(q.voice for q in article.quotes)),
    }
