# kaoping — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
OUT    ?= out

.PHONY: install run test eval bench schemas schemas-check lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kaoping extract $(CORPUS)/docs/* $(CORPUS)/seeds/* $(CORPUS)/variants/*.xlsx $(CORPUS)/variants/*.html $(CORPUS)/variants/*-unruled.pdf -o $(OUT)/extract

test: $(STAMP) schemas-check
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m pipeline.evaluate

bench: $(STAMP)
	$(BIN)/python -m pipeline.bench

schemas: $(STAMP)
	$(BIN)/python -m schemas.generate

schemas-check: $(STAMP)
	$(BIN)/python -m schemas.generate --check

lint: $(STAMP)
	$(BIN)/kaoping lint $(CORPUS)/docs/*.docx

clean:
	rm -rf $(OUT) .pytest_cache
