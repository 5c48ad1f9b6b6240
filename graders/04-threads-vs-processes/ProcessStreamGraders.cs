using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

public sealed class ProcessStreamGraders
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5); // a 1 MB frame takes milliseconds, starting a worker a fraction of a second

    [Fact, Graded("process-stream", 1)]
    public async Task The_worker_process_streams_every_batch_bit_exactly()
    {
        foreach (var command in new[] { new WorkerCommand(21, 12, [4, 8]), new WorkerCommand(22, 0, [4]), new WorkerCommand(23, 3, []) })
        {
            using var workers = new WorkerProcesses(command);
            await using var loader = ProcessLoader.New(command);

            var received = await Received.DrainAsync(
                loader,
                command.Count,
                Limit,
                "Read the worker's stdout while it runs, and make the worker flush each frame."
            );

            var situation = $"A worker process sending {command.Count} batches of shape [{string.Join(", ", command.Shape)}]";
            Expect.NoError(received, situation);
            Same.Batches(command.CreateSource(), received.Batches, situation);
            await workers.ExpectNoneLeftAsync($"{situation}: after the last batch and DisposeAsync");
        }
    }

    [Fact, Graded("process-stream", 1)]
    public Task Batches_of_a_megabyte_do_not_deadlock_the_pipe() =>
        ExpectAllAsync(
            new WorkerCommand(24, 3, [4, 256, 256], Work: 0), // 1 MB per batch; a pipe holds 64 KB
            "Three 1 MB batches from a worker process",
            "A 1 MB frame does not fit in a pipe (64 KB): the worker blocks until the parent reads. Calling WaitForExit() "
                + "before reading stdout, or reading all of it only after the process ended, deadlocks both."
        );

    [Fact, Graded("process-stream", 1)]
    public Task A_worker_that_logs_a_lot_to_stderr_is_not_blocked() =>
        ExpectAllAsync(
            new WorkerCommand(25, 3, [8]) { Fault = WorkerFault.ChattyStderr },
            "A worker that logs 1 MB to stderr",
            "The worker writes 1 MB to stderr first. A redirected stderr that nobody reads fills its pipe and blocks the "
                + "worker: read stderr concurrently (ReadToEndAsync on a task, or BeginErrorReadLine), or leave it unredirected."
        );

    private static async Task ExpectAllAsync(WorkerCommand command, string situation, string whenStuck)
    {
        using var workers = new WorkerProcesses(command);
        await using var loader = ProcessLoader.New(command);

        var received = await Received.DrainAsync(loader, command.Count, Limit, whenStuck);

        Expect.NoError(received, situation);
        Same.Batches(command.CreateSource(), received.Batches, situation);
    }
}
