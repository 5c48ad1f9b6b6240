using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// Graders that time code (04's speed-up grader) ask a host that offers machine turns (grade-batch -j) for the
/// machine alone, once, wait until they have it, and say when they are done with it.
/// </summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class MachineTurnTests(GradedExercises graded)
{
    private const string Exercise = "04-threads-vs-processes";

    [Fact]
    public async Task Graders_that_time_code_ask_once_wait_for_their_turn_give_it_back_and_keep_their_points()
    {
        Assert.Equal(ExerciseStatus.Passing, (await graded.OnSolutionAsync(Exercise)).Status);
        var plan = CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, CodeSource.Solutions.ArtifactsKey, Exercise));
        Assert.NotNull(plan);
        var turns = new SlowTurns(TimeSpan.FromSeconds(1));

        var tests = await GradedExercises.OneAtATime(() =>
            GraderRun.RunAsync(
                plan.GraderAssembly,
                Kit.Exercise(Exercise).TimeLimits,
                TestContext.Current.CancellationToken,
                GradingIsolation.Default with
                {
                    Turns = turns,
                }
            )
        );

        Assert.Empty(
            tests
                .Where(t => !t.PassedOrUnmeasured())
                .Select(t => $"{t.Test.Name}: {t.Verdict} ({t.Duration.TotalSeconds:0.0} s) {t.Message}")
        );
        Assert.Equal(1, turns.Asked);
        Assert.Equal(1, turns.Shared);
    }

    /// <summary>Grants each turn after a delay, as a busy host would, and counts the requests and the ends.</summary>
    private sealed class SlowTurns(TimeSpan delay) : IMachineTurns
    {
        private int asked;
        private int shared;

        public int Asked => Volatile.Read(ref asked);

        public int Shared => Volatile.Read(ref shared);

        public void Share() => Interlocked.Increment(ref shared);

        public Task AloneAsync(CancellationToken cancellation)
        {
            Interlocked.Increment(ref asked);
            return Task.Delay(delay, cancellation);
        }
    }
}

/// <summary>
/// The host's wait for a machine turn is its own doing: it never counts against the waiting test's time limit, nor
/// against the time limit of the exercise's run (another worker's grade it waits for may take minutes).
/// </summary>
public sealed class MachineTurnWaitTests
{
    private const string Starting = """{"$type":"test-starting","TestUniqueID":"speed","TestDisplayName":"Graders.Speed_up"}""";
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task A_test_waiting_for_its_turn_is_not_timed_out_for_the_wait_but_is_once_it_runs_again()
    {
        using var watchdog = new TestWatchdog(Limit);
        watchdog.OnOutputLine(Starting);

        await WaitForATurnThenRunOnAsync(watchdog);

        Assert.Equal("Graders.Speed_up", watchdog.TimedOutTest);
    }

    [Fact]
    public async Task A_run_waiting_for_a_turn_is_not_timed_out_for_the_wait_but_is_once_it_runs_again()
    {
        using var watchdog = new TestWatchdog(TimeSpan.FromMinutes(1));
        watchdog.LimitRun(Limit);

        await WaitForATurnThenRunOnAsync(watchdog);

        Assert.True(watchdog.RunOverran);
        Assert.Null(watchdog.TimedOutTest);
        Assert.InRange(watchdog.KeptWaiting, 2.5 * Limit, TimeSpan.FromSeconds(10)); // what the exercise's next run is not charged for
    }

    /// <summary>Kept waiting for three times the limit without being killed; killed once the turn came and the limit passed.</summary>
    private static async Task WaitForATurnThenRunOnAsync(TestWatchdog watchdog)
    {
        var granted = new TaskCompletionSource();
        using var request = new MachineTurnRequest(new HeldTurns(granted.Task), watchdog);

        request.OnOutputLine(ExerciseKit.Grading.MachineTurn.Request);
        await Task.Delay(3 * Limit, TestContext.Current.CancellationToken);
        Assert.False(watchdog.Kill.IsCancellationRequested, "timed out while the host kept it waiting");

        granted.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(10), watchdog.Kill));
    }

    private sealed class HeldTurns(Task granted) : IMachineTurns
    {
        public Task AloneAsync(CancellationToken cancellation) => granted.WaitAsync(cancellation);

        public void Share() { }
    }
}
