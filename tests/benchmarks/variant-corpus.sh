#!/usr/bin/env bash
# Grades the variant corpus (tests/ExerciseKit.Tests/Variants/NN-slug/{wrong,right}/<name>/) with the kit's CLI and
# reports how strong the graders are: a wrong variant that keeps full marks is a FALSE ACCEPT, a right variant that
# loses any point is a FALSE REJECT. The reference solution is graded too, as a control student.
#
# Usage: tests/benchmarks/variant-corpus.sh [NN-slug ...]      (default: every exercise that has variants)
#        KEEP=1 keeps the temporary class and output folders (their paths are printed).
#        ONLY=<substring> grades only the variants whose name contains it (plus the control).
#
# Each variant becomes one student, <kind>--<name>, whose exercises/NN-slug/ holds the reference answer's editable
# files overlaid with the variant's files (VARIANT.md is not copied). Grading is heavy: run one exercise at a time.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
variants="$root/tests/ExerciseKit.Tests/Variants"
cd "$root"

if [[ $# -gt 0 ]]; then
    exercises=("$@")
else
    mapfile -t exercises < <(find "$variants" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi

summary=()
for exercise in "${exercises[@]}"; do
    [[ -d "$root/solutions/$exercise" ]] || { echo "unknown exercise: $exercise" >&2; exit 2; }
    work=$(mktemp -d "/tmp/variant-corpus.$exercise.XXXXXX")
    class="$work/class"
    out="$work/out"
    mkdir -p "$class"

    add_student() { # student-id variant-folder-or-empty
        local dir="$class/$1/exercises/$exercise"
        mkdir -p "$dir"
        cp "$root/solutions/$exercise"/* "$dir/"
        if [[ -n "$2" ]]; then
            find "$2" -maxdepth 1 -type f ! -name VARIANT.md -exec cp {} "$dir/" \;
        fi
    }

    add_student "control--reference" ""
    for kind in wrong right; do
        [[ -d "$variants/$exercise/$kind" ]] || continue
        for variant in "$variants/$exercise/$kind"/*/; do
            name=$(basename "$variant")
            [[ -z "${ONLY:-}" || "$name" == *"$ONLY"* ]] || continue
            add_student "$kind--$name" "$variant"
        done
    done

    count=$(find "$class" -mindepth 1 -maxdepth 1 -type d | wc -l)
    echo "== $exercise: grading $count students in $class (output $out)"
    started=$(date +%s)
    dotnet run --project graders/engine/ExerciseKit.Cli -- grade-batch "$class" --out "$out" --exercise "$exercise" -j 1 --no-sandbox \
        > "$work/grade-batch.log" 2>&1 || { cat "$work/grade-batch.log"; echo "grade-batch failed" >&2; exit 1; }
    echo "   graded in $(($(date +%s) - started)) s"

    python3 - "$out" "$exercise" <<'PY' | tee "$work/report.txt"
import json, os, sys
out, exercise = sys.argv[1], sys.argv[2]
rows = {}
for name in sorted(os.listdir(os.path.join(out, "feedback"))):
    if not name.endswith(".json"):
        continue
    data = json.load(open(os.path.join(out, "feedback", name)))
    student = data["student"]
    ex = next((e for e in data.get("exercises", []) if e["id"] == exercise), None)
    if ex is None:
        rows[student] = (0, 0, "no result: " + str(data.get("problem")), [], [])
        continue
    # A timing grader that could not measure because other programs kept the machine busy reports "not measured";
    # such a test says nothing about the variant, so it is reported apart and does not decide the verdict.
    busy = lambda t: bool(t.get("notMeasured"))
    name = lambda t: t["name"].rsplit(".", 2)[-2] + "." + t["name"].rsplit(".", 1)[-1]
    lost = [name(t) + f" (-{t['maxPoints'] - t['points']})" for t in ex["tests"] if t["points"] < t["maxPoints"] and not busy(t)]
    noisy = [name(t) + f" (-{t['maxPoints'] - t['points']}, machine busy: inconclusive)" for t in ex["tests"] if t["points"] < t["maxPoints"] and busy(t)]
    hidden = ex.get("hidden") or {}
    if hidden.get("passed", 0) < hidden.get("total", 0):
        lost.append(f"hidden {hidden['passed']}/{hidden['total']} passed")
    lost += [f"{r['id']} (-{r['maxPoints'] - r['points']})" for r in ex.get("rules", []) if r["points"] < r["maxPoints"]]
    note = ex["status"]
    if ex.get("buildErrors"):
        note = "DOES NOT BUILD: " + "; ".join(ex["buildErrors"])[:300]
    rows[student] = (ex["points"], ex["maxPoints"], note, lost, noisy)

tally = {"wrong": [0, 0], "right": [0, 0], "control": [0, 0]}
inconclusive = 0
for student, (points, maximum, note, lost, noisy) in sorted(rows.items()):
    kind = student.split("--", 1)[0]
    full = maximum > 0 and not lost and "BUILD" not in note and points + sum(int(n.split("(-")[1].split(",")[0]) for n in noisy) == maximum
    verdict = ""
    if kind == "wrong":
        verdict = ("FALSE ACCEPT" if points == maximum else "FALSE ACCEPT?") if full else "caught"
        tally["wrong"][0] += 0 if full else 1
    elif kind in ("right", "control"):
        verdict = ("ok" if points == maximum else "ok?") if full else "FALSE REJECT"
        tally[kind][0] += 1 if full else 0
    inconclusive += 1 if noisy else 0
    tally.setdefault(kind, [0, 0])[1] += 1
    print(f"{student:55s} {points:3d}/{maximum:<3d} {verdict:13s} {note if 'BUILD' in note else ''}")
    if lost or noisy:
        print("      lost: " + "; ".join(lost + noisy))
w, r, c = tally["wrong"], tally["right"], tally["control"]
print(f"SUMMARY {exercise}: wrong caught {w[0]}/{w[1]}, right kept full marks {r[0]}/{r[1]}, control {c[0]}/{c[1]}"
      + (f" ({inconclusive} students lost a timing grader to a busy machine: '?' verdicts ignore it)" if inconclusive else ""))
PY
    summary+=("$(tail -n 1 "$work/report.txt")")
    if [[ -z "${KEEP:-}" ]]; then rm -rf "$work"; fi
done

printf '\n'
printf '%s\n' "${summary[@]}"
