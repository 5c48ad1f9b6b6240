using ExerciseKit.Host.Classroom;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// grade-batch -j: a worker's grades that use the cores and its grade that times code (which runs beside them) each hold
/// a permit; the grade that times code gets the machine alone only once every other grade has ended, and no grade
/// starts until it has measured.
/// </summary>
public sealed class CpuGateTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_turn_waits_for_the_running_grades_of_both_kinds_and_holds_off_new_ones_until_shared()
    {
        var gate = new CpuGate(workers: 2);
        var otherCores = await gate.EnterAsync(besideOthers: false, Cancellation);
        var otherBeside = await gate.EnterAsync(besideOthers: true, Cancellation);
        using var measuring = await gate.EnterAsync(besideOthers: true, Cancellation);

        var alone = measuring.AloneAsync(Cancellation);
        await Task.Delay(Settle, Cancellation);
        Assert.False(alone.IsCompleted, "alone while two other grades run");
        otherCores.Dispose();
        await Task.Delay(Settle, Cancellation);
        Assert.False(alone.IsCompleted, "alone while a grade beside the others runs");
        otherBeside.Dispose();
        await alone.WaitAsync(Soon, Cancellation);

        var next = gate.EnterAsync(besideOthers: false, Cancellation);
        var nextBeside = gate.EnterAsync(besideOthers: true, Cancellation);
        await Task.Delay(Settle, Cancellation);
        Assert.False(next.IsCompleted || nextBeside.IsCompleted, "a grade started during the measurement");
        measuring.Share();
        (await next.WaitAsync(Soon, Cancellation)).Dispose();
        (await nextBeside.WaitAsync(Soon, Cancellation)).Dispose(); // the measuring grade kept one permit of its kind
    }

    [Fact]
    public async Task Two_grades_asking_at_once_get_the_machine_one_after_the_other()
    {
        var gate = new CpuGate(workers: 2);
        var first = await gate.EnterAsync(besideOthers: true, Cancellation);
        var second = await gate.EnterAsync(besideOthers: true, Cancellation);

        var asked = new[] { first.AloneAsync(Cancellation), second.AloneAsync(Cancellation) };
        var winner = await Task.WhenAny(asked).WaitAsync(Soon, Cancellation);
        var (done, waiting) = winner == asked[0] ? (first, asked[1]) : (second, asked[0]);
        await Task.Delay(Settle, Cancellation);
        Assert.False(waiting.IsCompleted, "both alone at once");
        done.Dispose(); // its grade ended
        await waiting.WaitAsync(Soon, Cancellation);
        (winner == asked[0] ? second : first).Dispose();

        // Every permit is back.
        var all = await Task.WhenAll([.. Enumerable.Range(0, 4).Select(i => gate.EnterAsync(besideOthers: i % 2 == 0, Cancellation))])
            .WaitAsync(Soon, Cancellation);
        Assert.Equal(4, all.Length);
    }
}
