# clvsim performance targets; the root Makefile includes this file:  include Benchmarks/bench.mk
#   make bench           package-benchmark suites (bit generator, samplers, trials, CLV, study, analysis)
#   make bench-compare   clvsim vs the NumPy peer and every target of the performance issue, PASS/FAIL each
#   make bench-profile   perf record -g of a bank-large run; top symbols into .build/perf-report.txt
# Options: BENCH_ARGS (extra flags for `swift package benchmark`, e.g. --filter 'Sampler.*'),
#          COMPARE_ARGS (extra flags for scripts/bench_compare.py, e.g. --repeat 5 --only compare,memory).
BENCH_DIR := Benchmarks
BENCH_ARGS ?=
COMPARE_ARGS ?=
PYTHON ?= python3

.PHONY: bench bench-compare bench-profile

## bench: the package-benchmark suites (a separate package, built release by the plugin).
bench: deps
	cd $(BENCH_DIR) && $(SWIFT) package --disable-sandbox benchmark --no-progress $(BENCH_ARGS)

## bench-compare: release clvsim against ../shared/bench/reference.py, same studies, trials and seed.
bench-compare: release
	@$(PYTHON) -c 'import numpy, yaml' 2>/dev/null || $(PYTHON) -m pip install -q numpy pyyaml
	$(PYTHON) scripts/bench_compare.py $(COMPARE_ARGS)

## bench-profile: where the time goes on bank-large (needs linux-perf; installed when missing).
PROFILE_STUDY ?= ../shared/bench/studies/bank-large/study.yaml
PROFILE_TRIALS ?= 10000
bench-profile: release
	@command -v perf >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq linux-perf >/dev/null)
	perf record -g -o .build/perf.data .build/release/clvsim run $(PROFILE_STUDY) --quiet --trials $(PROFILE_TRIALS) --threads 1
	perf report -i .build/perf.data --no-children --percent-limit 0.5 --stdio 2>/dev/null | grep -E '^ +[0-9]' \
	  | awk '{ print $$1, $$3, $$5 }' | $(SWIFT) demangle --simplified > .build/perf-report.txt
	@head -n 30 .build/perf-report.txt
