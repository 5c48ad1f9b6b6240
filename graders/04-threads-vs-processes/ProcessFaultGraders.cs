using ExerciseKit.Exercises.LoadingStages;
using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

public sealed class ProcessFaultGraders
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5); // a 1 MB frame takes milliseconds, starting a worker a fraction of a second

    private const string Stuck =
        "When the worker dies its stdout ends: treat the end of the stream as the signal, then check the exit code.";

    [Fact, Graded("process-faults", 1)]
    public async Task A_worker_that_exits_or_crashes_becomes_WorkerFailedException()
    {
        var exits = await ReadAsync(new WorkerCommand(31, 6, [4]) { Fault = WorkerFault.Exit, FaultAt = 2 });
        var exited = Expect.Error<WorkerFailedException>(
            exits,
            2,
            "A worker that exits with code 3 after 2 batches",
            "After the last frame, wait for the worker to exit and throw WorkerFailedException(exitCode, stderr) unless the code is 0."
        );
        GradingFailure.Unless(exited.ExitCode == 3, $"The worker exited with code 3, but WorkerFailedException says {exited.ExitCode}.");

        var crashes = await ReadAsync(new WorkerCommand(32, 6, [4]) { Fault = WorkerFault.Crash, FaultAt = 1 });
        var crashed = Expect.Error<WorkerFailedException>(
            crashes,
            1,
            "A worker whose decoder throws on batch 1",
            "A crashed worker exits with a non-zero code: throw WorkerFailedException(exitCode, stderr)."
        );
        GradingFailure.Unless(
            crashed.StandardError.Contains("injected fault: the decoder crashed on batch 1", StringComparison.Ordinal),
            $"The crashed worker printed its exception to stderr, but WorkerFailedException.StandardError holds \"{Shorten(crashed.StandardError)}\". "
                + "Collect stderr while the worker runs and pass it on: it is the only clue to why the worker died."
        );
    }

    [Fact, Graded("process-faults", 1)]
    public async Task A_cut_or_garbled_worker_stream_raises_the_frame_readers_exception()
    {
        var cut = await ReadAsync(new WorkerCommand(33, 6, [4]) { Fault = WorkerFault.Truncate, FaultAt = 2 });
        Expect.Error<EndOfStreamException>(
            cut,
            2,
            "A worker that writes half a frame after 2 batches and exits with code 0",
            "Use FrameFormat.ReadAsync: a frame cut short is EndOfStreamException, whatever the exit code."
        );

        var garbled = await ReadAsync(new WorkerCommand(34, 6, [4]) { Fault = WorkerFault.Garbage, FaultAt = 1 });
        Expect.Error<InvalidDataException>(
            garbled,
            1,
            "A worker that prints a log line to stdout after 1 batch",
            "Bytes that are not a frame are InvalidDataException: never guess, never skip ahead."
        );
    }

    [Fact, Graded("process-faults", 1)]
    public async Task Cancelling_disposing_or_leaving_early_leaves_no_worker_running()
    {
        // Cancel while the worker hangs after 2 batches.
        var hangs = new WorkerCommand(35, 6, [4]) { Fault = WorkerFault.Hang, FaultAt = 2 };
        using (var workers = new WorkerProcesses(hangs))
        {
            using var cancel = new CancellationTokenSource();
            await using var loader = new ProcessLoader(hangs);
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
            var loader = new ProcessLoader(middle);
            var batches = loader.ReadAllAsync().GetAsyncEnumerator();
            await Deadline.RunAsync(Limit, () => "The first batch never came.", async () => await batches.MoveNextAsync());
            await Deadline.RunAsync(
                Limit,
                () => "DisposeAsync never returned: kill the worker, then wait for it.",
                async () => await loader.DisposeAsync()
            );
            await workers.ExpectNoneLeftAsync("After disposing the loader in the middle of an epoch");
        }

        // Leave the loop after one batch of many. The worker hangs at batch 100, so a loader that reads on instead of stopping
        // it never returns, however fast the machine.
        var many = new WorkerCommand(37, 500, [64, 64]) { Fault = WorkerFault.Hang, FaultAt = 100 };
        using (var workers = new WorkerProcesses(many))
        {
            var loader = new ProcessLoader(many);
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

    private static async Task<Received> ReadAsync(WorkerCommand command)
    {
        using var workers = new WorkerProcesses(command);
        var loader = new ProcessLoader(command);
        Received received;
        try
        {
            received = await Received.DrainAsync(loader, command.Count, Limit, Stuck);
        }
        finally
        {
            await Deadline.RunAsync(
                Limit,
                () => "DisposeAsync never returned: kill the worker, then wait for it.",
                async () => await loader.DisposeAsync()
            );
        }
        if (received.Error is not null and not NotImplementedException)
        {
            await workers.ExpectNoneLeftAsync($"After the worker's {command.Fault} fault and DisposeAsync");
        }
        return received;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
