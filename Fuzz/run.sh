#!/usr/bin/env bash
# Fuzz clvsim's loader (YAML reading, extends, decoding, validation) with libFuzzer.
#   bash Fuzz/run.sh [SECONDS]      default 60
# Builds Yams' C parser (CYaml), Yams and the CLVModel sources plus Fuzz/FuzzLoader.swift with
# -sanitize=fuzzer,address into .build/fuzz/fuzz-loader, then runs it over a copy of Fuzz/corpus
# (the repository's seed corpus is never modified), with the dictionary Fuzz/clvsim.dict (keys,
# distributions, control and bidi characters, non-characters, long and dotted names, special paths). Exits non-zero when libFuzzer finds a crash;
# the crashing input is left in .build/fuzz/artifacts/ — turn it into a fixture.
set -euo pipefail
SECONDS_TO_RUN="${1:-60}"
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="$ROOT/.build/fuzz"
YAMS="$ROOT/.build/checkouts/Yams/Sources"
[ -d "$YAMS" ] || swift package resolve
mkdir -p "$OUT/obj" "$OUT/artifacts" "$OUT/work-corpus"

SAN="-sanitize=fuzzer,address"
BIN="$OUT/fuzz-loader"
MODEL=$(find Sources/CLVModel -name "*.swift" | sort)
SOURCES=$(ls $MODEL Fuzz/FuzzLoader.swift Fuzz/clvsim.dict "$YAMS"/CYaml/src/*.c "$YAMS"/Yams/*.swift)
STAMP="$OUT/sources.sha"
NEW_STAMP=$(cat $SOURCES Fuzz/run.sh | sha256sum | cut -d' ' -f1)
if [ ! -x "$BIN" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$NEW_STAMP" ]; then
  echo "fuzz: building $BIN (log: $OUT/build.log)"
  exec 3>&1 >"$OUT/build.log" 2>&1
  for c in "$YAMS"/CYaml/src/*.c; do
    clang -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC \
      -I "$YAMS/CYaml/include" "$c" -o "$OUT/obj/$(basename "$c" .c).o"
  done
  swiftc -parse-as-library -module-name Yams -D SWIFT_PACKAGE -emit-module -emit-module-path "$OUT/Yams.swiftmodule" \
    -I "$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC -O -g $SAN -c "$YAMS"/Yams/*.swift \
    -wmo -o "$OUT/obj/Yams.o"
  swiftc -parse-as-library -module-name CLVModel -I "$OUT" -I "$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC \
    -enable-upcoming-feature InternalImportsByDefault -enable-upcoming-feature ExistentialAny \
    -swift-version 6 -O -g $SAN \
    $MODEL Fuzz/FuzzLoader.swift \
    "$OUT"/obj/*.o -o "$BIN"
  exec 1>&3 2>&1
  echo "$NEW_STAMP" > "$STAMP"
fi

cp -n Fuzz/corpus/* "$OUT/work-corpus/" 2>/dev/null || true
LOG="$OUT/last-run.log"
set +e
"$BIN" "$OUT/work-corpus" -max_total_time="$SECONDS_TO_RUN" -timeout=20 -rss_limit_mb=2048 \
  -max_len=65536 -dict="$ROOT/Fuzz/clvsim.dict" -artifact_prefix="$OUT/artifacts/" -print_final_stats=1 2>&1 | tee "$LOG" | grep -E "^#[0-9]+[[:space:]]+(pulse|DONE)|ERROR|SUMMARY|stat::number_of_executed_units"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "fuzz: libFuzzer exited $status — see $LOG and $OUT/artifacts/" >&2
  exit 1
fi
echo "fuzz: no crash in ${SECONDS_TO_RUN}s ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$LOG" | grep -o '[0-9]*$') executions)"
