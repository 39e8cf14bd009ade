# spc: one place for the commands of the README and CI.
CARGO ?= cargo
SPC_RELEASE := target/release/spc

.PHONY: demo test lint fmt bench build gallery

## The main job on bundled data: SSB's national sick-leave rate, before and after the 2004 reform.
demo:
	$(CARGO) build --release -p spc-cli
	$(SPC_RELEASE) chart data/sykefravaer_totalt.csv --chart i --x kvartal --y sykefravær_prosent \
		--part 16 --data sykefravaer_i_chart.csv
	@echo "Per-point result written to sykefravaer_i_chart.csv"

## Every test: formatting, unit, golden, property, CLI and doc tests, benches in test mode.
test:
	$(CARGO) fmt --all -- --check
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

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
