using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>Plain-text feedback: per exercise, per task, per test — the first failure's message in full.</summary>
internal static class ConsoleReport
{
    private const int MessageLines = 8;

    public static void WriteExercise(TextWriter output, ExerciseResult result, KitLayout layout)
    {
        var exercise = result.Exercise;
        output.WriteLine();
        output.WriteLine($"{exercise.Id} · {exercise.Title}");
        output.WriteLine(
            $"  {StatusText(result.Status)} · {result.PointsEarned}/{result.MaxPoints} points · {result.Elapsed.TotalSeconds:F1} s"
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
            var mark = test.Verdict == TestVerdict.Passed ? "✓" : "✗";
            var hidden = test.Test.Visibility == Visibility.Hidden ? ", hidden" : "";
            var plural = test.Test.Points == 1 ? "" : "s";
            output.WriteLine($"    {mark} {Title(test.Test.Name)} ({test.Test.Points} pt{plural}{hidden})");
            if (test.Verdict != TestVerdict.Passed && shownMessages.Add(test.Message))
            {
                foreach (var line in test.Message.Split('\n').Take(MessageLines))
                {
                    output.WriteLine($"        {line.TrimEnd()}");
                }
            }
        }
    }

    /// <summary>"Namespace.Class.Loss_matches_torch" → "Loss matches torch".</summary>
    public static string Title(string displayName)
    {
        var method = displayName.Split('(')[0];
        var name = method[(method.LastIndexOf('.') + 1)..];
        return name.Replace('_', ' ');
    }

    private static string StatusText(ExerciseStatus status) =>
        status switch
        {
            ExerciseStatus.Unsolved => "unsolved",
            ExerciseStatus.BuildFailed => "does not build",
            ExerciseStatus.GraderError => "grader error",
            ExerciseStatus.Failing => "failing",
            _ => "passing",
        };
}
