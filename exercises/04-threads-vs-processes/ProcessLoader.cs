namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Loads batches in a separate worker process (see <see cref="WorkerCommand"/>) and reads them back from its stdout,
/// frame by frame, while it runs. A worker that exits with a non-zero code becomes a WorkerFailedException carrying
/// its stderr; a cut or garbled stream becomes the frame reader's exception. Cancelling, disposing or leaving the
/// loop early kills the worker: no process outlives the loader.
/// </summary>
public sealed class ProcessLoader : IBatchLoader
{
    public ProcessLoader(WorkerCommand command) =>
        throw new NotImplementedException("Keep the command; start the worker only when ReadAllAsync is enumerated.");

    public IAsyncEnumerable<Batch> ReadAllAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(
            "Start the worker with stdout and stderr redirected, read frames while it runs, then check its exit code."
        );

    public ValueTask DisposeAsync() =>
        throw new NotImplementedException("Kill the worker if it is still running, wait for it to exit and dispose the Process.");
}
