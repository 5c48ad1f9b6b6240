namespace ExerciseKit.Exercises.LoadingStages;

public static class BatchWorker
{
    public static async Task RunAsync(IBatchSource source, Stream output, CancellationToken cancellationToken)
    {
        foreach (var index in Enumerable.Range(0, source.Count))
        {
            FrameFormat.Write(output, source.Load(index, cancellationToken));
            await output.FlushAsync(cancellationToken);
        }
    }
}
