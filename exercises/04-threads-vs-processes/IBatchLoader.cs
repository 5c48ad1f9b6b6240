namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// The loading stage as the processing stage sees it: every batch of the epoch, once each, in index order.
/// Read it once. Disposing the loader (or cancelling the token, or leaving the loop early) stops all its work:
/// no thread keeps loading and no worker process keeps running.
/// </summary>
public interface IBatchLoader : IAsyncDisposable
{
    IAsyncEnumerable<Batch> ReadAllAsync(CancellationToken cancellationToken = default);
}
