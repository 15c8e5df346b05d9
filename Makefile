# The README's two commands. Each makes its own virtualenv, so nothing installed by hand counts.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
EXAMPLE := examples/putin-china
OUT    := out/demo

.PHONY: demo test venv schema clean bench fuzz

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever the project metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# The official schemas come from ../shared when it is there (no network), else from their
# official URLs; every file is checked against its pinned sha256 either way.
demo: venv
	@if [ -d "$(SHARED)/iptc" ]; then $(BIN)/newsml-export schemas install --from $(SHARED) >/dev/null; \
	  else $(BIN)/newsml-export schemas install >/dev/null; fi
	$(BIN)/newsml-export inspect $(EXAMPLE)/article.txt
	$(BIN)/newsml-export convert $(EXAMPLE)/article.txt --to all -o $(OUT)
	$(BIN)/newsml-export convert $(EXAMPLE)/article.txt --to newsml --body nitf -o $(OUT)/article.nitf.xml
	$(BIN)/newsml-export validate $(OUT)/article.jsonld $(OUT)/article.html $(OUT)/article.xml $(OUT)/article.nitf.xml
	$(BIN)/newsml-export roundtrip $(EXAMPLE)/article.txt

test: venv
	$(BIN)/python -m pytest -q

# Measured, not assumed: each benchmark prints its figures (see bench/). bench/batch.py also
# writes bench/RESULTS.md; the full run uses 10,000 articles (a few minutes on 2 cores),
# `make bench BENCH_ARGS=--quick` 1,000.
BENCH_ARGS ?=
bench: venv
	$(BIN)/python bench/vocabulary.py
	$(BIN)/python bench/read.py
	$(BIN)/python bench/jsonld_export.py
	$(BIN)/python bench/batch.py $(BENCH_ARGS)

# The long fuzz campaign (the test suite runs the same targets briefly): FUZZ_MINUTES=30 make fuzz
FUZZ_MINUTES ?= 10
fuzz: venv
	$(BIN)/python fuzz/run.py --minutes $(FUZZ_MINUTES)

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis

# Regenerate schemas/article.schema.json after changing the model (a test fails until you do).
schema: venv
	$(BIN)/python -m newsml_export.schemas
