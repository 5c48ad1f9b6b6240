#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): warm edit→verdict latency, `check` and `watch` against `dotnet test`
# of the same graders, measured side by side in one run. Each round "edits" a learner file (touch), then times
# `check` or `dotnet test`; a running `watch` is timed from rewriting the file to the end of its report. Medians of
# N rounds and the ratios are printed per exercise. The CLI runs as the installed tool would (the built CLI, no
# `dotnet run`). Usage: check-latency.sh [rounds] [ids...] (default: 3 rounds, 04 (no TorchSharp) and 01 (TorchSharp)).
# Goal (issue 6): check ≥ 5× faster than dotnet test, ≤ 1 s non-Torch / ≤ 2.5 s Torch.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
shift || true
ids=("${@:-04-threads-vs-processes}")
[ $# -eq 0 ] && ids=(04-threads-vs-processes 01-logistic-regression)

dotnet build graders/engine/ExerciseKit.Cli -nologo -v:q > /dev/null
cli=(dotnet artifacts/exercises/bin/ExerciseKit.Cli/debug/exercisekit.dll)

now() { date +%s%N; }
seconds() { local start end; start=$(date +%s%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s%N); awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for id in "${ids[@]}"; do
  editable="exercises/$id/$(sed -n 's/.*"editable": \["\([^"]*\)".*/\1/p' "exercises/$id/exercise.json")"
  # check, watch, then dotnet test: `dotnet test` rebuilds the same grader output in learner mode, which a learner
  # who uses check or watch would not keep doing between two checks.
  "${cli[@]}" check "$id" > /dev/null 2>&1 || true # warm: the first grade builds fully and records the compile plan
  check_times=(); test_times=()
  for _ in $(seq "$rounds"); do
    touch "$editable"; check_times+=("$(seconds "${cli[@]}" check "$id")")
  done
  # watch: edit (rewrite the file's bytes, as an editor's save does), then wait for the next "Watching" line
  log=$(mktemp)
  "${cli[@]}" watch "$id" > "$log" 2>&1 &
  watcher=$!
  until grep -q '^Watching' "$log"; do sleep 0.05; done
  watch_times=()
  for round in $(seq -1 "$rounds"); do # two unmeasured rounds first: a watch that has run a while is warm
    sleep 2 # the learner is typing: the next grader process gets ready meanwhile
    reports=$(grep -c '^Watching' "$log")
    start=$(now)
    cat "$editable" > "$editable.tmp" && cat "$editable.tmp" > "$editable" && rm "$editable.tmp"
    until [ "$(grep -c '^Watching' "$log")" -gt "$reports" ]; do sleep 0.01; done
    end=$(now)
    [ "$round" -gt 0 ] && watch_times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }')")
  done
  kill -TERM "$watcher"; wait "$watcher" 2> /dev/null || true # SIGINT is ignored by background jobs of a script
  rm -f "$log"

  dotnet build "graders/$id" -nologo -v:q > /dev/null
  for _ in $(seq "$rounds"); do
    touch "$editable"; test_times+=("$(seconds dotnet test --project "graders/$id")")
  done

  check=$(printf '%s\n' "${check_times[@]}" | median)
  watch=$(printf '%s\n' "${watch_times[@]}" | median)
  dtest=$(printf '%s\n' "${test_times[@]}" | median)
  printf 'exercise %s, %d rounds (median), learner code as it is in exercises/\n' "$id" "$rounds"
  printf '  check        %6.2f s\n' "$check"
  printf '  watch        %6.2f s (save → report)\n' "$watch"
  printf '  dotnet test  %6.2f s\n' "$dtest"
  awk -v c="$check" -v w="$watch" -v t="$dtest" 'BEGIN { printf "  ratio        %6.2f× check, %6.2f× watch (dotnet test / …; goal ≥ 5)\n", t / c, t / w }'
done
