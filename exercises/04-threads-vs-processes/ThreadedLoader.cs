namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Loads batches on <c>workers</c> threads of this process and hands them to the consumer in index order. At most
/// <c>capacity</c> loaded batches wait for the consumer (plus at most one in the hands of each worker), so a slow
/// consumer bounds memory. A worker's exception reaches the consumer after the batches before it; cancelling,
/// disposing or leaving the loop early stops every worker.
/// </summary>
public sealed class ThreadedLoader : IBatchLoader
{
    public ThreadedLoader(IBatchSource source, int workers, int capacity) =>
        throw new NotImplementedException(
            "Keep the source; reject workers < 1 and capacity < workers (ArgumentOutOfRangeException). Start nothing yet."
        );

    public IAsyncEnumerable<Batch> ReadAllAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(
            "Start the workers, let them load through bounded channels, and yield every batch in index order."
        );

    public ValueTask DisposeAsync() => throw new NotImplementedException("Stop the workers and wait until none is still loading.");
}
