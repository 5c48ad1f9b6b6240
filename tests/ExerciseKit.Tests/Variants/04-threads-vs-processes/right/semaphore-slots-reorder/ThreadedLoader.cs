using System.Runtime.CompilerServices;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// A shared work counter and a re-ordering table, bounded by a semaphore of <c>capacity</c> slots: a worker takes a
/// slot before it starts a load, and the consumer gives the slot back when it takes that batch. Because indices are
/// handed out only after a slot is taken, the batch the consumer needs next always has a slot.
/// </summary>
public sealed class ThreadedLoader : IBatchLoader
{
    private readonly IBatchSource source;
    private readonly int workers;
    private readonly int capacity;
    private readonly CancellationTokenSource disposal = new();
    private Task allWorkers = Task.CompletedTask;
    private int reading;

    public ThreadedLoader(IBatchSource source, int workers, int capacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, workers);
        (this.source, this.workers, this.capacity) = (source, workers, capacity);
    }

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref reading) != 1)
        {
            throw new InvalidOperationException("This loader has already been read.");
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposal.Token);
        using var slots = new SemaphoreSlim(capacity, capacity);
        var count = source.Count;
        var results = new TaskCompletionSource<Batch>?[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = new TaskCompletionSource<Batch>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        var next = -1;

        async Task Work()
        {
            while (true)
            {
                await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                var index = Interlocked.Increment(ref next);
                if (index >= count)
                {
                    slots.Release();
                    return;
                }
                var result = results[index]!;
                try
                {
                    result.TrySetResult(source.Load(index, stop.Token));
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    result.TrySetCanceled(stop.Token);
                    return;
                }
                catch (Exception error)
                {
                    result.TrySetException(error);
                    return; // the consumer reports it when it reaches this index
                }
            }
        }

        var tasks = Enumerable
            .Range(0, workers)
            .Select(_ =>
                Task.Run(async () =>
                {
                    try
                    {
                        await Work();
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
                })
            )
            .ToArray();
        allWorkers = Task.WhenAll(tasks);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var batch = await results[i]!.Task.WaitAsync(stop.Token);
                results[i] = null; // the table must not keep delivered batches alive
                slots.Release();
                yield return batch;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await allWorkers;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await disposal.CancelAsync();
        await allWorkers;
    }
}
