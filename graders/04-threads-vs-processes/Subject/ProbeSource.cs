using ExerciseKit.Exercises.LoadingStages;

namespace ExerciseKit.Subjects.LoadingStages;

/// <summary>
/// A probe: a source that watches how it is used: how many loads started, how many run right now and at most at once.
/// It can fail on one index, sleep a little per index so that workers finish out of order, and hold each load
/// until that many loads have once run at the same time (up to half a second each), which proves parallel loading without timing.
/// A pause per load makes an epoch that takes time but no CPU. What it counts are observations the learner's code
/// could forge; the graders decide what they are worth.
/// </summary>
public sealed class ProbeSource(int seed, int count, IReadOnlyList<int> shape, int work, ProbeSettings settings) : IBatchSource
{
    private readonly SyntheticBatches inner = new(seed, count, shape, work);
    private readonly ManualResetEventSlim failed = new();
    private int started;
    private int active;
    private int maxActive;

    public int Count => inner.Count;

    public int Started => Volatile.Read(ref started);

    public int Active => Volatile.Read(ref active);

    public int MaxActive => Volatile.Read(ref maxActive);

    private static string FailureMessage(int index) => $"batch {index} is corrupt (the grader's source failed on purpose)";

    public Batch Load(int index, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref started);
        var now = Interlocked.Increment(ref active);
        var seen = MaxActive;
        while (now > seen && Interlocked.CompareExchange(ref maxActive, now, seen) != seen)
        {
            seen = MaxActive;
        }
        try
        {
            if (settings.JitterSeed >= 0)
            {
                Thread.Sleep(new Random(HashCode.Combine(settings.JitterSeed, index)).Next(4));
            }
            if (settings.PausePerLoad > TimeSpan.Zero)
            {
                Thread.Sleep(settings.PausePerLoad);
            }
            if (settings.HoldUntilRunning > 1)
            {
                SpinWait.SpinUntil(() => MaxActive >= settings.HoldUntilRunning || cancellationToken.IsCancellationRequested, 500);
            }
            if (index == settings.HoldUntilFailed && failed.Wait(TimeSpan.FromSeconds(3), cancellationToken))
            {
                Thread.Sleep(300);
            }
            if (index == settings.FailAt)
            {
                failed.Set();
                throw new InvalidDataException(FailureMessage(index));
            }
            return inner.Load(index, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }
}

/// <summary>How a <see cref="ProbeSource"/> behaves (the graders' ProbeSettings, as it crosses the boundary).</summary>
public sealed record ProbeSettings
{
    public int? FailAt { get; init; }

    public int JitterSeed { get; init; } = -1;

    public int HoldUntilRunning { get; init; }

    public TimeSpan PausePerLoad { get; init; }

    /// <summary>
    /// This index's load waits until the load of <see cref="FailAt"/> has thrown (up to 3 s), and then a further 300 ms:
    /// the failing worker is known to be ahead of the batches before it, not by chance.
    /// </summary>
    public int? HoldUntilFailed { get; init; }
}
