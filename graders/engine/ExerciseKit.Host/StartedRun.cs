namespace ExerciseKit.Host;

/// <summary>
/// One started grader run with its watchdog and run folder; disposing it kills the process (a run in a
/// <see cref="SharedGraderProcess"/> hands the process back instead) and removes the folder.
/// </summary>
internal sealed record StartedRun(
    ProcessRunner.RunningProcess Process,
    TestWatchdog Watchdog,
    string RunFolder,
    string ResultFile,
    MachineTurnRequest? Turn = null,
    SharedGraderProcess.SessionRun? Session = null
) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (Session is null)
        {
            await Process.DisposeAsync();
        }
        else
        {
            await Session.ReleaseAsync(); // the process stays for the submission's next exercise
        }
        Turn?.Dispose();
        Watchdog.Dispose();
        if (Directory.Exists(RunFolder))
        {
            Directory.Delete(RunFolder, recursive: true);
        }
    }
}
