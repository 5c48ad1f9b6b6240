namespace ExerciseKit.Host;

/// <summary>A compiler or MSBuild diagnostic, as `dotnet build` printed it.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}({Line},{Column}): {Code}: {Message}" : $"{File}: {Code}: {Message}";
}
