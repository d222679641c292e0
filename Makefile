# clvsim — the two commands a new user needs:
#   make report   installs what is missing, builds (release), runs the example studies, writes reports/
#   make test     the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
STUDIES := retail-bank insurer
# Reports are dated by the last commit that touched the scenarios, so regenerating them from
# unchanged inputs gives the same bytes (model.md 4). Outside git, the date is today.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- scenarios 2>/dev/null)
export SOURCE_DATE_EPOCH

# Builds target this machine's processor: with AVX-512 the engine draws eight rows' binomials
# per instruction (BinomialLanes); elsewhere it draws them one by one. Results are the same
# bytes either way (no fused multiply-add; see docs/performance.md). CPU_FLAGS= for a generic build.
CPU_FLAGS ?= -Xswiftc -target-cpu -Xswiftc native
# Release builds also drop the run-time exclusivity checks (5% of a run, measured on bank-small:
# the per-period state of each segment lives in class properties). Debug builds, which the tests
# use, keep them.
RELEASE_FLAGS ?= $(CPU_FLAGS) -Xswiftc -enforce-exclusivity=unchecked

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgsl-dev pkg-config

.PHONY: all deps build release test report bench bench-compare clean

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

clean:
	rm -rf .build

# make fuzz [FUZZ_SECONDS=600]: libFuzzer over loading and validation (Fuzz/run.sh).
include Fuzz/fuzz.mk
include Benchmarks/bench.mk
