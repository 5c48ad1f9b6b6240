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
            var source = ProbeSource.Over(new SyntheticBatches(10, 20, [8]), new() { FailAt = 5, JitterSeed = workers });
            var loader = ThreadedLoader.New(source, workers, capacity: workers);

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
            await Stopping.ExpectStoppedAsync(loader, source, $"{situation}, after the consumer saw the exception and disposed the loader");
        }

        // The failing batch's worker runs ahead: batch k fails while batch 0 is still loading, so batches 1 … k−1 are
        // loaded or waiting when the failure is known, and must still reach the consumer before it.
        foreach (var (workers, failAt) in new[] { (2, 3), (4, 5) })
        {
            var source = ProbeSource.Over(new SyntheticBatches(11, 20, [8]), new() { FailAt = failAt, HoldUntilFailed = 0 });
            var loader = ThreadedLoader.New(source, workers, capacity: 2 * workers);

            var received = await Received.DrainAsync(
                loader,
                20,
                Limit,
                $"Batch {failAt} failed in a worker and the consumer was never told: catch the worker's exception and hand it to the consumer."
            );

            var situation = $"{workers} workers, the source throws on batch {failAt} while batch 0 is still loading";
            Expect.Error<InvalidDataException>(
                received,
                failAt,
                situation,
                "Let the source's own exception reach the consumer.",
                $"An error is news about batch {failAt} only: the batches before it were loaded (or are still loading) and the consumer is owed them first. "
                    + "Keep the worker's exception until the consumer reaches the failing index, then throw it."
            );
            await Stopping.ExpectStoppedAsync(loader, source, $"{situation}, after the consumer saw the exception and disposed the loader");
        }
    }
}
