#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing; too slow for CI): how strong each exercise's graders are, as the share of
# mutants of the reference answer that they kill (Stryker.NET, the pinned local tool; xunit v3 needs --test-runner mtp).
# Runs in a throwaway git worktree of HEAD, so the checkout's artifacts never hold a mutated build; ExerciseSource=
# solutions (an environment variable, which MSBuild reads as a property) makes the exercise project compile the
# reference answers, and Stryker mutates those. Survivors are listed with file, line and mutation; each one must be
# killed by a grader or explained as equivalent in tests/benchmarks/surviving-mutants.md.
# Usage: tests/benchmarks/mutation-score.sh [NN-slug…]   (default: every exercise). Goal (issue 20): ≥ 90 % each.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ids=("$@")
if [ ${#ids[@]} -eq 0 ]; then
  ids=($(ls exercises | grep -E '^[0-9]{2}-'))
fi

work=$(mktemp -d /tmp/exercisekit-mutation.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/kit" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/kit" HEAD >/dev/null
cd "$work/kit"
dotnet tool restore >/dev/null

summary=()
for id in "${ids[@]}"; do
  project=$(basename exercises/"$id"/*.csproj)
  out="$work/report-$id"
  started=$(date +%s)
  # Only the files the learner writes are mutated: the exercise's given files are not what the graders judge.
  mutate=()
  for file in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["editable"]))' "exercises/$id/exercise.json"); do
    mutate+=(-m "**/solutions/$id/$file")
  done
  (cd "graders/$id" && ExerciseSource=solutions dotnet dotnet-stryker --test-runner mtp -p "$project" -c 1 "${mutate[@]}" \
    -r Json -r ClearText --skip-version-check -O "$out" >"$work/$id.log" 2>&1) || {
    tail -20 "$work/$id.log"
    summary+=("$id: Stryker failed (log above)")
    continue
  }
  report=$(find "$out" -name mutation-report.json | head -1)
  line=$(python3 - "$report" "$id" "$(( $(date +%s) - started ))" <<'PY'
import json, sys
report, exercise, seconds = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
counts, survivors, ignored = {}, [], {}
for path, data in report["files"].items():
    for mutant in data["mutants"]:
        counts[mutant["status"]] = counts.get(mutant["status"], 0) + 1
        if mutant["status"] == "Ignored":
            reason = mutant.get("statusReason", "no reason given")
            ignored[reason] = ignored.get(reason, 0) + 1
        if mutant["status"] in ("Survived", "NoCoverage"):
            start = mutant["location"]["start"]
            survivors.append(f"    {mutant['status']}: {path.split('/')[-1]}:{start['line']} {mutant['mutatorName']}: {mutant.get('replacement', '')[:70]}")
detected = counts.get("Killed", 0) + counts.get("Timeout", 0)
valid = detected + counts.get("Survived", 0) + counts.get("NoCoverage", 0)
score = 100.0 * detected / valid if valid else 0.0
print(f"{exercise}: {score:5.1f} % ({detected} of {valid} mutants detected; {counts.get('CompileError', 0)} did not compile, {counts.get('Ignored', 0)} ignored; {seconds} s)")
print("\n".join(survivors))
for reason, count in sorted(ignored.items()):
    print(f"    ignored ({count}): {reason}")
PY
)
  echo "$line"
  summary+=("$(echo "$line" | head -1)")
done

echo
echo "Mutation score per exercise (goal: ≥ 90 %):"
printf '  %s\n' "${summary[@]}"
