namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>The worker process's side: runs in the child, with stdout as <c>output</c>.</summary>
public static class BatchWorker
{
    /// <summary>Loads every batch of the source in order and writes each as one frame, flushed as soon as it is written.</summary>
    public static Task RunAsync(IBatchSource source, Stream output, CancellationToken cancellationToken) =>
        throw new NotImplementedException(
            "For each index in order: load the batch, write it with FrameFormat.Write, flush so the parent sees it now."
        );
}
