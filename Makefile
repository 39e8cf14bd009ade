# spc: one place for the commands of the README and CI.
CARGO ?= cargo
SPC_RELEASE := target/release/spc
# Python: a venv with the pinned tools of crates/spc-py/requirements-dev.txt.
PYTHON ?= python3
VENV ?= .venv
VPY := $(CURDIR)/$(VENV)/bin/python
PY_REQS := crates/spc-py/requirements-dev.txt
# pytest on the package and the notebooks; "no test collected" (exit 5) is a failure here.
PYTEST = cd crates/spc-py && $(VPY) -m pytest -q -p no:cacheprovider tests; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no test"; exit 1; fi; exit $$rc

.PHONY: demo test lint fmt bench build gallery py-develop test-python

## The main job on bundled data: SSB's national sick-leave rate, before and after the 2004 reform;
## then Oslo's KOSTRA indicators as a dashboard page.
demo:
	$(CARGO) build --release -p spc-cli
	$(SPC_RELEASE) chart data/sykefravaer_totalt.csv --chart i --x kvartal --y sykefravær_prosent \
		--part 16 --data sykefravaer_i_chart.csv
	@echo "Per-point result written to sykefravaer_i_chart.csv"
	$(SPC_RELEASE) kostra dashboard data/kostra/ssb_07459_population_municipality_2005_2021.csv \
		--region 0301 --groups data/kostra/ssb_kostra_groups_2015.csv -o oslo_dashboard.html
	@echo "KOSTRA dashboard for Oslo written to oslo_dashboard.html (open it in a browser)"

## Every test: formatting, unit, golden, property, CLI and doc tests, benches in test mode;
## then the Python package (built into .venv, debug, target/), its tests and the notebooks.
## spc-py (no Rust tests) is left out of `cargo test`: with it, pyo3-polars turns on polars'
## Python feature for every crate and each test binary would link libpython.
test:
	$(CARGO) fmt --all -- --check
	@# The KOSTRA dashboard test renders its page in headless Chromium (Debian's package).
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }
	$(CARGO) test --workspace --exclude spc-py --all-targets
	$(CARGO) test --workspace --exclude spc-py --doc
	$(MAKE) py-develop
	$(PYTEST)

$(VENV)/.installed: $(PY_REQS)
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r $(PY_REQS)
	touch $@

## The Python package `spc` into .venv, editable: maturin develop (dev profile, target/).
py-develop: $(VENV)/.installed
	cd crates/spc-py && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(VPY) -m maturin develop --quiet

## Only the Python tests and notebooks.
test-python: py-develop
	$(PYTEST)

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

bench:
	bash benches/compare/run_all.sh

build:
	$(CARGO) build --release -p spc-cli

## docs/gallery: a PNG of every chart kind, a faceted chart and a Norwegian A3 poster.
gallery:
	$(CARGO) build --release -p spc-cli
	SPC=$(SPC_RELEASE) bash docs/gallery/gallery.sh docs/gallery
