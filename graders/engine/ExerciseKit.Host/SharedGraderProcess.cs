using System.Text.Json;
using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>
/// One grader process for several exercises of one submission (grade-batch), run one after the other: a TorchSharp
/// grader process spends most of a CPU-second on starting .NET, xunit and libtorch, and a shared one pays it once per
/// submission (protocol: ExerciseKit.Grading.GraderSession). Exercises that time code (`"measuresSpeed"`) keep a
/// process of their own. The process is a judge: each exercise's learner code runs in a subject process of its own,
/// started for that exercise's run (see ExerciseKit.Grading.Boundary.SubjectProcess), so no exercise's code reaches
/// another's run. <see cref="ForSubmission"/> removes the learner assemblies the slot's previous submission left
/// beside the subjects, and each exercise's compile puts this submission's back before its run.
/// </summary>
public sealed class SharedGraderProcess : IAsyncDisposable
{
    private readonly IReadOnlySet<string> graderFolders;
    private readonly GradingIsolation isolation;
    private ProcessRunner.RunningProcess? process;
    private string? folder;
    private int runs;
    private SessionRun? current;

    private SharedGraderProcess(IReadOnlySet<string> graderFolders, GradingIsolation isolation) =>
        (this.graderFolders, this.isolation) = (graderFolders, isolation);

    /// <summary>
    /// A shared process for the exercises of <paramref name="exercises"/> that do not time code and whose grader was
    /// built in this slot before (the folders are known from their compile plans); none when fewer than two qualify.
    /// </summary>
    public static SharedGraderProcess? ForSubmission(
        KitLayout layout,
        CodeSource slot,
        IEnumerable<ExerciseMetadata> exercises,
        GradingIsolation isolation
    )
    {
        var plans = exercises
            .Where(e => !e.MeasuresSpeed)
            .Select(e => CompilePlan.Load(CompilePlan.PathFor(layout, slot.ArtifactsKey, e.Id)))
            .OfType<CompilePlan>()
            .Where(p => SubjectLocation.TryOf(p.GraderAssembly) is not null)
            .ToList();
        if (plans.Count < 2)
        {
            return null;
        }
        foreach (var plan in plans)
        {
            File.Delete(plan.SubjectCopy);
            File.Delete(Path.ChangeExtension(plan.SubjectCopy, ".pdb"));
        }
        return new SharedGraderProcess(
            plans.Select(p => Path.GetDirectoryName(p.GraderAssembly)!).ToHashSet(StringComparer.Ordinal),
            isolation
        );
    }

    /// <summary>
    /// The next run, in the shared process (started now if there is none, or the last one ended), waiting for
    /// <see cref="GraderRun"/> to finish it; null when this grader's folder is not one the process sees, or a run is on.
    /// </summary>
    internal async Task<StartedRun?> TryStartRunAsync(string graderAssembly, TimeLimits limits)
    {
        if (current is not null || !graderFolders.Contains(Path.GetDirectoryName(graderAssembly)!))
        {
            return null;
        }
        if (process is { HasExited: true })
        {
            await EndProcessAsync();
        }

        var first = process is null;
        if (first)
        {
            folder = GraderRun.NewRunFolder();
            runs = 0;
        }
        var index = ++runs;
        var runFolder = Path.Combine(folder!, $"run-{index}");
        Sandbox.MakeWritable(runFolder);
        var resultFile = Path.Combine(runFolder, "results.xml");
        var watchdog = new TestWatchdog(TimeSpan.FromSeconds(limits.TestSeconds));
        var run = current = new SessionRun(this, index, watchdog);
        try
        {
            if (first)
            {
                List<string> arguments = [graderAssembly, .. GraderRun.RunArguments(resultFile), GraderSession.Argument];
                var environment = GraderRun.RunEnvironment(isolation, graderAssembly, folder!, warm: false);
                process = await ProcessRunner.StartAsync(
                    Sandbox.DotnetHost,
                    arguments,
                    onOutputLine: line => current?.OnOutputLine(line),
                    takesInput: true,
                    limits: isolation.Limits,
                    environment: environment
                );
                run.StartLine = "go";
            }
            else
            {
                run.StartLine = JsonSerializer.Serialize(
                    new GraderSession.RunCommand(
                        graderAssembly,
                        GraderRun.RunArguments(resultFile),
                        GraderRun.SubjectCommand(
                            isolation,
                            graderAssembly,
                            folder!,
                            GraderRun.RunEnvironment(isolation, graderAssembly, folder!, warm: false)
                        )
                    )
                );
            }
            run.Mark = process!.OutputMark;
            return new StartedRun(process, watchdog, runFolder, resultFile, Session: run);
        }
        catch
        {
            current = null;
            watchdog.Dispose();
            await EndProcessAsync(); // a session that failed to start or to take the run starts afresh next time
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await EndProcessAsync();

    private async Task EndProcessAsync()
    {
        current = null;
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        folder = null;
    }

    /// <summary>One exercise's run in the shared process.</summary>
    internal sealed class SessionRun(SharedGraderProcess owner, int index, TestWatchdog watchdog)
    {
        private readonly TaskCompletionSource<int> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool started;

        public string StartLine { get; set; } = "";

        public (int Output, int Error) Mark { get; set; }

        public void OnOutputLine(string line)
        {
            watchdog.OnOutputLine(line);
            // Only the judge writes to this stream: the learner's code runs in the subject, whose output goes elsewhere.
            if (
                line.StartsWith(GraderSession.EndMarker, StringComparison.Ordinal)
                && line.Split(' ') is [.., var exitCode]
                && int.TryParse(exitCode, out var code)
            )
            {
                ended.TrySetResult(code);
            }
        }

        public async Task<ProcessOutcome> FinishAsync(TimeSpan timeLeft, CancellationToken cancellation)
        {
            started = true;
            return await owner.process!.FinishRunAsync(StartLine, ended.Task, Mark, timeLeft, cancellation, watchdog.Kill);
        }

        /// <summary>The run is over (or never started): the process takes the next run, unless it is left waiting for this one.</summary>
        public async Task ReleaseAsync()
        {
            if (!ReferenceEquals(owner.current, this))
            {
                return;
            }
            owner.current = null;
            if ((index == 1 && !started) || (started && !ended.Task.IsCompleted))
            {
                await owner.EndProcessAsync(); // waiting for a start that never comes, or ended badly
            }
            else if (!started)
            {
                owner.runs--; // never sent: the process counts only the runs it was given
            }
        }
    }
}
