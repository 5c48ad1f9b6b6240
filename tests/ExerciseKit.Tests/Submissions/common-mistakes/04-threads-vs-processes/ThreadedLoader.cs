using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ExerciseKit.Exercises.LoadingStages;

// Sample submission with two classic mistakes: an unbounded channel (no backpressure) and a writer nobody completes
// (the consumer's loop never ends). Everything else is right.
public sealed class ThreadedLoader : IBatchLoader
{
    private readonly IBatchSource source;
    private readonly int workers;
    private readonly CancellationTokenSource stop = new();

    public ThreadedLoader(IBatchSource source, int workers, int capacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, workers);
        this.source = source;
        this.workers = workers;
    }

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<Batch>();
        var next = -1;
        for (var w = 0; w < workers; w++)
        {
            _ = Task.Run(async () =>
            {
                for (var index = Interlocked.Increment(ref next); index < source.Count; index = Interlocked.Increment(ref next))
                {
                    await channel.Writer.WriteAsync(source.Load(index, stop.Token), stop.Token);
                }
            });
        }

        var early = new Dictionary<int, Batch>();
        var expected = 0;
        await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
        {
            early[batch.Index] = batch;
            while (early.Remove(expected, out var inOrder))
            {
                expected++;
                yield return inOrder;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        return ValueTask.CompletedTask;
    }
}
