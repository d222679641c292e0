# clvsim — the two commands a new user needs:
#   make report   installs what is missing, builds (release), runs the example studies, writes reports/
#   make test     the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
STUDIES := retail-bank insurer internet-finance securities service-centre
# Reports are dated by the last commit that touched the scenarios, so regenerating them from
# unchanged inputs gives the same bytes (model.md 4). Outside git, the date is today.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- scenarios 2>/dev/null)
export SOURCE_DATE_EPOCH

# Builds are plain `swift build`: no processor flags are needed for speed. The binomial lanes'
# kernel (Sources/CLVLanes) is compiled for AVX-512, AVX2 and SSE2 (NEON on arm64) and picks the
# best the processor runs at start-up, with the same bytes on every one (docs/performance.md);
# Package.swift drops the exclusivity checks in release builds. CPU_FLAGS='-Xswiftc -target-cpu
# -Xswiftc native' still tunes the Swift code for the host; `make bench-compare` (section build)
# measures what that is worth against the plain build.
CPU_FLAGS ?=
RELEASE_FLAGS ?= $(CPU_FLAGS)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgsl-dev pkg-config

.PHONY: all deps build release test report readme-table bench bench-compare clean

all: report

## deps: install the C library the engine needs (GSL, via Debian's libgsl-dev) when missing.
deps:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
	  echo "Installing $(APT_PACKAGES) ..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build $(CPU_FLAGS)

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)

## test: the whole suite (Swift Testing).
test: deps
	$(SWIFT) build --build-tests $(CPU_FLAGS)
	$(SWIFT) test --skip-build --disable-xctest $(CPU_FLAGS)

## report: run the shipped example studies and write reports/<study>/. clvsim itself never runs git
## (it reads HEAD from .git); make passes the last commit that changed each scenario folder instead,
## so that regenerated reports keep their bytes.
report: release
	@for s in $(STUDIES); do \
	  mkdir -p reports/$$s; \
	  echo "== $$s"; \
	  CLVSIM_SCENARIO_COMMIT=$$(git log -1 --format=%H -- scenarios/$$s 2>/dev/null) \
	  .build/release/clvsim run scenarios/$$s/study.yaml --json reports/$$s/results.json --report reports/$$s || exit $$?; \
	done

## readme-table: rewrite the README's table of the five cases from reports/*/results.json (after
## `make report`). The table is made by CLVReport's CaseTable; the test that checks it is current
## writes it when CLVSIM_UPDATE_README=1.
readme-table: deps
	$(SWIFT) build --build-tests $(CPU_FLAGS)
	CLVSIM_UPDATE_README=1 $(SWIFT) test --skip-build --disable-xctest $(CPU_FLAGS) --filter CaseTableTests

clean:
	rm -rf .build

# make fuzz [FUZZ_SECONDS=600]: libFuzzer over loading and validation (Fuzz/run.sh).
include Fuzz/fuzz.mk
include Benchmarks/bench.mk
