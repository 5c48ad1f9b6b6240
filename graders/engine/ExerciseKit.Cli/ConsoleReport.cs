using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>Plain-text feedback: per exercise, per task, per test — the first failure's message in full.</summary>
internal static class ConsoleReport
{
    private const int MessageLines = 8;

    private static string BuildTime(ExerciseResult result) =>
        result.BuildElapsed > TimeSpan.Zero
            ? $" ({(result.Build == BuildKind.Quick ? "quick compile" : "full build")} {result.BuildElapsed.TotalSeconds:F1} s)"
            : "";

    public static void WriteExercise(TextWriter output, ExerciseResult result, KitLayout layout)
    {
        var exercise = result.Exercise;
        output.WriteLine();
        output.WriteLine($"{exercise.Id} · {exercise.Title}");
        output.WriteLine(
            $"  {StatusText(result.Status)} · {result.PointsEarned}/{result.MaxPoints} points · {result.Elapsed.TotalSeconds:F1} s{BuildTime(result)}"
        );

        foreach (var error in result.BuildErrors)
        {
            output.WriteLine(
                $"  {Path.GetRelativePath(layout.Root, error.File)}({error.Line},{error.Column}): {error.Code}: {error.Message}"
            );
        }

        if (result.GraderError is not null)
        {
            output.WriteLine($"  the graders could not run: {result.GraderError}");
        }

        foreach (var task in exercise.Tasks)
        {
            WriteTask(output, task, result.Tests.Where(t => t.Test.Task == task.Id).ToList());
        }

        WriteRules(output, result, layout);

        if (result.NotMeasured > 0)
        {
            output.WriteLine(
                $"  Not measured: your machine was busy while {result.NotMeasured} grader(s) timed your code. Close what else is running and run again; this costs you nothing."
            );
        }

        if (result.Status == ExerciseStatus.Unsolved)
        {
            var first = exercise.Editable.FirstOrDefault();
            output.WriteLine($"  Not started yet: read exercises/{exercise.Id}/README.md, then fill in {first}.");
        }
    }

    public static void WriteTotals(TextWriter output, IReadOnlyList<ExerciseResult> results)
    {
        var earned = results.Sum(r => r.PointsEarned);
        var max = results.Sum(r => r.MaxPoints);
        var passing = results.Count(r => r.Status == ExerciseStatus.Passing);
        output.WriteLine();
        output.WriteLine($"Total: {earned}/{max} points · {passing} of {results.Count} exercises passing");
    }

    private static void WriteTask(TextWriter output, ExerciseTask task, IReadOnlyList<TestResult> tests)
    {
        if (tests.Count == 0)
        {
            return;
        }

        output.WriteLine($"  {task.Title} — {tests.Sum(t => t.PointsEarned)}/{task.Points}");
        var shownMessages = new HashSet<string>();
        foreach (var test in tests.OrderBy(t => t.Test.Visibility)) // public first: the learner can rerun those
        {
            var mark = test.Verdict switch
            {
                TestVerdict.Passed => "✓",
                TestVerdict.NotMeasured => "?",
                _ => "✗",
            };
            var hidden = test.Test.Visibility == Visibility.Hidden ? ", hidden" : "";
            var plural = test.Test.Points == 1 ? "" : "s";
            output.WriteLine($"    {mark} {test.Test.Title} ({test.Test.Points} pt{plural}{hidden})");
            if (test.Verdict != TestVerdict.Passed && shownMessages.Add(test.LearnerMessage))
            {
                foreach (var line in test.LearnerMessage.Split('\n').Take(MessageLines))
                {
                    output.WriteLine($"        {line.TrimEnd()}");
                }
            }
        }
    }

    /// <summary>The analyzer-graded rules, each finding with its place in the learner's file and the rule's page.</summary>
    private static void WriteRules(TextWriter output, ExerciseResult result, KitLayout layout)
    {
        var rules = result.Rules;
        if (rules.Count == 0 || result.Status is ExerciseStatus.BuildFailed or ExerciseStatus.GraderError)
        {
            return;
        }

        output.WriteLine($"  Approach (analyzers) — {rules.Sum(r => r.PointsEarned)}/{rules.Sum(r => r.Rule.Points)}");
        foreach (var rule in rules)
        {
            var mark = rule.Findings.Count == 0 ? "✓" : "✗";
            var plural = rule.Rule.Points == 1 ? "" : "s";
            var pending =
                rule.Findings.Count == 0 && rule.PointsEarned == 0
                    ? $", earned once {string.Join(" and ", rule.Rule.Tasks.Select(t => result.Exercise.Tasks.FirstOrDefault(x => x.Id == t)?.Title ?? t))} pass a grader"
                    : "";
            output.WriteLine($"    {mark} {rule.Id()} {rule.Rule.Title} ({rule.Rule.Points} pt{plural}{pending})");
            foreach (var finding in rule.Findings.Take(MessageLines))
            {
                output.WriteLine(
                    $"        {Path.GetRelativePath(layout.Root, finding.File)}({finding.Line},{finding.Column}): {finding.Message}"
                );
            }

            if (rule.Findings.Count > 0)
            {
                output.WriteLine($"        why and how to fix: {RulePage(rule.Rule.Id, rule.Findings[0].HelpUri, layout)}");
            }
        }
    }

    private static string Id(this RuleResult rule) => rule.Rule.Id;

    // The rule's page in this checkout when it is there (learners work offline), else the link the analyzer gave.
    private static string RulePage(string ruleId, string? helpUri, KitLayout layout)
    {
        var local = Path.Combine(layout.Engine, "ExerciseKit.Analyzers", "docs", "rules", ruleId + ".md");
        return File.Exists(local) ? Path.GetRelativePath(layout.Root, local) : helpUri ?? ruleId;
    }

    public static string StatusText(ExerciseStatus status) =>
        status switch
        {
            ExerciseStatus.Unsolved => "unsolved",
            ExerciseStatus.BuildFailed => "does not build",
            ExerciseStatus.GraderError => "grader error",
            ExerciseStatus.Failing => "failing",
            ExerciseStatus.NotMeasured => "not measured",
            _ => "passing",
        };
}
