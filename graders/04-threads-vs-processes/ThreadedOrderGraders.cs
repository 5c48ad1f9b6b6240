using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

public sealed class ThreadedOrderGraders
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private const string Stuck =
        "A worker may have died without telling the consumer, or the consumer waits on a batch no worker will load.";

    [Fact, Graded("threaded-order", 2)]
    public async Task Every_batch_arrives_once_and_in_order_for_1_2_and_4_workers()
    {
        foreach (var workers in new[] { 1, 2, 4 })
        {
            foreach (var (seed, count) in new[] { (1, 1), (2, 7), (3, 33) })
            {
                var source = ProbeSource.Over(new SyntheticBatches(seed, count, [3, 5]), new() { JitterSeed = seed });
                await using var loader = ThreadedLoader.New(source, workers, capacity: 2 * workers);

                var received = await Received.DrainAsync(loader, count, Limit, Stuck);

                var situation = $"{count} batches, {workers} worker(s), workers finishing out of order";
                Expect.NoError(received, situation);
                Same.Batches(new SyntheticBatches(seed, count, [3, 5]), received.Batches, situation);
                GradingFailure.Unless(
                    source.Started == count,
                    $"{situation}: the source was asked for {source.Started} loads for {count} batches. Load each index once."
                );
            }
        }
    }

    [Fact, Graded("threaded-order", 1)]
    public async Task Zero_batches_end_at_once_and_one_huge_batch_arrives_whole()
    {
        await using (var empty = ThreadedLoader.New(new SyntheticBatches(4, 0, [2]), workers: 2, capacity: 2))
        {
            var received = await Received.DrainAsync(empty, 0, Limit, Stuck);
            Expect.NoError(received, "a source with no batches");
            GradingFailure.Unless(received.Batches.Count == 0, $"A source with no batches produced {received.Indices}.");
        }

        var huge = new SyntheticBatches(5, 1, [2, 256, 256], work: 0); // 512 KB
        await using var loader = ThreadedLoader.New(huge, workers: 4, capacity: 4);
        var one = await Received.DrainAsync(loader, 1, Limit, Stuck);
        Expect.NoError(one, "one batch of 2 × 256 × 256 values and 4 workers");
        Same.Batches(huge, one.Batches, "one batch of 2 × 256 × 256 values and 4 workers");
    }

    [Fact, Graded("threaded-order", 1)]
    public void Impossible_settings_are_refused()
    {
        var source = new SyntheticBatches(6, 3, [1]);
        Expect.Throws<ArgumentOutOfRangeException>(
            () => ThreadedLoader.New(source, 0, 4),
            "new ThreadedLoader(source, workers: 0, capacity: 4)"
        );
        Expect.Throws<ArgumentOutOfRangeException>(
            () => ThreadedLoader.New(source, 4, 2),
            "new ThreadedLoader(source, workers: 4, capacity: 2)"
        );
        Expect.Throws<ArgumentNullException>(() => ThreadedLoader.New((IBatchSource)null!, 1, 1), "new ThreadedLoader(null, 1, 1)");
    }
}
