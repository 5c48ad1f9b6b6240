namespace ExerciseKit.Host;

/// <summary>
/// Limits on a child process and its descendants beyond its deadline. Zero means no limit. (What the learner's code
/// may write is limited by the sandbox: a capped /tmp and a size per file.)
/// </summary>
public sealed record ProcessLimits(long OutputChars = 0, long MemoryBytes = 0)
{
    public static ProcessLimits None { get; } = new();
}
