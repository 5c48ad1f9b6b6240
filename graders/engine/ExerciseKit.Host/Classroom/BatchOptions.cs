namespace ExerciseKit.Host.Classroom;

public sealed record BatchOptions(
    string OutputFolder,
    IReadOnlyList<ExerciseMetadata> Exercises,
    GradingIsolation Isolation,
    int Workers = 1,
    int ShardIndex = 1,
    int ShardCount = 1,
    bool RegradeUnmeasured = false
);
