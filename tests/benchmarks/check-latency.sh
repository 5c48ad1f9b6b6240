#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): warm edit→verdict latency for one exercise, `check` against
# `dotnet test` of the same graders, measured side by side in one run. Each round "edits" the learner's file
# (touch), then times both; the median of N rounds is reported with the ratio. Usage: check-latency.sh [id] [rounds]
# Goal (issue 6): check ≥ 5× faster than dotnet test, ≤ 1 s non-Torch / ≤ 2.5 s Torch. Not met yet: both are
# dominated by the MSBuild build of the exercise and graders (see the closing notes).
set -euo pipefail
cd "$(dirname "$0")/../.."
id="${1:-01-logistic-regression}"
rounds="${2:-3}"
editable=$(ls "exercises/$id"/*.cs | head -1)
cli="dotnet run --project graders/ExerciseKit.Cli --no-build --"
dotnet build graders/ExerciseKit.Cli -nologo -v:q > /dev/null
dotnet build "graders/$id" -nologo -v:q > /dev/null # warm both

seconds() { local start end; start=$(date +%s%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s%N); awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

check_times=(); test_times=()
for _ in $(seq "$rounds"); do
  touch "$editable"; check_times+=("$(seconds $cli check "$id")")
  touch "$editable"; test_times+=("$(seconds dotnet test --project "graders/$id")")
done
check=$(printf '%s\n' "${check_times[@]}" | median)
dtest=$(printf '%s\n' "${test_times[@]}" | median)
printf 'exercise %s, %d rounds (median)\n' "$id" "$rounds"
printf '  check        %6.2f s\n' "$check"
printf '  dotnet test  %6.2f s\n' "$dtest"
awk -v c="$check" -v t="$dtest" 'BEGIN { printf "  ratio        %6.2f× (dotnet test / check; goal ≥ 5)\n", t / c }'
