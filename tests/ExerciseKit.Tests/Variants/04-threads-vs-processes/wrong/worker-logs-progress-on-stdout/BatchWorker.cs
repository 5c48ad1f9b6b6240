namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>The worker process's side: runs in the child, with stdout as <c>output</c>.</summary>
public static class BatchWorker
{
    /// <summary>Loads every batch of the source in order and writes each as one frame, flushed as soon as it is written.</summary>
    public static async Task RunAsync(IBatchSource source, Stream output, CancellationToken cancellationToken)
    {
        for (var index = 0; index < source.Count; index++)
        {
            FrameFormat.Write(output, source.Load(index, cancellationToken));
            await output.FlushAsync(cancellationToken);
            Console.WriteLine($"worker: sent batch {index + 1}/{source.Count}");
        }
    }
}
