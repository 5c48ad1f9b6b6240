using ExerciseKit.Grading;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Graders whose verdict depends on timing (a speed-up ratio, a count that must settle) run one at a time, after the
/// others: the other graders run side by side, so that a loader that never finishes costs its deadlines once, not
/// one after another, but they would steal the cores these measure. Under grade-batch -j the host also keeps other
/// students' graders off the machine from the start of this collection until the speed-up is measured
/// (<see cref="MachineTurn"/>), and only then: the speed-up grader runs first (<see cref="SpeedUpFirst"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[TestClassOrderer(typeof(SpeedUpFirst))]
[TestMethodOrderer(typeof(SpeedUpFirst))]
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

    /// <summary>
    /// The speed-up grader first, the rest in their usual order. The turn is taken before the collection starts and
    /// ends when the speed-up is measured: the collection's other graders wait on counts that settle and on loads that
    /// overlap, so they would hold the machine idle (about 1 s per correct answer, during which no other student's
    /// graders could run) while needing no turn themselves.
    /// </summary>
    public sealed class SpeedUpFirst : ITestClassOrderer, ITestMethodOrderer
    {
        private const string Measured = nameof(ThreadedSpeedGraders.Two_workers_load_CPU_bound_batches_clearly_faster_than_one);

        public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
            where TTestClass : notnull, ITestClass =>
            [.. testClasses.OrderBy(c => c?.TestClassSimpleName == nameof(ThreadedSpeedGraders) ? 0 : 1)];

        public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
            where TTestMethod : notnull, ITestMethod => [.. testMethods.OrderBy(m => m?.MethodName == Measured ? 0 : 1)];
    }
}
