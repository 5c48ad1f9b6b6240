using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>The grading loop for one exercise: build the graders against a code source, run them, score.</summary>
public sealed class ExerciseGrader(ExerciseCatalog catalog)
{
    public async Task<ExerciseResult> GradeAsync(ExerciseMetadata exercise, CodeSource source, CancellationToken cancellation = default)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var sourceKey = SourceKey(source);
            var analyzerLog = Path.Combine(catalog.Layout.Artifacts, "analyzer-logs", sourceKey, exercise.Id + ".sarif");
            var build = await GraderBuild.RunAsync(
                catalog.Layout,
                catalog.GraderProject(exercise),
                source,
                sourceKey,
                analyzerLog,
                cancellation
            );
            if (!build.Succeeded || build.GraderAssembly is null)
            {
                return new ExerciseResult(exercise, [], build.Errors, null, stopwatch.Elapsed);
            }

            var findings = AnalyzerFindings.Read(analyzerLog, exercise);
            var tests = await GraderRun.RunAsync(build.GraderAssembly, exercise.TimeLimits, cancellation);
            return new ExerciseResult(exercise, tests, [], null, stopwatch.Elapsed, findings);
        }
        catch (KitException e)
        {
            // One broken exercise must not stop the others from being graded.
            return new ExerciseResult(exercise, [], [], e.Message, stopwatch.Elapsed);
        }
    }

    /// <summary>
    /// Names a code source in artifacts/ (its analyzer logs and restore stamp), never inside the learner's folders.
    /// </summary>
    private static string SourceKey(CodeSource source) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.MsBuildValue)))[..12].ToLowerInvariant();
}
