using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>
/// The host's half of <see cref="MachineTurn"/> for one grader run: on the grader's request, waits for its turn and
/// answers on the grader's standard input. The wait is the host's doing: it does not count against the waiting test's
/// time limit.
/// </summary>
internal sealed class MachineTurnRequest(IMachineTurns turns, TestWatchdog watchdog) : IDisposable
{
    private readonly TaskCompletionSource<ProcessRunner.RunningProcess> process = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource ended = new();
    private int asked;
    private int done;

    public void Attach(ProcessRunner.RunningProcess running) => process.TrySetResult(running);

    /// <summary>
    /// Sees every line of the grader's output: the first request starts the wait, the first "done" after it ends the
    /// turn (learner code that prints either only spends its own time, or measures its own speed beside others).
    /// </summary>
    public void OnOutputLine(string line)
    {
        if (line == MachineTurn.Request && Interlocked.Exchange(ref asked, 1) == 0)
        {
            _ = AnswerAsync();
        }
        else if (line == MachineTurn.Done && Volatile.Read(ref asked) == 1 && Interlocked.Exchange(ref done, 1) == 0)
        {
            turns.Share();
        }
    }

    private async Task AnswerAsync()
    {
        var cancellation = ended.Token;
        try
        {
            using (watchdog.Pause())
            {
                await turns.AloneAsync(cancellation);
            }
            await (await process.Task.WaitAsync(cancellation)).SendLineAsync("go");
        }
        catch (OperationCanceledException)
        {
            // the run ended before its turn came
        }
    }

    public void Dispose() => ended.Cancel(); // not disposed: an answer still on its way reads its token
}
