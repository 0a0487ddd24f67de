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
# glib at import; headless Chromium (and its WebDriver) with CJK fonts renders reports and drives the
# workbench in the browser tests, so screenshots show Chinese. If the mirror has moved on to a newer
# security build, the current one is installed instead, so CI keeps working.
SYSTEM_DEBS ?= libreoffice-writer-nogui=4:7.4.7-1+deb12u14 libgl1=1.6.0-1 libglib2.0-0=2.74.6-2+deb12u8 \
               chromium=156.0.8078.129-1~deb12u1 chromium-driver=156.0.8078.129-1~deb12u1 \
               fonts-noto-cjk=1:20220127+repack1-1
SUDO        ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends
LOGS        := $(OUT)/logs

# constraints.txt pins every transitive dependency to the set the tests pass with
# (regenerate: pip freeze --exclude-editable > constraints.txt in a fresh .venv).
# pip's log is shown only when something fails.
$(STAMP): pyproject.toml constraints.txt
	@echo "安装 Python 依赖到 $(VENV)（固定版本）…"
	@log=$$(mktemp); \
	{ { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && \
	  $(BIN)/pip install --quiet --disable-pip-version-check pip==26.3 && \
	  $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'; } >$$log 2>&1 \
	  || { cat $$log; rm -f $$log; echo "安装失败（pip 日志见上）"; exit 1; }; \
	rm -f $$log
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@missing=""; \
	for spec in $(SYSTEM_DEBS); do \
	  dpkg -s "$${spec%%=*}" >/dev/null 2>&1 || missing="$$missing $$spec"; \
	done; \
	if [ -z "$$missing" ]; then \
	  echo "系统依赖已齐备（LibreOffice、libGL、glib、Chromium、中文字体）"; \
	else \
	  echo "安装系统依赖：$$missing"; log=$$(mktemp); \
	  { $(SUDO) apt-get update && \
	    { $(APT_INSTALL) $$missing || \
	      { echo "固定版本已不在软件源中，改装当前版本"; $(APT_INSTALL) $$(echo $$missing | sed 's/=[^ ]*//g'); }; }; \
	  } >$$log 2>&1 || { cat $$log; rm -f $$log; echo "系统依赖安装失败（apt 日志见上）"; exit 1; }; \
	  rm -f $$log; \
	fi

# One step of `make run`: say what it does, keep its whole output in $(LOGS)/<name>.log, show its last
# lines; exit statuses in $(4) are results (lint: 1 = problems found; check: 2 = a discrepancy found),
# any other status fails the run and shows the log.
define step
	@mkdir -p $(LOGS); printf '▸ %s\n' "$(1)"; \
	{ $(3); } >$(LOGS)/$(2).log 2>&1; rc=$$?; \
	case " 0 $(4) " in *" $$rc "*) ;; *) cat $(LOGS)/$(2).log; echo "✗ $(1) 失败（退出状态 $$rc）"; exit $$rc;; esac; \
	$(or $(5),tail -n 1) $(LOGS)/$(2).log | sed 's/^/  /'
endef

SCHEMES := $(CORPUS)/docs/wujin-2021-jixiao.docx $(CORPUS)/docs/qiaocheng-2023-kaoping.docx \
           $(CORPUS)/docs/songjiang-2021-kaoping.docx $(CORPUS)/docs/qiaokou-2020-zipingbiao.docx

# The main job on the bundled corpus: every stage once, results under $(OUT)/, logs under $(LOGS)/.
run: $(STAMP) system-deps
	$(call step,提取指标表（DOCX、PDF、文本、XLSX、HTML、扫描件）,extract,\
	  $(BIN)/kaoping extract $(CORPUS)/docs/* $(CORPUS)/seeds/* $(CORPUS)/variants/* -o $(OUT)/extract)
	$(call step,生成规则手册（YAML 与可在 Excel 中修改的 XLSX）,rules,\
	  $(BIN)/kaoping rules $(CORPUS)/docs/wujin-2021-jixiao.docx -o $(OUT)/rules/wujin-2021-jixiao.yaml && \
	  $(BIN)/kaoping rules $(CORPUS)/docs/qiaocheng-2023-kaoping.docx -o $(OUT)/rules/qiaocheng-2023-kaoping.xlsx,,tail -n 2)
	$(call step,检查方案中的问题,lint,$(BIN)/kaoping lint $(CORPUS)/docs/*.docx,1)
	$(call step,核对自评表与整改方案的算术,check,\
	  $(BIN)/kaoping check $(CORPUS)/docs/qiaokou-2020-zipingbiao.docx -o $(OUT)/check/qiaokou; \
	  a=$$?; $(BIN)/kaoping check $(CORPUS)/docs/jintan-2017-zhenggai.docx -o $(OUT)/check/jintan; \
	  b=$$?; [ $$a -le 2 ] && [ $$b -le 2 ] && [ $$a -ne 1 ] && [ $$b -ne 1 ],,grep '^共')
	$(call step,用模拟事件计分排名（谯城 司法所×12个月，松江 机关科室）,score,$(BIN)/python -m pipeline.demo $(OUT),,grep '^【')
	$(call step,跨地区比较（HTML 与 Excel 报告）,compare,\
	  $(BIN)/kaoping compare $(SCHEMES) -o $(OUT)/compare/report.html && \
	  $(BIN)/kaoping compare $(SCHEMES) -o $(OUT)/compare/report.xlsx,,grep '^报告已写出')
	$(call step,批量处理整个语料文件夹（含损坏文件）到 DuckDB,batch,\
	  $(BIN)/kaoping batch $(CORPUS)/docs $(CORPUS)/variants $(CORPUS)/seeds $(CORPUS)/bad --db $(OUT)/archive.duckdb --workers 2,,tail -n 2)
	@echo "完成。结果在 $(OUT)/：extract/ rules/ check/ score-qiaocheng/ score-songjiang/ compare/ archive.duckdb"
	@echo "      查询档案：$(BIN)/kaoping query \"SELECT title, status FROM documents\" --db $(OUT)/archive.duckdb；日志在 $(LOGS)/"

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
