# clvsim performance targets; the root Makefile includes this file:  include Benchmarks/bench.mk
#   make bench           package-benchmark suites (bit generator, samplers, trials, CLV, study, analysis)
#   make bench-compare   clvsim (--analysis summary, full beside it) vs the NumPy and Numba peers and every target
#                        of the performance issue, PASS/FAIL each
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

## bench-compare: release clvsim against ../shared/bench/reference.py and numba_peer.py, same studies,
## trials and seed. The peers' Python packages (NumPy, PyYAML, Numba) are installed with pip when
## missing, quietly: pip itself from Debian's python3-pip when this Python has none, and a second try
## with --break-system-packages for a Debian Python (externally managed). The script warms Numba's
## cache once, untimed.
PIP_INSTALL = $(PYTHON) -m pip install -q --disable-pip-version-check --root-user-action=ignore
PEER_PACKAGES := numpy pyyaml numba
bench-compare: release
	@$(PYTHON) -m pip --version >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-pip >/dev/null)
	@$(PYTHON) -c 'import numpy, yaml, numba' 2>/dev/null || $(PIP_INSTALL) $(PEER_PACKAGES) >/dev/null 2>&1 \
	  || $(PIP_INSTALL) --break-system-packages $(PEER_PACKAGES) >/dev/null
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
