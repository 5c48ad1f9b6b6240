using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Loads batches on <c>workers</c> threads of this process and hands them to the consumer in index order. At most
/// <c>capacity</c> loaded batches wait for the consumer (plus at most one in the hands of each worker), so a slow
/// consumer bounds memory. A worker's exception reaches the consumer after the batches before it; cancelling,
/// disposing or leaving the loop early stops every worker.
/// </summary>
/// <remarks>
/// Worker w loads indices w, w + workers, w + 2·workers, … into its own bounded lane; the consumer reads the lanes
/// round-robin, which restores index order without a re-ordering buffer.
/// </remarks>
public sealed class ThreadedLoader : IBatchLoader
{
    private readonly IBatchSource source;
    private readonly int workers;
    private readonly int laneCapacity;
    private readonly CancellationTokenSource disposed = new();
    private Task running = Task.CompletedTask;
    private int started;

    public ThreadedLoader(IBatchSource source, int workers, int capacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, workers);
        this.source = source;
        this.workers = workers;
        laneCapacity = capacity / workers;
    }

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) == 1)
        {
            throw new InvalidOperationException("A ThreadedLoader is read once.");
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposed.Token);
        var lanes = new Lane[workers];
        for (var w = 0; w < workers; w++)
        {
            lanes[w] = new Lane(
                Channel.CreateBounded<Batch>(new BoundedChannelOptions(laneCapacity) { SingleReader = true, SingleWriter = true })
            );
            var lane = lanes[w];
            var first = w;
            lane.Worker = Task.Run(() => LoadInto(lane, first, stop.Token), CancellationToken.None);
        }
        running = Task.WhenAll(lanes.Select(l => l.Worker!));
        try
        {
            for (var index = 0; index < source.Count; index++)
            {
                yield return await lanes[index % workers].TakeAsync(index, stop.Token);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running; // workers end quietly: their errors travel through the lanes
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!disposed.IsCancellationRequested)
        {
            await disposed.CancelAsync();
        }
        await running;
    }

    private async Task LoadInto(Lane lane, int first, CancellationToken cancellationToken)
    {
        try
        {
            for (var index = first; index < source.Count; index += workers)
            {
                await lane.Channel.Writer.WriteAsync(source.Load(index, cancellationToken), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the consumer: nobody is waiting for the rest.
        }
        catch (Exception error)
        {
            lane.Channel.Writer.TryComplete(error); // the reader sees it when it reaches the end of the lane
        }
        finally
        {
            lane.Channel.Writer.TryComplete();
        }
    }

    private sealed class Lane(Channel<Batch> channel)
    {
        public Channel<Batch> Channel { get; } = channel;

        public Task? Worker { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }

        public async ValueTask<Batch> TakeAsync(int index, CancellationToken cancellationToken)
        {
            try
            {
                return await Channel.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException)
                when (Error is null && !cancellationToken.IsCancellationRequested && Channel.Reader.Completion.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException($"the worker for batch {index} stopped without it");
            }
        }
    }
}
