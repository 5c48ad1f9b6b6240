using ExerciseKit.Exercises.LoadingStages;
using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

public sealed class ThreadedFaultGraders
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact, Graded("threaded-faults", 1)]
    public async Task A_failing_load_reaches_the_consumer_after_the_batches_before_it()
    {
        foreach (var workers in new[] { 1, 2, 4 })
        {
            var source = new ProbeSource(new SyntheticBatches(10, 20, [8])) { FailAt = 5, JitterSeed = workers };
            var loader = new ThreadedLoader(source, workers, capacity: workers);

            var received = await Received.DrainAsync(
                loader,
                20,
                Limit,
                "Batch 5 failed in a worker and the consumer was never told: catch the worker's exception and hand it to the consumer (complete the channel with it, or keep it and rethrow it)."
            );

            var situation = $"{workers} worker(s), the source throws on batch 5";
            var error = Expect.Error<InvalidDataException>(received, 5, situation, "Let the source's own exception reach the consumer.");
            GradingFailure.Unless(
                error.Message == ProbeSource.FailureMessage(5),
                $"{situation}: the consumer got \"{error.Message}\"; expected the source's own exception and message."
            );
            await ExpectStoppedAsync(loader, source, $"{situation}, after the consumer saw the exception and disposed the loader");
        }
    }

    [Fact, Graded("threaded-faults", 1)]
    public async Task Cancelling_or_disposing_stops_every_worker()
    {
        // Cancelling the consumer's token.
        var source = Endless(11);
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
        await ExpectStoppedAsync(loader, source, "After cancelling and disposing");

        // Disposing the loader while the consumer is in the middle of the epoch.
        var second = Endless(12);
        var disposed = new ThreadedLoader(second, workers: 2, capacity: 2);
        var reading = disposed.ReadAllAsync().GetAsyncEnumerator();
        await Deadline.RunAsync(Limit, () => "The first batch never came.", async () => await reading.MoveNextAsync());
        await ExpectStoppedAsync(disposed, second, "After disposing the loader in the middle of an epoch");
    }

    [Fact, Graded("threaded-faults", 1)]
    public async Task Leaving_the_loop_early_stops_every_worker()
    {
        var source = Endless(13);
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
        await ExpectQuietAsync(source, "After the consumer left the loop after 2 batches (before disposing the loader)");
    }

    /// <summary>
    /// An epoch of sleeping loads that would take minutes: a loader that does not stop is still loading when checked, on a
    /// fast machine as on a busy one (an epoch of quick loads could end before the check and let it pass), at no CPU cost.
    /// </summary>
    private static ProbeSource Endless(int seed) =>
        new(new SyntheticBatches(seed, 100_000, [8], work: 0)) { PausePerLoad = TimeSpan.FromMilliseconds(2) };

    private static async Task ExpectStoppedAsync(ThreadedLoader loader, ProbeSource source, string situation)
    {
        await Deadline.RunAsync(
            Limit,
            () => $"{situation}: DisposeAsync did not return. Cancel the workers and wait for them; never wait for a whole epoch.",
            async () => await loader.DisposeAsync()
        );
        await ExpectQuietAsync(source, situation);
    }

    private static async Task ExpectQuietAsync(ProbeSource source, string situation)
    {
        GradingFailure.Unless(
            await Deadline.UntilAsync(() => source.Active == 0, TimeSpan.FromSeconds(2)),
            $"{situation}, {source.Active} load(s) were still running 2 s later. Cancel a token the workers pass to Load and wait for them to finish."
        );
        var started = source.Started;
        await Task.Delay(300);
        GradingFailure.Unless(
            source.Started == started,
            $"{situation}, workers went on starting loads ({started} → {source.Started}). Every worker must stop."
        );
    }
}
