using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Graders whose verdict depends on timing (a speed-up ratio, a count that must settle) run one at a time, after the
/// others: the other graders run side by side, so that a loader that never finishes costs its deadlines once, not
/// one after another, but they would steal the cores these measure. Under grade-batch -j the speed-up grader also has
/// the host keep other students' graders off the machine while it measures (ExerciseKit.Grading.MachineTurn), and it
/// runs last (<see cref="SpeedUpLast"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[TestClassOrderer(typeof(SpeedUpLast))]
[TestMethodOrderer(typeof(SpeedUpLast))]
public sealed class TimingCollection
{
    public const string Name = "timing";

    /// <summary>
    /// The speed-up grader last, the rest in their usual order. The host hands the machine to the next student who
    /// waits for it only when this grade has ended, so nothing of it should run after the measurement: the other graders
    /// here wait on counts that settle (about 1 s for a correct answer) and need no turn, and run before it, while other
    /// students' graders still run.
    /// </summary>
    public sealed class SpeedUpLast : ITestClassOrderer, ITestMethodOrderer
    {
        private const string Measured = nameof(ThreadedSpeedGraders.Two_workers_load_CPU_bound_batches_clearly_faster_than_one);

        public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
            where TTestClass : notnull, ITestClass =>
            [.. testClasses.OrderBy(c => c?.TestClassSimpleName == nameof(ThreadedSpeedGraders) ? 1 : 0)];

        public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
            where TTestMethod : notnull, ITestMethod => [.. testMethods.OrderBy(m => m?.MethodName == Measured ? 1 : 0)];
    }
}
