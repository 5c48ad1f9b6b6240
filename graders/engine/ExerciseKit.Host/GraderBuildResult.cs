namespace ExerciseKit.Host;

public sealed record GraderBuildResult(
    bool Succeeded,
    string? GraderAssembly,
    IReadOnlyList<BuildDiagnostic> Errors,
    string Log,
    BuildKind Kind = BuildKind.Full
);
