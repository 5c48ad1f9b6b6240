using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>A grader test as discovered from the grader assembly, before it runs.</summary>
public sealed record GraderTest(string Id, string Name, string Task, int Points, Visibility Visibility)
{
    /// <summary>"Namespace.Class.Loss_matches_torch" → "Loss matches torch": how every report names a test.</summary>
    public string Title
    {
        get
        {
            var method = Name.Split('(')[0];
            return method[(method.LastIndexOf('.') + 1)..].Replace('_', ' ');
        }
    }

    /// <summary>Builds a test from xunit discovery data; null traits mean the test lacks [Graded].</summary>
    public static GraderTest FromTraits(string id, string name, IReadOnlyDictionary<string, string> traits)
    {
        traits.TryGetValue(GraderTraits.Task, out var task);
        traits.TryGetValue(GraderTraits.Points, out var points);
        traits.TryGetValue(GraderTraits.Visibility, out var visibility);
        return new GraderTest(
            id,
            name,
            task ?? "",
            int.TryParse(points, out var p) ? p : 0,
            visibility == GraderTraits.Hidden ? Visibility.Hidden : Visibility.Public
        );
    }
}
