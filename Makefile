# kaoping — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
OUT    ?= out

.PHONY: install system-deps run test eval bench schemas schemas-check lint clean

# Debian packages: LibreOffice converts legacy .doc/.wps to DOCX (extractors/legacy.py).
# Pinned to the version tested on Debian 12; if the mirror has moved on to a newer security
# build, the current one is installed instead so CI keeps working.
LIBREOFFICE_DEB     ?= libreoffice-writer-nogui
LIBREOFFICE_VERSION ?= 4:7.4.7-1+deb12u14
SUDO                ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL         := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip==26.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@if command -v soffice >/dev/null 2>&1; then \
	  echo "LibreOffice 已安装：$$(soffice --version 2>/dev/null | head -n1)"; \
	else \
	  $(SUDO) apt-get update && \
	  { $(APT_INSTALL) $(LIBREOFFICE_DEB)=$(LIBREOFFICE_VERSION) || \
	    { echo "固定版本 $(LIBREOFFICE_VERSION) 已不在软件源中，改装当前版本"; $(APT_INSTALL) $(LIBREOFFICE_DEB); }; }; \
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

test: $(STAMP) schemas-check system-deps
	$(BIN)/python -m pytest

eval: $(STAMP) system-deps
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
