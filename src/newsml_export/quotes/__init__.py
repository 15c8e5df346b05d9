"""Quotations and their speakers: locating supplied quotes, extracting and attributing new
ones (see docs/quotes.md). Internal: the public entry points are ``load_article`` (locates)
and the ``extract`` command."""
