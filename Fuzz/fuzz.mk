# Fuzzing the loader with libFuzzer (include from the Makefile: `include Fuzz/fuzz.mk`).
#   make fuzz                  60 s
#   make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 60

.PHONY: fuzz
fuzz: deps
	$(SWIFT) package resolve
	bash Fuzz/run.sh $(FUZZ_SECONDS)
