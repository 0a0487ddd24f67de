# kaoping — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
OUT    ?= out

.PHONY: install system-deps run serve test eval bench schemas schemas-check lint fuzz clean

# Debian packages, pinned to the versions tested on Debian 12 (bookworm): LibreOffice converts
# legacy .doc/.wps to DOCX (extractors/legacy.py); opencv (OCR of scanned PDFs) loads libGL and
# glib at import; the workbench's browser tests drive Chromium through chromedriver, with CJK fonts
# so screenshots show Chinese. If the mirror has moved on to a newer security build, the current one
# is installed instead, so CI keeps working.
SYSTEM_DEBS ?= libreoffice-writer-nogui=4:7.4.7-1+deb12u14 libgl1=1.6.0-1 libglib2.0-0=2.74.6-2+deb12u8 \
	chromium=156.0.8078.129-1~deb12u1 chromium-driver=156.0.8078.129-1~deb12u1 fonts-noto-cjk=1:20220127+repack1-1
SUDO        ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends

# constraints.txt pins every transitive dependency to the set the tests pass with
# (regenerate: pip freeze --exclude-editable > constraints.txt in a fresh .venv).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip==26.3
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@missing=""; \
	for spec in $(SYSTEM_DEBS); do \
	  dpkg -s "$${spec%%=*}" >/dev/null 2>&1 || missing="$$missing $$spec"; \
	done; \
	if [ -z "$$missing" ]; then \
	  echo "系统依赖已齐备（LibreOffice、libGL、glib、Chromium、中文字体）"; \
	else \
	  $(SUDO) apt-get update && \
	  { $(APT_INSTALL) $$missing || \
	    { echo "固定版本已不在软件源中，改装当前版本"; $(APT_INSTALL) $$(echo $$missing | sed 's/=[^ ]*//g'); }; }; \
	fi

# The main job on the bundled corpus: every stage once, results under $(OUT)/.
run: $(STAMP) system-deps
	$(BIN)/kaoping extract $(CORPUS)/docs/* $(CORPUS)/seeds/* $(CORPUS)/variants/* -o $(OUT)/extract
	$(BIN)/kaoping rules $(CORPUS)/docs/wujin-2021-jixiao.docx -o $(OUT)/rules/wujin-2021-jixiao.yaml
	$(BIN)/kaoping rules $(CORPUS)/docs/qiaocheng-2023-kaoping.docx -o $(OUT)/rules/qiaocheng-2023-kaoping.xlsx
	-$(BIN)/kaoping lint $(CORPUS)/docs/*.docx
	-$(BIN)/kaoping check $(CORPUS)/docs/qiaokou-2020-zipingbiao.docx -o $(OUT)/check/qiaokou
	-$(BIN)/kaoping check $(CORPUS)/docs/jintan-2017-zhenggai.docx -o $(OUT)/check/jintan
	$(BIN)/python -m pipeline.demo $(OUT)
	$(BIN)/kaoping compare $(CORPUS)/docs/wujin-2021-jixiao.docx $(CORPUS)/docs/qiaocheng-2023-kaoping.docx \
	    $(CORPUS)/docs/songjiang-2021-kaoping.docx $(CORPUS)/docs/qiaokou-2020-zipingbiao.docx -o $(OUT)/compare/report.html
	$(BIN)/kaoping compare $(CORPUS)/docs/wujin-2021-jixiao.docx $(CORPUS)/docs/qiaocheng-2023-kaoping.docx \
	    $(CORPUS)/docs/songjiang-2021-kaoping.docx $(CORPUS)/docs/qiaokou-2020-zipingbiao.docx -o $(OUT)/compare/report.xlsx
	$(BIN)/kaoping batch $(CORPUS)/docs $(CORPUS)/variants $(CORPUS)/seeds $(CORPUS)/bad --db $(OUT)/archive.duckdb --workers 2

# 考评工作台 on the bundled corpus's archive (built by `kaoping batch` first when missing).
PORT ?= 8765
serve: $(STAMP) system-deps $(OUT)/archive.duckdb
	$(BIN)/kaoping serve --db $(OUT)/archive.duckdb --port $(PORT)

$(OUT)/archive.duckdb: | $(STAMP)
	$(BIN)/kaoping batch $(CORPUS)/docs $(CORPUS)/variants $(CORPUS)/seeds --db $@ --workers 2

test: $(STAMP) schemas-check system-deps
	$(BIN)/python -m pytest

eval: $(STAMP) system-deps
	$(BIN)/python -m pipeline.evaluate
	$(BIN)/python -m pipeline.normalize.evaluate

bench: $(STAMP) system-deps
	$(BIN)/python -m pipeline.bench

schemas: $(STAMP)
	$(BIN)/python -m schemas.generate

schemas-check: $(STAMP)
	$(BIN)/python -m schemas.generate --check

# Code lint (ruff). Checking schemes themselves is `kaoping lint FILE`.
lint: $(STAMP)
	$(BIN)/ruff check pipeline extractors schemas tests

# Coverage-guided fuzzing (atheris) of the text, HTML, DOCX and XLSX readers, FUZZ_SECONDS each;
# crashing inputs are kept under $(OUT)/fuzz/<reader>/ with the command that replays them.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	rm -rf $(OUT)/fuzz
	$(BIN)/python -m tests.fuzz.readers all $(FUZZ_SECONDS) $(OUT)/fuzz

clean:
	rm -rf $(OUT) .pytest_cache
