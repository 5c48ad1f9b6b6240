namespace ExerciseKit.Host;

/// <summary>
/// Limits on a child process beyond its deadline. Zero means no limit. <paramref name="DiskBytes"/> caps what the
/// files under <paramref name="WritableFolder"/> (the one folder of the host's disk a sandboxed run may write) hold.
/// </summary>
public sealed record ProcessLimits(long OutputChars = 0, long MemoryBytes = 0, long DiskBytes = 0, string? WritableFolder = null)
{
    public static ProcessLimits None { get; } = new();
}
