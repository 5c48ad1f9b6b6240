namespace ExerciseKit.Host.Reports;

/// <summary>
/// One line of a grade, whatever produced it — a grader test, an analyzer rule, or a build that failed — flattened so
/// that every report format scores the same things the same way.
/// </summary>
public sealed record GradedItem(
    string ExerciseId,
    string Group,
    string Name,
    int MaxPoints,
    int Points,
    ItemOutcome Outcome,
    string Message,
    bool Hidden,
    double Seconds
)
{
    /// <summary>The message as it may be shown (hidden graders' own messages were already replaced; see TestResult).</summary>
    public string PublicMessage => Outcome == ItemOutcome.Passed ? "" : Message;

    /// <param name="relative">Turns an absolute path into one relative to the kit root: reports never show a machine's folders.</param>
    public static IReadOnlyList<GradedItem> From(ExerciseResult result, Func<string, string> relative)
    {
        var id = result.Exercise.Id;
        if (result.Status is ExerciseStatus.BuildFailed or ExerciseStatus.GraderError)
        {
            var why =
                result.BuildErrors.Count > 0
                    ? "The code does not build:\n"
                        + string.Join("\n", result.BuildErrors.Select(e => (e with { File = relative(e.File) }).ToString()))
                    : $"The graders could not run: {result.GraderError}";
            return
            [
                new GradedItem(
                    id,
                    "build",
                    "Build and run the graders",
                    result.MaxPoints,
                    0,
                    ItemOutcome.Error,
                    why,
                    false,
                    result.Elapsed.TotalSeconds
                ),
            ];
        }

        var tasks = result.Exercise.Tasks.ToDictionary(t => t.Id, t => t.Title);
        var tests = result.Tests.Select(t => new GradedItem(
            id,
            tasks.GetValueOrDefault(t.Test.Task, t.Test.Task),
            t.Test.Title,
            t.Test.Points,
            t.PointsEarned,
            t.Verdict switch
            {
                TestVerdict.Passed => ItemOutcome.Passed,
                TestVerdict.NotMeasured => ItemOutcome.NotMeasured,
                _ => ItemOutcome.Failed,
            },
            t.Verdict == TestVerdict.NotImplemented ? "Not started: " + t.LearnerMessage : t.LearnerMessage,
            t.Test.Visibility == Visibility.Hidden,
            t.Duration.TotalSeconds
        ));
        var rules = result.Rules.Select(r => new GradedItem(
            id,
            "Approach (analyzers)",
            $"{r.Rule.Id} {r.Rule.Title}",
            r.Rule.Points,
            r.PointsEarned,
            r.PointsEarned == r.Rule.Points ? ItemOutcome.Passed : ItemOutcome.Failed,
            r.Findings.Count > 0
                ? string.Join("\n", r.Findings.Select(f => (f with { File = relative(f.File) }).ToString()))
                : $"Earned once each task it judges ({string.Join(", ", r.Rule.Tasks.Select(t => tasks.GetValueOrDefault(t, t)))}) passes a grader.",
            false,
            0
        ));
        return [.. tests, .. rules];
    }
}
