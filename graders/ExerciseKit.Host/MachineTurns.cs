using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>
/// Gives a grader that times code the machine to itself (see <see cref="MachineTurn"/>): returns once nothing else
/// of the host's runs, which stays so until the grade that asked ends.
/// </summary>
public interface IMachineTurns
{
    Task AloneAsync(CancellationToken cancellation);
}

/// <summary>The host's half of <see cref="MachineTurn"/> for one grader run: on the grader's request, waits for its turn and answers on the grader's standard input.</summary>
internal sealed class MachineTurnRequest(IMachineTurns turns) : IDisposable
{
    private readonly TaskCompletionSource<ProcessRunner.RunningProcess> process = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource ended = new();
    private int asked;

    public void Attach(ProcessRunner.RunningProcess running) => process.TrySetResult(running);

    /// <summary>Sees every line of the grader's output; the first request starts the wait (learner code that prints one only spends its own time).</summary>
    public void OnOutputLine(string line)
    {
        if (line == MachineTurn.Request && Interlocked.Exchange(ref asked, 1) == 0)
        {
            _ = AnswerAsync();
        }
    }

    private async Task AnswerAsync()
    {
        var cancellation = ended.Token;
        try
        {
            await turns.AloneAsync(cancellation);
            await (await process.Task.WaitAsync(cancellation)).SendLineAsync("go");
        }
        catch (OperationCanceledException)
        {
            // the run ended before its turn came
        }
    }

    public void Dispose() => ended.Cancel(); // not disposed: an answer still on its way reads its token
}
