using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

public sealed class ProcessFaultGraders
{
    internal static readonly TimeSpan Limit = TimeSpan.FromSeconds(5); // a 1 MB frame takes milliseconds, starting a worker a fraction of a second

    private const string WorkerFailed = "ExerciseKit.Exercises.LoadingStages.WorkerFailedException";

    private const string Stuck =
        "When the worker dies its stdout ends: treat the end of the stream as the signal, then check the exit code.";

    [Fact, Graded("process-faults", 1)]
    public async Task A_worker_that_exits_or_crashes_becomes_WorkerFailedException()
    {
        var exits = await ReadAsync(new WorkerCommand(31, 6, [4]) { Fault = WorkerFault.Exit, FaultAt = 2 });
        var exited = Expect.LearnerError(
            exits,
            2,
            WorkerFailed,
            "A worker that exits with code 3 after 2 batches",
            "After the last frame, wait for the worker to exit and throw WorkerFailedException(exitCode, stderr) unless the code is 0."
        );
        var exitCode = exited.Property<int>("ExitCode");
        GradingFailure.Unless(exitCode == 3, $"The worker exited with code 3, but WorkerFailedException says {exitCode}.");

        var crashes = await ReadAsync(new WorkerCommand(32, 6, [4]) { Fault = WorkerFault.Crash, FaultAt = 1 });
        var crashed = Expect.LearnerError(
            crashes,
            1,
            WorkerFailed,
            "A worker whose decoder throws on batch 1",
            "A crashed worker exits with a non-zero code: throw WorkerFailedException(exitCode, stderr)."
        );
        var standardError = crashed.Property<string>("StandardError") ?? "";
        GradingFailure.Unless(
            standardError.Contains("injected fault: the decoder crashed on batch 1", StringComparison.Ordinal),
            $"The crashed worker printed its exception to stderr, but WorkerFailedException.StandardError holds \"{Shorten(standardError)}\". "
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

    private static async Task<Received> ReadAsync(WorkerCommand command)
    {
        using var workers = new WorkerProcesses(command);
        var loader = ProcessLoader.New(command);
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
