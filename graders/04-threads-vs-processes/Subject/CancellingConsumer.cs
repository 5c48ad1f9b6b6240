using ExerciseKit.Exercises.LoadingStages;

namespace ExerciseKit.Subjects.LoadingStages;

/// <summary>
/// A probe: a consumer that reads a few batches, cancels its token and reads on, at the speed of a consumer in the
/// same process (one across the boundary reads each batch a round trip later, and against an unbounded queue that
/// changes what it sees). Returns what it saw; the graders decide. Its deadline is the graders'.
/// </summary>
public static class CancellingConsumer
{
    /// <summary>Reads <paramref name="before"/> batches, cancels, then reads at most <paramref name="limit"/> more.</summary>
    public static async Task<CancelledRead> ReadThenCancelAsync(IBatchLoader loader, int before, int limit)
    {
        using var cancel = new CancellationTokenSource();
        await using var batches = loader.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        for (var i = 0; i < before; i++)
        {
            if (!await batches.MoveNextAsync())
            {
                return new CancelledRead(i, 0, Cancelled: false);
            }
        }
        await cancel.CancelAsync();
        var after = 0;
        try
        {
            while (await batches.MoveNextAsync() && ++after < limit) { }
        }
        catch (OperationCanceledException)
        {
            return new CancelledRead(before, after, Cancelled: true);
        }
        return new CancelledRead(before, after, Cancelled: false);
    }
}

/// <summary>Batches read before the cancel and after it, and whether the read ended with OperationCanceledException.</summary>
public sealed record CancelledRead(int Before, int After, bool Cancelled);
