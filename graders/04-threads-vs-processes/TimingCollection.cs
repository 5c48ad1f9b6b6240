using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Graders whose verdict depends on timing (a speed-up ratio, a count that must settle) run one at a time, after the
/// others: the other graders run side by side, so that a loader that never finishes costs its deadlines once, not
/// one after another, but they would steal the cores these measure. Under grade-batch -j the host also keeps other
/// students' graders off the machine from the start of this collection until the speed-up is measured
/// (<see cref="MachineTurn"/>), and only then.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection : ICollectionFixture<TimingCollection.MachineAlone>
{
    public const string Name = "timing";

    /// <summary>
    /// Asks for the turn before the collection's first test starts, so that the wait for it (as long as another
    /// student's grade takes) never counts against a test's time limit.
    /// </summary>
    public sealed class MachineAlone : IDisposable
    {
        private readonly IDisposable turn = MachineTurn.Alone();

        /// <summary>The measurement is over: the others may run again.</summary>
        public void Done() => turn.Dispose();

        public void Dispose() => turn.Dispose();
    }
}
