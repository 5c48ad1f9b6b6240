using ExerciseKit.Exercises.LoadingStages;
using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Cancelling, disposing and leaving the loop early stop every worker. A class of their own, so that they run beside
/// the fault graders: a loader that fails both costs their deadlines side by side, not one after the other.
/// </summary>
public sealed class ThreadedStopGraders
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact, Graded("threaded-faults", 1)]
    public async Task Cancelling_or_disposing_stops_every_worker()
    {
        // Cancelling the consumer's token.
        var source = Stopping.Endless(11);
        var loader = new ThreadedLoader(source, workers: 2, capacity: 2);
        using var cancel = new CancellationTokenSource();
        await Deadline.RunAsync(
            Limit,
            () => "After the token was cancelled the consumer's next MoveNextAsync never returned: pass the token to every wait.",
            async () =>
            {
                await using var batches = loader.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
                for (var i = 0; i < 3; i++)
                {
                    GradingFailure.Unless(await batches.MoveNextAsync(), "The loader ended early.");
                }
                await cancel.CancelAsync();
                var after = 0;
                try
                {
                    while (await batches.MoveNextAsync() && ++after < 100) { }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                throw new GradingFailure(
                    $"After the token was cancelled the consumer still got {after} more batches and no OperationCanceledException."
                );
            }
        );
        await Stopping.ExpectStoppedAsync(loader, source, "After cancelling and disposing");

        // Disposing the loader while the consumer is in the middle of the epoch.
        var second = Stopping.Endless(12);
        var disposed = new ThreadedLoader(second, workers: 2, capacity: 2);
        var reading = disposed.ReadAllAsync().GetAsyncEnumerator();
        await Deadline.RunAsync(Limit, () => "The first batch never came.", async () => await reading.MoveNextAsync());
        await Stopping.ExpectStoppedAsync(disposed, second, "After disposing the loader in the middle of an epoch");
    }

    [Fact, Graded("threaded-faults", 1)]
    public async Task Leaving_the_loop_early_stops_every_worker()
    {
        var source = Stopping.Endless(13);
        await using var loader = new ThreadedLoader(source, workers: 2, capacity: 4);
        await Deadline.RunAsync(
            Limit,
            () =>
                "Leaving the loop did not return: the enumerator's cleanup (the finally around your yield) must not wait for the whole epoch.",
            async () =>
            {
                var taken = 0;
                await foreach (var _ in loader.ReadAllAsync())
                {
                    if (++taken == 2)
                    {
                        break;
                    }
                }
            }
        );
        await Stopping.ExpectQuietAsync(source, "After the consumer left the loop after 2 batches (before disposing the loader)");
    }
}
