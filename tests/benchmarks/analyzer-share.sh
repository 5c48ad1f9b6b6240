#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): what share of each exercise's compile time the kit's analyzers take.
# For every exercise, a full compile with -p:ReportAnalyzer=true; the exercise's own CoreCompile target is timed
# from the log's timestamps, and the compiler's per-analyzer report gives ExerciseKit.Analyzers' time and its slowest rule.
# Goal (issue 5): kit analyzers ≤ 5 % of the compile, no rule above a few ms per file.
set -euo pipefail
cd "$(dirname "$0")/../.."

printf '%-28s %9s %9s %7s %6s  %s\n' exercise compile_ms kit_ms share files slowest_rule
for project in exercises/*/*.csproj; do
  slug=$(basename "$(dirname "$project")")
  log=$(mktemp)
  dotnet build "$project" --no-incremental -nologo -p:ReportAnalyzer=true -v:d "-clp:ShowTimestamp" >"$log" 2>&1
  files=$(ls "exercises/$slug"/*.cs | wc -l)
  # The exercise's own CoreCompile is the last one in the log (the analyzer projects compile first).
  awk -v slug="$slug" -v files="$files" '
    function ms(stamp,   p) { split(stamp, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + substr(p[4] "000", 1, 3) }
    /Target "CoreCompile" in file/ { start = ms($1); kit = 0; slow = ""; slowest = -1 }
    /Done building target "CoreCompile"/ { csc = ms($1) - start }
    / ExerciseKit\.Analyzers, Version=/ { kit = ($1 ~ /^</) ? 0 : $1 * 1000 }
    / ExerciseKit\.Analyzers\.Rules\./ { t = ($1 ~ /^</) ? 0 : $1 * 1000; if (t > slowest) { slowest = t; slow = $(NF-1) " " $NF } }
    END { printf "%-28s %9d %9.0f %6.1f%% %6d  %s (%.0f ms)\n", slug, csc, kit, 100 * kit / (csc > 0 ? csc : 1), files, slow, slowest }
  ' "$log"
  rm -f "$log"
done
