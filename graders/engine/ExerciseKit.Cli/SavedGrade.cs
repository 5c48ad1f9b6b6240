using ExerciseKit.Host;

namespace ExerciseKit.Cli;

public sealed record SavedGrade(ExerciseStatus Status, int Points, int MaxPoints, DateTimeOffset GradedAt, string Fingerprint);
