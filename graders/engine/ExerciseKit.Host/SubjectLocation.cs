using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Host;

/// <summary>Where a grader's subject assembly is: named by the file the build writes beside the grader.</summary>
public static class SubjectLocation
{
    public static string Of(string graderAssembly)
    {
        var pointer = Path.Combine(Path.GetDirectoryName(graderAssembly)!, SubjectProcess.PointerFile);
        return File.Exists(pointer)
            ? File.ReadAllText(pointer).Trim()
            : throw new KitException($"{pointer} is missing: the grader was built without its subject (build it again)");
    }
}
