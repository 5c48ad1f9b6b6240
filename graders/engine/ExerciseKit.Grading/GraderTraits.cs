namespace ExerciseKit.Grading;

/// <summary>Trait names a grader test carries; the grading host reads them back from xunit's discovery data.</summary>
public static class GraderTraits
{
    public const string Task = "ek.task";
    public const string Points = "ek.points";
    public const string Visibility = "ek.visibility";

    public const string Public = "public";
    public const string Hidden = "hidden";
}
