using ExerciseKit.Grading;
using Xunit;

[assembly: AssemblyFixture(typeof(ExerciseKit.Graders.LoadingStages.LoaderEndsCheck))]

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Whether the threaded loader ends a sequence of three small batches at all, checked as the graded run starts (beside
/// the other collections, so that a loader that never ends costs its 5 s deadline while they run, not after them). The
/// speed-up grader waits for it before it asks for the machine, and the speed graders report it. Never during the warm-up
/// while the learner's code still compiles: it would call the subject before that code is final.
/// </summary>
public sealed class LoaderEndsCheck
{
    private readonly Lazy<Task> check = new(() => Task.Run(EndsAtAllAsync));

    public LoaderEndsCheck()
    {
        if (!GraderWarmUp.IsWarmingUp)
        {
            _ = check.Value;
        }
    }

    /// <summary>Fails (with the explanation) unless the loader ends its sequence within 5 s.</summary>
    public Task Ended => check.Value;

    // The speed graders give a loader many seconds (they time it); one that never ends its sequence fails here within
    // five, with the same explanation, instead of using up every one of them. Five, not the two that were enough when
    // the graders ran beside the loader: each step is now a round trip to the subject, and a busy machine (a class
    // graded beside the kit's own tests) made a correct loader miss two.
    private static async Task EndsAtAllAsync()
    {
        var source = new SyntheticBatches(9, 3, [4]);
        await using var loader = ThreadedLoader.New(source, workers: 2, capacity: 2);
        Expect.NoError(
            await Received.DrainAsync(loader, source.Count, TimeSpan.FromSeconds(5), ThreadedSpeedGraders.Stuck),
            "3 small batches"
        );
    }
}
