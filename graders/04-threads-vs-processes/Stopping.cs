using ExerciseKit.Grading;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>How the threaded graders check that a loader has stopped: no load running, and none starting after.</summary>
internal static class Stopping
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An epoch of sleeping loads that would take minutes: a loader that does not stop is still loading when checked, on a
    /// fast machine as on a busy one (an epoch of quick loads could end before the check and let it pass), at no CPU cost.
    /// </summary>
    public static IProbeSource Endless(int seed) =>
        ProbeSource.Over(new SyntheticBatches(seed, 100_000, [8], work: 0), new() { PausePerLoad = TimeSpan.FromMilliseconds(2) });

    public static async Task ExpectStoppedAsync(IBatchLoader loader, IProbeSource source, string situation)
    {
        await Deadline.RunAsync(
            Limit,
            () => $"{situation}: DisposeAsync did not return. Cancel the workers and wait for them; never wait for a whole epoch.",
            async () => await loader.DisposeAsync()
        );
        await ExpectQuietAsync(source, situation);
    }

    public static async Task ExpectQuietAsync(IProbeSource source, string situation)
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
