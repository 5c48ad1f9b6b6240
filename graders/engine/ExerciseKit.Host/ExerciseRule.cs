namespace ExerciseKit.Host;

/// <summary>
/// An analyzer rule graded for this exercise: its points are earned when none of its findings is in the learner's
/// files and each of <paramref name="Tasks"/> — the tasks whose code it judges — has a passing grader, so that a rule
/// never pays for code that does not exist yet.
/// </summary>
public sealed record ExerciseRule(string Id, string Title, int Points, IReadOnlyList<string> Tasks);
