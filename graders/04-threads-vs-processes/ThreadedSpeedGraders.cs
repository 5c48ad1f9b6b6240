using System.Diagnostics;
using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

[Collection(TimingCollection.Name)]
public sealed class ThreadedSpeedGraders(LoaderEndsCheck loader)
{
    internal const string Stuck =
        "Are loads waiting for each other (one lock around Load, or awaiting each load before starting the next)?";

    private const double Required = 1.3; // the speed-up of 2 workers over 1
    private const int Windows = 3; // tries of three rounds each, not counting disturbed ones
    private const double Disturbing = 0.15; // the share of the machine other programs may use during a try
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20); // for all tries, disturbed or not

    [Fact, Graded("threaded-speed", 1)]
    public async Task N_workers_load_N_batches_at_once_and_never_more()
    {
        await loader.Ended;
        foreach (var workers in new[] { 2, 4 })
        {
            // Each load waits (up to 1 s) until `workers` loads have run at once: parallel loaders fly, serial ones crawl.
            var source = ProbeSource.Over(new SyntheticBatches(7, 2 * workers, [4]), new() { HoldUntilRunning = workers });
            await using var loader = ThreadedLoader.New(source, workers, capacity: 2 * workers);

            var received = await Received.DrainAsync(loader, source.Count, TimeSpan.FromSeconds(10), Stuck);

            Expect.NoError(received, $"{workers} workers");
            GradingFailure.Unless(
                source.MaxActive == workers,
                $"With {workers} workers, at most {source.MaxActive} loads ran at the same time; expected exactly {workers}. "
                    + (
                        source.MaxActive < workers
                            ? Stuck
                            : "Start one loop per worker, not one task per batch: the worker count is the limit."
                    )
            );
        }
    }

    [Fact, Graded("threaded-speed", 1)]
    public async Task Two_workers_load_CPU_bound_batches_clearly_faster_than_one()
    {
        if (Environment.ProcessorCount < 2)
        {
            throw new NotMeasuredException($"This grader needs 2 cores; the machine offers {Environment.ProcessorCount}.");
        }
        await loader.Ended;
        var source = new SyntheticBatches(8, 24, [32, 32], work: 1500);

        // Windows of interleaved rounds, judged by their medians: a noisy machine slows both sides alike, and a window
        // that other work on the machine spoiled gets another try. A loader that runs loads one at a time never reaches
        // the bar; a parallel one usually does in the first window. A window during which other programs kept the
        // machine busy counts neither way (SpeedUpTries), and the tries go on for a while to find quiet ones.
        // Asked only now that the loader is known to end: one that never does must not keep other students' graders
        // off the machine while it is found out.
        var tries = new SpeedUpTries(disturbedAbove: Disturbing);
        using (MachineTurn.Alone())
        {
            await TimeAsync(source, 1); // warm-up: JIT and thread pool
            var clock = Stopwatch.StartNew();
            while (!tries.Reached(Required) && tries.Undisturbed < Windows && clock.Elapsed < Budget)
            {
                var others = BackgroundLoad.Watch();
                var (one, two) = await TimeWindowAsync(source);
                tries.Add(one, two, others?.Share());
            }
        }
        if (tries.Undisturbed == 0)
        {
            throw new NotMeasuredException(Shortfall(tries));
        }
        GradingFailure.Unless(tries.Reached(Required), Shortfall(tries));
    }

    private static string Shortfall(SpeedUpTries tries)
    {
        var (one, two) = tries.Best;
        var seen =
            $"1 worker {one:0} ms, 2 workers {two:0} ms for 24 CPU-bound batches (medians) — a speed-up of {tries.BestRatio:0.00}× "
            + $"at best; expected at least {Required}× on {Environment.ProcessorCount} cores.";
        if (tries.Undisturbed == 0)
        {
            return $"Other programs kept the machine busy during all {tries.Count} tries (up to {tries.MostOthersUsed:P0} of its "
                + $"CPU), so the loader could not be timed fairly: {seen} This counts neither way: close what else is running and grade again.";
        }
        var disturbed = tries.Disturbed == 0 ? "" : $" ({tries.Disturbed} more, disturbed by other programs, not counted)";
        return $"The best of {tries.Undisturbed} tries{disturbed}: {seen} {Stuck}";
    }

    /// <summary>Three rounds, each timing 1 and 2 workers back to back (alternating which goes first): the medians.</summary>
    private static async Task<(double One, double Two)> TimeWindowAsync(SyntheticBatches source)
    {
        var one = new List<double>();
        var two = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            if (round % 2 == 0)
            {
                one.Add(await TimeAsync(source, 1));
                two.Add(await TimeAsync(source, 2));
            }
            else
            {
                two.Add(await TimeAsync(source, 2));
                one.Add(await TimeAsync(source, 1));
            }
        }
        return (Median(one), Median(two));
    }

    private static async Task<double> TimeAsync(SyntheticBatches source, int workers)
    {
        var clock = Stopwatch.StartNew();
        await using var loader = ThreadedLoader.New(source, workers, capacity: 4);
        var received = await Received.DrainAsync(loader, source.Count, TimeSpan.FromSeconds(10), Stuck);
        Expect.NoError(received, $"{workers} worker(s)");
        GradingFailure.Unless(
            received.Batches.Count == source.Count,
            $"{workers} worker(s): {received.Batches.Count} of {source.Count} batches arrived."
        );
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
