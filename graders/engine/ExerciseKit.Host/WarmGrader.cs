namespace ExerciseKit.Host;

/// <summary>
/// A grader process started ahead of its grade (see <see cref="GraderRun.StartWarmAsync"/>), waiting for the learner's code.
/// Whoever started it disposes it, used or not: <see cref="GraderRun.RunAsync"/> takes the process over when it uses it.
/// </summary>
public sealed class WarmGrader : IAsyncDisposable
{
    private readonly DateTime graderWritten;
    private StartedRun? run;

    internal WarmGrader(string graderAssembly, StartedRun run)
    {
        GraderAssembly = graderAssembly;
        graderWritten = File.GetLastWriteTimeUtc(graderAssembly);
        this.run = run;
        InSharedProcess = run.Session is not null;
    }

    /// <summary>A run in the submission's shared grader process rather than a process of its own.</summary>
    internal bool InSharedProcess { get; }

    public string GraderAssembly { get; }

    /// <summary>Still waiting, and the grader assembly on disk is the one it loaded.</summary>
    public bool IsWaiting => run is { Process.HasExited: false } && File.GetLastWriteTimeUtc(GraderAssembly) == graderWritten;

    /// <summary>Takes the waiting process over: from then on the run, not this object, disposes it.</summary>
    internal StartedRun Take() =>
        Interlocked.Exchange(ref run, null) ?? throw new InvalidOperationException("This warm grader was used already.");

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref run, null) is { } unused ? unused.DisposeAsync() : ValueTask.CompletedTask;
}
