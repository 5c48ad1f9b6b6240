namespace ExerciseKit.Host;

/// <summary>How the learner's code was compiled for this grade.</summary>
public enum BuildKind
{
    /// <summary>`dotnet build` of the grader project and everything it references.</summary>
    Full,

    /// <summary>Only the learner's project, recompiled with the last full build's command line (see QuickCompile).</summary>
    Quick,
}
