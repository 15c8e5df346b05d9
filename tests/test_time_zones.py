"""Named time zones through both formats in a DST fold or gap: the instant and its offset are
kept, the zone name is not (docs/fidelity.md; the ordinary case is test_loss_named_time_zone
and test_zone_names_come_back_as_offsets_at_the_same_instant), and by PEP 495 that makes the
datetimes unequal."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsml_export.formats import jsonld, newsml_g2
from newsml_export.model import Article
from newsml_export.roundtrip import diff_articles

BERLIN = ZoneInfo("Europe/Berlin")
CODECS = {"jsonld": jsonld, "newsml": newsml_g2}
# 2022-10-30 02:30 happened twice in Berlin (fold 0: CEST, fold 1: CET); 2022-03-27 02:30 never.
FOLD_OR_GAP = {
    "fold-0": (datetime(2022, 10, 30, 2, 30, tzinfo=BERLIN), "2022-10-30T02:30:00+02:00"),
    "fold-1": (datetime(2022, 10, 30, 2, 30, fold=1, tzinfo=BERLIN), "2022-10-30T02:30:00+01:00"),
    "gap": (datetime(2022, 3, 27, 2, 30, tzinfo=BERLIN), "2022-03-27T02:30:00+01:00"),
}


def _article(published):
    return Article(id="urn:newsml:example.org:tz", language="en", headline="H", published=published)


@pytest.mark.parametrize("case", FOLD_OR_GAP, ids=FOLD_OR_GAP)
@pytest.mark.parametrize("codec", CODECS.values(), ids=CODECS)
def test_a_time_in_a_fold_or_gap_keeps_its_instant_but_compares_unequal(codec, case):
    published, written = FOLD_OR_GAP[case]
    original = _article(published)
    if codec is jsonld:
        assert b'"datePublished": "' + written.encode() + b'"' in codec.dump(original)
    back = codec.load(codec.dump(original))
    assert back.published.isoformat() == written
    assert back.published.timestamp() == original.published.timestamp()
    assert back.published.utcoffset() == original.published.utcoffset()
    # PEP 495: an aware datetime whose offset depends on fold is never equal to one in another
    # tzinfo, so the articles differ although every written value is the same.
    assert back.published != original.published and back != original
    assert list(diff_articles(original, back)) == []
