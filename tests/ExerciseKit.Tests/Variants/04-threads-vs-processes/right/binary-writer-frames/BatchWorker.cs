namespace ExerciseKit.Exercises.LoadingStages;

public static class BatchWorker
{
    /// <summary>Streams every batch through a buffer, flushing the buffer (and the pipe) after each frame.</summary>
    public static async Task RunAsync(IBatchSource source, Stream output, CancellationToken cancellationToken)
    {
        await using var buffered = new BufferedStream(output, 1 << 16);
        var index = 0;
        while (index < source.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = source.Load(index, cancellationToken);
            FrameFormat.Write(buffered, batch);
            await buffered.FlushAsync(cancellationToken);
            index++;
        }
    }
}
