using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Graders whose verdict depends on timing (a speed-up ratio, a count that must settle) run alone, after the others:
/// the other graders run side by side, so that a loader that never finishes costs its deadlines once, not one after
/// another, but they would steal the cores these measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
