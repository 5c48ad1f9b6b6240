namespace ExerciseKit.Host;

public sealed record ExerciseTask(string Id, string Title, int Points);
