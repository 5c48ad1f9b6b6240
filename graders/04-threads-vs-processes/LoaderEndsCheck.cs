using ExerciseKit.Grading;
using Xunit;

[assembly: AssemblyFixture(typeof(ExerciseKit.Graders.LoadingStages.LoaderEndsCheck))]

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Whether the threaded loader ends a sequence of three small batches at all, checked as the graded run starts (beside
/// the other collections, so that a loader that never ends costs its 2 s deadline while they run, not after them). The
/// timing collection waits for it before it asks for the machine, and its graders report it. Never during the warm-up
/// before the key: that would load the learner's code too early.
/// </summary>
public sealed class LoaderEndsCheck
{
    private readonly Lazy<Task> check = new(() => Task.Run(ThreadedSpeedGraders.EndsAtAllAsync));

    public LoaderEndsCheck()
    {
        if (!GraderWarmUp.IsWarmingUp)
        {
            _ = check.Value;
        }
    }

    /// <summary>Fails (with the explanation) unless the loader ends its sequence within 2 s.</summary>
    public Task Ended => check.Value;
}
