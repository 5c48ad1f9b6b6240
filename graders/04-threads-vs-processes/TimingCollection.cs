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
    /// Waits for the check that the loader ends at all (<see cref="LoaderEndsCheck"/>: a loader that never ends must not
    /// keep other students' graders off the machine while it is found out), then asks for the turn, before the
    /// collection's first test starts: the wait for it (as long as another student's grade takes) never counts against a
    /// test's time limit. Nothing is timed when the loader does not end, so then no turn is asked for.
    /// </summary>
    public sealed class MachineAlone(LoaderEndsCheck loader) : IAsyncLifetime
    {
        private static readonly TimeSpan Check = TimeSpan.FromSeconds(5); // the check's own deadline is 2 s

        private IDisposable? turn;

        public async ValueTask InitializeAsync()
        {
            await Task.WhenAny(loader.Ended, Task.Delay(Check));
            if (loader.Ended.IsCompletedSuccessfully)
            {
                turn = MachineTurn.Alone();
            }
        }

        /// <summary>The measurement is over: the others may run again.</summary>
        public void Done() => turn?.Dispose();

        public ValueTask DisposeAsync()
        {
            turn?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
