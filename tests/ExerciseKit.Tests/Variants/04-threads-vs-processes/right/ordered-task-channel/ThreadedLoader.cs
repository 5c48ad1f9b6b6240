using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// A producer starts one task per index, in index order, at most <c>workers</c> running at once (a SemaphoreSlim),
/// and puts the task itself into a bounded channel; the consumer awaits the tasks in the order they come out. Order
/// comes for free, and the channel bounds how far the producer runs ahead.
/// </summary>
public sealed class ThreadedLoader : IBatchLoader
{
    private readonly IBatchSource source;
    private readonly int workers;
    private readonly int capacity;
    private readonly SemaphoreSlim loads;
    private readonly CancellationTokenSource disposeSignal = new();
    private Task producer = Task.CompletedTask;
    private bool started;

    public ThreadedLoader(IBatchSource source, int workers, int capacity)
    {
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        if (workers < 1)
            throw new ArgumentOutOfRangeException(nameof(workers));
        if (capacity < workers)
            throw new ArgumentOutOfRangeException(nameof(capacity));
        this.workers = workers;
        this.capacity = capacity;
        loads = new SemaphoreSlim(workers, workers);
    }

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (started)
            throw new InvalidOperationException("ReadAllAsync may be called once.");
        started = true;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposeSignal.Token);
        var token = cts.Token;
        var pipeline = Channel.CreateBounded<Task<Batch>>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });

        producer = Task.Run(async () =>
        {
            try
            {
                for (var index = 0; index < source.Count; index++)
                {
                    await loads.WaitAsync(token);
                    var i = index;
                    var load = Task.Run(() =>
                    {
                        try
                        {
                            return source.Load(i, token);
                        }
                        finally
                        {
                            loads.Release();
                        }
                    });
                    await pipeline.Writer.WriteAsync(load, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            finally
            {
                pipeline.Writer.TryComplete();
                await WaitForLoadsToEnd();
            }
        });

        try
        {
            await foreach (var load in pipeline.Reader.ReadAllAsync(token))
            {
                yield return await load;
            }
            token.ThrowIfCancellationRequested();
        }
        finally
        {
            await cts.CancelAsync();
            await producer;
            while (pipeline.Reader.TryRead(out var abandoned))
            {
                _ = abandoned.Exception; // observed: a batch nobody will take
            }
        }
    }

    /// <summary>All loads have ended once every one of the <c>workers</c> permits can be taken (then given back).</summary>
    private async Task WaitForLoadsToEnd()
    {
        for (var k = 0; k < workers; k++)
        {
            await loads.WaitAsync();
        }
        loads.Release(workers);
    }

    public async ValueTask DisposeAsync()
    {
        await disposeSignal.CancelAsync();
        await producer;
    }
}
