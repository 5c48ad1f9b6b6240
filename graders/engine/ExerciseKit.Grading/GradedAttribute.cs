using System.Globalization;
using Xunit.v3;

namespace ExerciseKit.Grading;

/// <summary>
/// Marks a grader test: which task of the exercise's metadata it belongs to, how many points it is worth,
/// and whether it ships to learners (public, the default) or stays with the instructor (<see cref="Hidden"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GradedAttribute(string task, int points) : Attribute, ITraitAttribute
{
    public string Task { get; } = task;

    public int Points { get; } = points;

    public bool Hidden { get; init; }

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [
            new(GraderTraits.Task, Task),
            new(GraderTraits.Points, Points.ToString(CultureInfo.InvariantCulture)),
            new(GraderTraits.Visibility, Hidden ? GraderTraits.Hidden : GraderTraits.Public),
        ];
}
