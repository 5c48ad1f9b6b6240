#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): grade a generated class with grade-batch, in the sandbox, over all
# exercises, once with -j 1 and once with -j 2 (fresh output folders, warm build slots), and print seconds per
# submission and the speed-up. The class mixes reference answers, untouched stubs, the sample wrong answers and
# hostile submissions (kills its own grader process; endless loops are left out: each costs its time limit by
# design). Usage: class-grading.sh [students] (default 52). Goal (issue 7): ≤ 3 s per submission.
set -euo pipefail
cd "$(dirname "$0")/../.."
students="${1:-52}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
class="$work/class"
mkdir -p "$class"

submissions=tests/ExerciseKit.Tests/Submissions
for i in $(seq 1 "$students"); do
  id=$(printf 'student-%03d' "$i")
  mkdir -p "$class/$id/exercises"
  case $((i % 4)) in
    0) cp -r solutions/. "$class/$id/exercises/" ;;                        # correct
    1) ;;                                                                   # untouched
    2) cp -r "$submissions/common-mistakes/." "$class/$id/exercises/" ;;     # wrong answers
    3) cp -r "$submissions/kills-itself/." "$class/$id/exercises/" ;;        # hostile: kills its grader process
  esac
  # Each handed-in file carries its author's name, as real ones differ: only untouched exercises share content (and
  # are graded once per run). A file outside the editable ones makes even untouched submissions differ.
  find "$class/$id/exercises" -name '*.cs' -exec sh -c 'printf "\n// %s\n" "$1" >> "$2"' _ "$id" {} \;
  echo "// $id" >> "$class/$id/exercises/.signature"
done

dotnet build graders/engine/ExerciseKit.Cli -nologo -v:q > /dev/null
cli=(dotnet artifacts/exercises/bin/ExerciseKit.Cli/debug/exercisekit.dll)
# Warm both build slots: students 1, 14, 27 and 40 (untouched, wrong, hostile, correct); the two workers take the first
# two at once, and those two alone hold every exercise in files no other submission shares.
"${cli[@]}" grade-batch "$class" --out "$work/warm" -j 2 --shard "1/13" > /dev/null

# CPU time the whole machine spent (user, nice, system, irq), in clock ticks: it includes the compiler server, which
# is no child of the grading run.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
ticks=$(getconf CLK_TCK)

for jobs in 1 2; do
  busy_before=$(busy_ticks)
  start=$(date +%s%N)
  "${cli[@]}" grade-batch "$class" --out "$work/out-$jobs" -j "$jobs" > "$work/log-$jobs" 2>&1
  end=$(date +%s%N)
  seconds[$jobs]=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
  cpu[$jobs]=$(($(busy_ticks) - busy_before)) # in ticks
done
printf 'grade-batch, %d submissions x %d exercises, sandboxed, %d cores\n' "$students" "$(ls -d exercises/*/ | wc -l)" "$(nproc)"
for jobs in 1 2; do
  awk -v s="${seconds[$jobs]}" -v n="$students" -v j="$jobs" -v c="$(awk -v t="${cpu[$jobs]}" -v hz="$ticks" 'BEGIN { print t / hz }')" -v k="$(nproc)" \
    'BEGIN { printf "  -j %d  %7.1f s  %5.2f s per submission  %5.0f CPU-s on the machine (%.1f per submission, cores %.0f%% busy)\n", j, s, s / n, c, c / n, 100 * c / s / k }'
done
awk -v a="${seconds[1]}" -v b="${seconds[2]}" 'BEGIN { printf "  speed-up of -j 2 over -j 1: %.2fx\n", a / b }'
# A fast run that graded wrongly is no result: the totals each kind of submission got, and whether both runs agree.
awk -F, 'NR > 1 { kind = substr($1, 9) % 4; seen[kind "," $(NF - 2)]++ }
  END { split("correct untouched wrong hostile", name, " ")
    printf "  totals (-j 2):"
    for (k = 0; k < 4; k++) { printf "  %s", name[k + 1]; for (key in seen) { split(key, p, ","); if (p[1] == k) printf " %d×%s", seen[key], p[2] } }
    print "" }' "$work/out-2/gradebook.csv"
if cmp -s "$work/out-1/gradebook.csv" "$work/out-2/gradebook.csv"; then
  echo "  gradebooks of -j 1 and -j 2: identical"
else
  echo "  gradebooks of -j 1 and -j 2 DIFFER:"
  diff "$work/out-1/gradebook.csv" "$work/out-2/gradebook.csv" | sed 's/^/    /'
fi
