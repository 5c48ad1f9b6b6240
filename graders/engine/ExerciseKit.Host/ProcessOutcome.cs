namespace ExerciseKit.Host;

public sealed record ProcessOutcome(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    bool TimedOut,
    TimeSpan Elapsed,
    bool Killed = false,
    bool OutputExceeded = false,
    bool MemoryExceeded = false,
    long PeakMemoryBytes = 0
);
