using Xunit;

[assembly: AssemblyFixture(typeof(ExerciseKit.Graders.LoadingStages.LoaderEndsCheck))]

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Whether the threaded loader ends a sequence of three small batches at all, checked as the graders start (beside the
/// other collections, so that a loader that never ends costs its 2 s deadline while they run, not after them). The
/// timing collection waits for it before it asks for the machine, and its graders report it.
/// </summary>
public sealed class LoaderEndsCheck
{
    /// <summary>Fails (with the explanation) unless the loader ends its sequence within 2 s.</summary>
    public Task Ended { get; } = Task.Run(ThreadedSpeedGraders.EndsAtAllAsync);
}
