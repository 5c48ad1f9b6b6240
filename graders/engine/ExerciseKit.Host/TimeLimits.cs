namespace ExerciseKit.Host;

public sealed record TimeLimits(int TestSeconds = 10, int ExerciseSeconds = 120);
