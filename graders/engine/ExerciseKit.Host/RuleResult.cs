namespace ExerciseKit.Host;

public sealed record RuleResult(ExerciseRule Rule, IReadOnlyList<AnalyzerFinding> Findings, int PointsEarned);
