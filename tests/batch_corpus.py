"""Generated article corpora for the batch tests and benchmarks (``bench/batch.py``).

``seed_sized(i)`` is the seed article (14 blocks, 13 quotes, 4 people, 3 organizations, 7
places) made distinct per index: its own id, headline, date and closing sentence; quote offsets
stay true. ``small(i)`` is a short article with one speaker and one quote, for tests that need
many articles quickly. ``BROKEN`` holds inputs that fail at each stage a batch reports.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "putin-china"
_EPOCH = datetime(2022, 2, 5, 12, 0, tzinfo=timezone(timedelta(hours=1)))


@lru_cache(maxsize=1)
def _seed_document() -> dict[str, Any]:
    from newsml_export import load_article

    return load_article(EXAMPLE / "article.txt").model_dump(mode="json", exclude_none=True)


def seed_sized(index: int) -> dict[str, Any]:
    document = copy.deepcopy(_seed_document())
    document["id"] = f"urn:newsml:example.org:bench:{index}"
    document["headline"] = f"{document['headline']} ({index})"
    document["published"] = (_EPOCH + timedelta(minutes=index)).isoformat()
    # Appended text leaves every quote's block and offsets where they were.
    document["body"][-1]["text"] += f" This is report number {index}."
    return document


def small(index: int) -> dict[str, Any]:
    text = f"Report {index}: the council met on Monday. “We will build the bridge,” said Ann Smith."
    start = text.index("We will")
    return {
        "id": f"urn:newsml:example.org:small:{index}", "language": "en", "headline": f"Council report {index}",
        "published": (_EPOCH + timedelta(minutes=index)).isoformat(),
        "body": [{"kind": "paragraph", "text": text}],
        "people": [{"id": "ann", "name": "Ann Smith", "aliases": ["Smith"]}],
        "quotes": [{"id": "q1", "text": "We will build the bridge", "speaker_id": "ann",
                    "block": 0, "start": start, "end": start + len("We will build the bridge")}],
    }


def _no_date(index: int) -> dict[str, Any]:
    document = small(index)
    del document["published"]
    return document


def _unknown_speaker(index: int) -> dict[str, Any]:
    document = small(index)
    document["quotes"][0]["speaker_id"] = "nobody"
    return document


# name → (file suffix, bytes for index i, outcome, stage). One per stage a batch reports.
BROKEN: dict[str, tuple[str, Callable[[int], bytes], str, str]] = {
    "json-syntax": (".json", lambda i: b'{"id": "x", "headline": ', "failed", "read"),
    "not-utf8": (".txt", lambda i: b"Headline\n\n\xff\xfe\x00broken \xc3\x28 text", "failed", "read"),
    "schema": (".json", lambda i: json.dumps({**small(i), "headline": 42}).encode(), "failed", "read"),
    "unknown-speaker": (".json", lambda i: json.dumps(_unknown_speaker(i)).encode(), "failed", "read"),
    "xml-syntax": (".xml", lambda i: b"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/'><unclosed>", "failed", "read"),
    "no-date-for-newsml": (".json", lambda i: json.dumps(_no_date(i)).encode(), "invalid", "export"),
}


def write_tree(folder: Path, count: int, *, broken: int = 0, make: Callable[[int], dict[str, Any]] = small) -> dict[str, str]:
    """``count`` articles as canonical JSON files under ``folder`` (in a few sub-folders), of
    which ``broken`` (spread evenly) are from :data:`BROKEN`, cycling through its kinds.
    Returns {relative path of each broken input: the kind of break}."""
    kinds = list(BROKEN)
    step = count // broken if broken else 0
    broken_files = {}
    for index in range(count):
        sub = folder / f"part-{index % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        if broken and index % step == step // 2 and len(broken_files) < broken:
            kind = kinds[len(broken_files) % len(kinds)]
            suffix, data, _, _ = BROKEN[kind]
            path = sub / f"article-{index:05d}{suffix}"
            path.write_bytes(data(index))
            broken_files[path.relative_to(folder).as_posix()] = kind
        else:
            (sub / f"article-{index:05d}.json").write_text(json.dumps(make(index), ensure_ascii=False), encoding="utf-8")
    return broken_files


def jsonl_lines(count: int, *, make: Callable[[int], dict[str, Any]] = small) -> bytes:
    return b"".join(json.dumps(make(i), ensure_ascii=False).encode("utf-8") + b"\n" for i in range(count))
