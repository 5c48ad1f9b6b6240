namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// The worker process: <c>LoadingStages worker --seed … --count … --shape 4,8 --work … --fault None --fault-at 0 --run-id …</c>
/// (see <see cref="WorkerCommand"/>). It hands your <see cref="BatchWorker"/> the synthetic source and its stdout;
/// anything it wants to log belongs on stderr.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is not ["worker", .. var rest])
        {
            await Console.Error.WriteLineAsync(
                "usage: LoadingStages worker --seed N --count N --shape D,D,… --work N --fault F --fault-at N --run-id ID"
            );
            return 2;
        }
        WorkerCommand command;
        try
        {
            command = WorkerCommand.Parse(rest);
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"worker: {error.Message}");
            return 2;
        }

        await using var stdout = Console.OpenStandardOutput();
        if (command.Fault == WorkerFault.ChattyStderr)
        {
            for (var line = 0; line < 16_384; line++)
            {
                Console.Error.WriteLine($"worker log line {line, 5}: still warming up the decoder, nothing to worry about");
            }
        }
        await BatchWorker.RunAsync(new FaultySource(command, stdout), stdout, CancellationToken.None);
        return 0;
    }

    /// <summary>The command's source, with the command's fault happening when batch FaultAt is asked for.</summary>
    private sealed class FaultySource(WorkerCommand command, Stream stdout) : IBatchSource
    {
        private readonly IBatchSource inner = command.CreateSource();

        public int Count => inner.Count;

        public Batch Load(int index, CancellationToken cancellationToken)
        {
            if (index == command.FaultAt)
            {
                Fail();
            }
            return inner.Load(index, cancellationToken);
        }

        private void Fail()
        {
            switch (command.Fault)
            {
                case WorkerFault.Exit:
                    stdout.Flush();
                    Environment.Exit(3);
                    break;
                case WorkerFault.Crash:
                    throw new InvalidOperationException($"injected fault: the decoder crashed on batch {command.FaultAt}");
                case WorkerFault.Truncate:
                    // A frame header promising values that never come.
                    stdout.Write([.. FrameFormat.Magic, .. BitConverter.GetBytes(command.FaultAt), 1, 0, 0, 0, 100, 0, 0, 0, 1, 2, 3]);
                    stdout.Flush();
                    Environment.Exit(0);
                    break;
                case WorkerFault.Garbage:
                    stdout.Write("loading batch 3 of 10 (30%)\n"u8);
                    stdout.Flush();
                    Environment.Exit(0);
                    break;
                case WorkerFault.Hang:
                    Thread.Sleep(Timeout.Infinite);
                    break;
            }
        }
    }
}
