using ExerciseKit.Exercises.LoadingStages;

namespace ExerciseKit.Subjects.LoadingStages;

/// <summary>
/// A probe: a source whose loads only end when their token is cancelled, and then take <see cref="WindDown"/> to stop (a
/// decoder finishing its current block): work that is still running, long enough to show whether a loader that says
/// it stopped really waited for it. A load whose token is never cancelled gives up after <see cref="GiveUp"/>, so that a
/// loader that cannot stop its loads does not keep threads of the subject forever. It costs no CPU.
/// </summary>
public sealed class StubbornSource : IBatchSource
{
    public static readonly TimeSpan WindDown = TimeSpan.FromMilliseconds(400);

    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    private readonly SyntheticBatches batches = new(21, 100_000, [8], work: 0);
    private int started;
    private int active;
    private int uncancellable;

    public int Count => batches.Count;

    public int Started => Volatile.Read(ref started);

    public int Active => Volatile.Read(ref active);

    /// <summary>How many loads were given a token that can never be cancelled (CancellationToken.None, default).</summary>
    public int Uncancellable => Volatile.Read(ref uncancellable);

    public Batch Load(int index, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref started);
        Interlocked.Increment(ref active);
        try
        {
            if (!cancellationToken.CanBeCanceled)
            {
                Interlocked.Increment(ref uncancellable);
            }
            if (cancellationToken.WaitHandle.WaitOne(GiveUp))
            {
                Thread.Sleep(WindDown);
                cancellationToken.ThrowIfCancellationRequested();
            }
            return batches.Load(index, CancellationToken.None);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }
}
