"""Generated articles survive JSON-LD (and the HTML script block) unchanged, and what is
written passes all three checks with zero errors."""

from hypothesis import HealthCheck, given, seed, settings

from newsml_export.formats import jsonld
from newsml_export.validation.jsonld import validate
from newsml_export.validation.report import Report

from .strategies import articles

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@seed(20220205)
@SETTINGS
@given(articles())
def test_load_dump_is_identity_and_silent(article):
    report = Report()
    assert jsonld.load(jsonld.dump(article), report=report) == article
    assert report.issues == []


@seed(20220205)
@settings(SETTINGS, max_examples=60)
@given(articles())
def test_html_block_round_trips(article):
    assert jsonld.load(jsonld.dump(article, html=True)) == article


@seed(20220205)
@settings(SETTINGS, max_examples=60)
@given(articles())
def test_generated_output_has_zero_errors(article):
    report = validate(jsonld.dump(article), source="<generated>")
    assert report.checked == ["jsonld-profile", "schemaorg-vocabulary-30.0", "google-article"]
    assert report.errors == [], report.render_text()
