using System.Collections.Concurrent;
using System.Diagnostics;

namespace ExerciseKit.Host;

/// <summary>The grading loop for one exercise: build the graders against a code source, run them, score.</summary>
public sealed class ExerciseGrader(ExerciseCatalog catalog, GradingIsolation? isolation = null) : IAsyncDisposable
{
    // One MSBuild at a time per code source: grades of one submission may run side by side (grade-batch), and full
    // builds of two graders would both build the projects they share.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> FullBuilds = new(StringComparer.Ordinal);

    private WarmGrader? kept;

    /// <summary>
    /// Starts the next grade's grader process as soon as a grade ends (for `watch`): the next save then waits
    /// only for the learner's compile and the tests themselves.
    /// </summary>
    public bool KeepWarm { get; init; }

    /// <summary>One grader process for the submission's exercises that can share one (grade-batch), or none.</summary>
    public SharedGraderProcess? Shared { get; init; }

    public async Task<ExerciseResult> GradeAsync(ExerciseMetadata exercise, CodeSource source, CancellationToken cancellation = default)
    {
        var stopwatch = Stopwatch.StartNew();
        WarmGrader? warm = null;
        try
        {
            var sourceKey = source.ArtifactsKey;
            var analyzerLog = Path.Combine(catalog.Layout.Artifacts, "analyzer-logs", sourceKey, exercise.Id + ".sarif");
            var (plan, planPath, fingerprint) = FreshPlan(exercise, source); // before building: a change during the build invalidates the plan

            // The grader process starts (runtime, graders, discovery) while the learner's code compiles.
            // The compiler starts first: it is the one the grade waits for.
            var building = BuildAsync(exercise, source, sourceKey, analyzerLog, plan, planPath, fingerprint, cancellation);
            GraderBuildResult build;
            try
            {
                warm = await SharedRunAsync(plan, exercise) ?? await WarmGraderAsync(plan, exercise);
            }
            finally
            {
                build = await building;
            }
            var built = stopwatch.Elapsed;
            if (!build.Succeeded || build.GraderAssembly is null)
            {
                if (KeepWarm && build.Kind == BuildKind.Quick)
                {
                    (kept, warm) = (warm, null); // the grader never saw the failed build: it can grade the next one
                }
                return new ExerciseResult(exercise, [], build.Errors, null, stopwatch.Elapsed, Build: build.Kind, BuildElapsed: built);
            }

            var findings = AnalyzerFindings.Read(analyzerLog, exercise);
            var ready = build.Kind == BuildKind.Quick && warm?.GraderAssembly == build.GraderAssembly ? warm : null;
            var tests = await GraderRun.RunAsync(build.GraderAssembly, exercise.TimeLimits, cancellation, isolation, ready);
            var elapsed = stopwatch.Elapsed;
            if (KeepWarm)
            {
                kept = await TryStartWarmAsync(CompilePlan.Load(planPath), exercise);
            }
            return new ExerciseResult(exercise, tests, [], null, elapsed, findings, build.Kind, built, ready?.InSharedProcess ?? false);
        }
        catch (KitException e)
        {
            // One broken exercise must not stop the others from being graded.
            return new ExerciseResult(exercise, [], [], e.Message, stopwatch.Elapsed);
        }
        finally
        {
            if (warm is not null)
            {
                await warm.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The grade will only recompile the learner's project (its compile plan fits the kit as it is now): it runs no
    /// MSBuild, and writes nothing outside this exercise's folders.
    /// </summary>
    public bool CompilesQuickly(ExerciseMetadata exercise, CodeSource source) => FreshPlan(exercise, source).Plan is not null;

    private (CompilePlan? Plan, string PlanPath, string Fingerprint) FreshPlan(ExerciseMetadata exercise, CodeSource source)
    {
        var fingerprint = KitInputs.Fingerprint(catalog.Layout, exercise, source);
        var planPath = CompilePlan.PathFor(catalog.Layout, source.ArtifactsKey, exercise.Id);
        return (CompilePlan.Load(planPath) is { } saved && saved.Fingerprint == fingerprint ? saved : null, planPath, fingerprint);
    }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref kept, null)?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// The next run of the shared grader process, when there is one and this exercise's grader can run there; when it
    /// cannot start, the exercise gets a process of its own.
    /// </summary>
    private async Task<WarmGrader?> SharedRunAsync(CompilePlan? plan, ExerciseMetadata exercise)
    {
        try
        {
            return
                Shared is not null
                && plan is not null
                && !exercise.MeasuresSpeed
                && await Shared.TryStartRunAsync(plan.GraderAssembly, exercise.TimeLimits) is { } run
                ? new WarmGrader(plan.GraderAssembly, run)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or KitException)
        {
            return null;
        }
    }

    /// <summary>The kept grader if it still fits the plan, else a new one; none without a plan (a full build is coming).</summary>
    private async Task<WarmGrader?> WarmGraderAsync(CompilePlan? plan, ExerciseMetadata exercise)
    {
        var previous = Interlocked.Exchange(ref kept, null);
        if (previous is { IsWaiting: true } && previous.GraderAssembly == plan?.GraderAssembly)
        {
            return previous;
        }
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
        return await TryStartWarmAsync(plan, exercise);
    }

    // A warm start only saves time: when it cannot start (a grader built before its subject existed cannot), the grade starts its grader process itself.
    private async Task<WarmGrader?> TryStartWarmAsync(CompilePlan? plan, ExerciseMetadata exercise)
    {
        try
        {
            return plan is not null && File.Exists(plan.GraderAssembly)
                ? await GraderRun.StartWarmAsync(plan.GraderAssembly, exercise.TimeLimits, isolation)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or KitException)
        {
            return null;
        }
    }

    /// <summary>
    /// Recompiles only the learner's project when the last full build's plan still fits (nothing but the learner's
    /// files changed since); otherwise builds fully and records a new plan.
    /// </summary>
    private async Task<GraderBuildResult> BuildAsync(
        ExerciseMetadata exercise,
        CodeSource source,
        string sourceKey,
        string analyzerLog,
        CompilePlan? plan,
        string planPath,
        string fingerprint,
        CancellationToken cancellation
    )
    {
        if (plan is not null && await QuickCompile.RunAsync(plan, cancellation) is { } quick)
        {
            return quick;
        }

        var layout = catalog.Layout;
        Directory.CreateDirectory(Path.GetDirectoryName(planPath)!);
        File.Delete(planPath);
        var commandLine = CompilePlan.CommandLinePath(layout, sourceKey, exercise.Id);
        File.Delete(commandLine);
        GraderBuildResult build;
        var slot = FullBuilds.GetOrAdd(sourceKey, _ => new SemaphoreSlim(1, 1));
        await slot.WaitAsync(cancellation);
        try
        {
            build = await GraderBuild.RunAsync(
                layout,
                catalog.GraderProject(exercise),
                source,
                sourceKey,
                analyzerLog,
                commandLine,
                cancellation
            );
        }
        finally
        {
            slot.Release();
        }
        if (build.Succeeded && build.GraderAssembly is not null)
        {
            CompilePlan.FromCommandLine(commandLine, fingerprint, build.GraderAssembly)?.Save(planPath);
        }
        return build;
    }
}
