namespace ExerciseKit.Graders.LoadingStages;

/// <summary>What a consumer got from a loader: the batches, in arrival order, and the exception that ended them, if any.</summary>
internal sealed class Received
{
    private readonly List<Batch> batches = [];

    public IReadOnlyList<Batch> Batches
    {
        get
        {
            lock (batches)
            {
                return [.. batches];
            }
        }
    }

    public Exception? Error { get; private set; }

    public string Indices => Text.Indices(Batches.Select(b => b.Index));

    /// <summary>
    /// Reads the loader to its end (or its exception) within the limit, and within <see cref="Deadline.Grace"/> once
    /// all expected batches are in. <paramref name="whenStuck"/> explains the likely cause when batches stop coming.
    /// </summary>
    public static async Task<Received> DrainAsync(
        IBatchLoader loader,
        int expected,
        TimeSpan limit,
        string whenStuck,
        CancellationToken cancellationToken = default
    )
    {
        var received = new Received();
        await Deadline.RunAsync(
            limit,
            () =>
                received.Batches.Count >= expected
                    ? $"All {expected} batches arrived, but the sequence never ended: once the last batch is in, whatever the "
                        + "consumer waits on must be completed (ChannelWriter.Complete()), or the stream closed."
                    : $"{received.Batches.Count} of {expected} batches had arrived (indices {received.Indices}) and nothing more came. {whenStuck}",
            async () =>
            {
                try
                {
                    await foreach (var batch in loader.ReadAllAsync(cancellationToken))
                    {
                        lock (received.batches)
                        {
                            received.batches.Add(batch);
                        }
                    }
                }
                catch (NotImplementedException)
                {
                    throw;
                }
                catch (Exception error)
                {
                    received.Error = error;
                }
            },
            allIn: () => received.Batches.Count >= expected
        );
        return received;
    }
}
