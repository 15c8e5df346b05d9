"""docs/mapping-newsml-g2.md is generated from the codec's mapping table; it must be current,
and every Article field must have a row."""

from newsml_export import Article
from newsml_export.formats.newsml_g2.table import ROWS, mapping_markdown

from .conftest import ROOT


def test_mapping_doc_is_current():
    text = (ROOT / "docs" / "mapping-newsml-g2.md").read_text(encoding="utf-8")
    assert text == "# Article ↔ NewsML-G2 mapping\n\n" + mapping_markdown(), "regenerate docs/mapping-newsml-g2.md"


def test_every_article_field_has_a_row():
    covered = {part.strip() for row in ROWS for part in row.field.replace("quotes (located)", "quotes").split("/")}
    assert set(Article.model_fields) - covered == set()
