"""Validators. Each returns a :class:`~newsml_export.validation.report.Report`; none raises on
invalid input."""
