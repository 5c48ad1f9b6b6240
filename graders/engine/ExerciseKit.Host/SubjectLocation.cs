using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Host;

/// <summary>Where a grader's subject assembly is: named by the file the build writes beside the grader.</summary>
public static class SubjectLocation
{
    public static string Of(string graderAssembly) =>
        TryOf(graderAssembly)
        ?? throw new KitException($"{Pointer(graderAssembly)} is missing: the grader was built without its subject (build it again)");

    /// <summary>The subject assembly, or null for a grader built before graders had subjects (a full build makes one).</summary>
    public static string? TryOf(string graderAssembly) =>
        File.Exists(Pointer(graderAssembly)) ? File.ReadAllText(Pointer(graderAssembly)).Trim() : null;

    private static string Pointer(string graderAssembly) =>
        Path.Combine(Path.GetDirectoryName(graderAssembly)!, SubjectProcess.PointerFile);
}
