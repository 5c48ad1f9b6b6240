namespace ExerciseKit.Host;

/// <param name="SharedProcess">Its graders started in the submission's shared grader process (see SharedGraderProcess).</param>
public sealed record ExerciseResult(
    ExerciseMetadata Exercise,
    IReadOnlyList<TestResult> Tests,
    IReadOnlyList<BuildDiagnostic> BuildErrors,
    string? GraderError,
    TimeSpan Elapsed,
    IReadOnlyList<AnalyzerFinding>? Findings = null,
    BuildKind Build = BuildKind.Full,
    TimeSpan BuildElapsed = default,
    bool SharedProcess = false
)
{
    public IReadOnlyList<AnalyzerFinding> AnalyzerFindings => Findings ?? [];

    /// <summary>
    /// Each graded rule: earned when none of its findings is in the learner's files — and only once each task the rule
    /// judges has a passing grader, so that an untouched stub or a half-done submission (which break no rule in the
    /// code they lack) earns nothing for that code.
    /// </summary>
    public IReadOnlyList<RuleResult> Rules =>
        [
            .. Exercise.Rules.Select(rule =>
            {
                var findings = AnalyzerFindings.Where(f => f.RuleId == rule.Id).ToList();
                var earned =
                    findings.Count == 0 && rule.Tasks.All(task => Tests.Any(t => t.Test.Task == task && t.Verdict == TestVerdict.Passed));
                return new RuleResult(rule, findings, earned ? rule.Points : 0);
            }),
        ];

    public int PointsEarned => Tests.Sum(t => t.PointsEarned) + Rules.Sum(r => r.PointsEarned);

    /// <summary>Tests the machine could not measure: the grade is incomplete until they are graded again.</summary>
    public int NotMeasured => Tests.Count(t => t.Verdict == TestVerdict.NotMeasured);

    /// <summary>From metadata, not from what ran: a test that never reported cannot shrink the total.</summary>
    public int MaxPoints => Exercise.MaxPoints;

    public ExerciseStatus Status =>
        BuildErrors.Count > 0 ? ExerciseStatus.BuildFailed
        : GraderError is not null || Tests.Count == 0 ? ExerciseStatus.GraderError
        : Tests.All(t => t.Verdict == TestVerdict.Passed) ? ExerciseStatus.Passing
        : Tests.All(t => t.Verdict == TestVerdict.NotImplemented) ? ExerciseStatus.Unsolved
        : Tests.All(t => t.Verdict is TestVerdict.Passed or TestVerdict.NotMeasured) ? ExerciseStatus.NotMeasured
        : ExerciseStatus.Failing;
}
