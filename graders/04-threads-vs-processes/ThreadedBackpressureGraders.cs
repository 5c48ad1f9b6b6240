using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

[Collection(TimingCollection.Name)]
public sealed class ThreadedBackpressureGraders
{
    [Fact, Graded("threaded-backpressure", 2)]
    public async Task A_slow_consumer_bounds_how_far_the_workers_run_ahead()
    {
        foreach (var (workers, capacity) in new[] { (1, 1), (2, 4), (4, 8), (2, 5), (4, 6) })
        {
            var source = ProbeSource.Over(new SyntheticBatches(9, 200, [16], work: 0));
            await using var loader = ThreadedLoader.New(source, workers, capacity);
            await Deadline.RunAsync(
                TimeSpan.FromSeconds(10),
                () => $"With {workers} worker(s) and capacity {capacity}, a consumer that paused after one batch could not continue.",
                async () =>
                {
                    await using var batches = loader.ReadAllAsync().GetAsyncEnumerator();
                    GradingFailure.Unless(await batches.MoveNextAsync(), "The loader ended before its first batch.");

                    // The consumer is busy with batch 0: let the workers run as far as they are allowed to.
                    var started = await Deadline.SettledAsync(
                        () => source.Started,
                        TimeSpan.FromMilliseconds(300),
                        TimeSpan.FromSeconds(3)
                    );
                    var allowed = 1 + capacity + workers;
                    // Lanes of capacity / workers rounded up hold up to workers − 1 batches more than capacity.
                    var roundedUp = capacity % workers != 0 && started <= 1 + workers * ((capacity + workers - 1) / workers) + workers;
                    GradingFailure.Unless(
                        started <= allowed || !roundedUp,
                        $"With {workers} worker(s) and capacity {capacity}, while the consumer held batch 0 the workers started {started} "
                            + $"loads; at most {allowed} (1 consumed + {capacity} waiting + one per worker) may start. {capacity} does not "
                            + $"divide by {workers}: one lane per worker of {capacity} / {workers} rounded up holds more than {capacity} batches in all. "
                            + "Round down: the lanes together may hold fewer than capacity batches, never more."
                    );
                    GradingFailure.Unless(
                        started <= allowed,
                        $"With {workers} worker(s) and capacity {capacity}, while the consumer held batch 0 the workers started {started} "
                            + $"loads; at most {allowed} (1 consumed + {capacity} waiting + one per worker) may start. An unbounded queue "
                            + "lets a fast loader fill memory: use Channel.CreateBounded, whose WriteAsync waits while it is full."
                    );

                    var rest = 1;
                    while (await batches.MoveNextAsync())
                    {
                        rest++;
                    }
                    GradingFailure.Unless(rest == 200, $"After the pause only {rest} of 200 batches arrived.");
                }
            );
        }
    }
}
