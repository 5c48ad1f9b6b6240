using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Graders whose verdict depends on timing (a speed-up ratio, a count that must settle) run one at a time, after the
/// others: the other graders run side by side, so that a loader that never finishes costs its deadlines once, not
/// one after another, but they would steal the cores these measure. Under grade-batch -j the speed-up measurement
/// also keeps other students' graders off the machine while it runs (<see cref="MachineTurn"/>), and only then.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
