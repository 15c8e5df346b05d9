# The README's two commands. Each makes its own virtualenv, so nothing installed by hand counts.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
EXAMPLE := examples/putin-china
OUT    := out/demo

.PHONY: demo test venv schema clean bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever the project metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(BIN)/newsml-export inspect $(EXAMPLE)/article.txt
	$(BIN)/newsml-export convert $(EXAMPLE)/article.txt --to jsonld -o $(OUT)/article.jsonld
	$(BIN)/newsml-export convert $(EXAMPLE)/article.txt --to html -o $(OUT)/article.html
	$(BIN)/newsml-export validate $(OUT)/article.jsonld $(OUT)/article.html

test: venv
	$(BIN)/python -m pytest -q

# Measured, not assumed: each benchmark prints its figures (see bench/).
bench: venv
	$(BIN)/python bench/vocabulary.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis

# Regenerate schemas/article.schema.json after changing the model (a test fails until you do).
schema: venv
	$(BIN)/python -m newsml_export.schemas
