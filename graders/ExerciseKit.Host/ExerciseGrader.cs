using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>The grading loop for one exercise: build the graders against a code source, run them, score.</summary>
public sealed class ExerciseGrader(ExerciseCatalog catalog, GradingIsolation? isolation = null)
{
    public async Task<ExerciseResult> GradeAsync(ExerciseMetadata exercise, CodeSource source, CancellationToken cancellation = default)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var sourceKey = SourceKey(source);
            var analyzerLog = Path.Combine(catalog.Layout.Artifacts, "analyzer-logs", sourceKey, exercise.Id + ".sarif");
            var build = await BuildAsync(exercise, source, sourceKey, analyzerLog, cancellation);
            if (!build.Succeeded || build.GraderAssembly is null)
            {
                return new ExerciseResult(exercise, [], build.Errors, null, stopwatch.Elapsed, Build: build.Kind);
            }

            var findings = AnalyzerFindings.Read(analyzerLog, exercise);
            var tests = await GraderRun.RunAsync(build.GraderAssembly, exercise.TimeLimits, cancellation, isolation);
            return new ExerciseResult(exercise, tests, [], null, stopwatch.Elapsed, findings, build.Kind);
        }
        catch (KitException e)
        {
            // One broken exercise must not stop the others from being graded.
            return new ExerciseResult(exercise, [], [], e.Message, stopwatch.Elapsed);
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
        CancellationToken cancellation
    )
    {
        var layout = catalog.Layout;
        var fingerprint = KitInputs.Fingerprint(layout, exercise, source); // before building: a change during the build invalidates the plan
        var planPath = CompilePlan.PathFor(layout, sourceKey, exercise.Id);
        if (
            CompilePlan.Load(planPath) is { } plan
            && plan.Fingerprint == fingerprint
            && await QuickCompile.RunAsync(plan, cancellation) is { } quick
        )
        {
            return quick;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(planPath)!);
        File.Delete(planPath);
        var commandLine = CompilePlan.CommandLinePath(layout, sourceKey, exercise.Id);
        File.Delete(commandLine);
        var build = await GraderBuild.RunAsync(
            layout,
            catalog.GraderProject(exercise),
            source,
            sourceKey,
            analyzerLog,
            commandLine,
            cancellation
        );
        if (build.Succeeded && build.GraderAssembly is not null)
        {
            CompilePlan.FromCommandLine(commandLine, fingerprint, build.GraderAssembly)?.Save(planPath);
        }
        return build;
    }

    /// <summary>
    /// Names a code source in artifacts/ (its analyzer logs and restore stamp), never inside the learner's folders.
    /// </summary>
    private static string SourceKey(CodeSource source) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.MsBuildValue)))[..12].ToLowerInvariant();
}
