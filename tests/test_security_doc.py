"""docs/security.md stays true: every test it names exists, and it holds the last fuzz
campaign's figures with no crash."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


def test_every_test_named_exists():
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")}
    for name in set(re.findall(r"`(test_\w+\.py)", DOC)):
        assert name in sources, name
    everything = "\n".join(sources.values())
    for name in set(re.findall(r"(?<![\w.])(test_\w+?)(?:`|\[)", DOC)):
        assert f"def {name}(" in everything, name


def test_the_last_campaign_is_recorded_with_no_crash():
    figures = re.search(r"inputs tried: ([\d,]+), crashes: (\d+)", DOC)
    assert figures is not None and int(figures.group(1).replace(",", "")) >= 100_000 and figures.group(2) == "0"
