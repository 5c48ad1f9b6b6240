namespace ExerciseKit.Host;

/// <summary>One analyzer diagnostic in a learner's file, as the compiler's SARIF error log reported it.</summary>
public sealed record AnalyzerFinding(string RuleId, string Message, string File, int Line, int Column, string? HelpUri)
{
    public override string ToString() => $"{File}({Line},{Column}): {RuleId}: {Message}";
}
