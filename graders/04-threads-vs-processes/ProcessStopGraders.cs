using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Stopping a process loader early leaves no worker behind. A class of its own, beside <see cref="ProcessFaultGraders"/>:
/// a loader that cannot stop its worker pays this grader's deadline while the fault graders run, not after them.
/// </summary>
public sealed class ProcessStopGraders
{
    private static TimeSpan Limit => ProcessFaultGraders.Limit;

    [Fact, Graded("process-faults", 1)]
    public async Task Cancelling_disposing_or_leaving_early_leaves_no_worker_running()
    {
        // Cancel while the worker hangs after 2 batches.
        var hangs = new WorkerCommand(35, 6, [4]) { Fault = WorkerFault.Hang, FaultAt = 2 };
        using (var workers = new WorkerProcesses(hangs))
        {
            using var cancel = new CancellationTokenSource();
            await using var loader = ProcessLoader.New(hangs);
            await Deadline.RunAsync(
                Limit,
                () =>
                    "After cancelling, the read never ended: a pipe read may ignore the token — kill the worker when it is cancelled (token.Register) so the stream ends.",
                async () =>
                {
                    await using var batches = loader.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
                    for (var i = 0; i < 2; i++)
                    {
                        GradingFailure.Unless(await batches.MoveNextAsync(), "The loader ended before batch 2.");
                    }
                    cancel.CancelAfter(200);
                    try
                    {
                        await batches.MoveNextAsync();
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    throw new GradingFailure(
                        "The worker hung and the token was cancelled, but the read did not end with OperationCanceledException."
                    );
                }
            );
            await workers.ExpectNoneLeftAsync("After cancelling the read of a hanging worker");
        }

        // Dispose while the consumer is in the middle of an epoch.
        var middle = new WorkerCommand(36, 6, [4]) { Fault = WorkerFault.Hang, FaultAt = 2 };
        using (var workers = new WorkerProcesses(middle))
        {
            var loader = ProcessLoader.New(middle);
            var batches = loader.ReadAllAsync().GetAsyncEnumerator();
            await Deadline.RunAsync(Limit, () => "The first batch never came.", async () => await batches.MoveNextAsync());
            var pids = workers.Running();
            IReadOnlyList<int> alive = [];
            await Deadline.RunAsync(
                Limit,
                () => "DisposeAsync never returned: kill the worker, then wait for it.",
                async () =>
                {
                    await loader.DisposeAsync();
                    alive = WorkerProcesses.StillRunning(pids); // at once: DisposeAsync has returned, the worker must be gone
                }
            );
            GradingFailure.Unless(
                alive.Count == 0,
                $"DisposeAsync returned while the worker process (pid {string.Join(", ", alive)}) was still running. Kill only sends the signal: "
                    + "await WaitForExitAsync() after it, and dispose the Process only then, so that no worker outlives the loader's DisposeAsync."
            );
            await workers.ExpectNoneLeftAsync("After disposing the loader in the middle of an epoch");
        }

        // Leave the loop after one batch of many. The worker hangs at batch 100, so a loader that reads on instead of stopping
        // it never returns, however fast the machine.
        var many = new WorkerCommand(37, 500, [64, 64]) { Fault = WorkerFault.Hang, FaultAt = 100 };
        using (var workers = new WorkerProcesses(many))
        {
            var loader = ProcessLoader.New(many);
            await Deadline.RunAsync(
                Limit,
                () => "Leaving the loop after one batch did not return: the enumerator's cleanup must stop the worker, not read on.",
                async () =>
                {
                    await foreach (var _ in loader.ReadAllAsync())
                    {
                        break;
                    }
                }
            );
            await workers.ExpectNoneLeftAsync("After the consumer left the loop after 1 of 500 batches (before disposing the loader)");
            await loader.DisposeAsync();
        }
    }
}
