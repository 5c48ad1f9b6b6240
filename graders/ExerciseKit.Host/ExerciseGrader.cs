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
            var analyzerLog = AnalyzerLogPath(exercise, source);
            var build = await GraderBuild.RunAsync(catalog.GraderProject(exercise), source, analyzerLog, cancellation);
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

    /// <summary>One SARIF log per code source and exercise, under artifacts/ (never inside the learner's folders).</summary>
    private string AnalyzerLogPath(ExerciseMetadata exercise, CodeSource source)
    {
        var sourceKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.MsBuildValue)))[..12].ToLowerInvariant();
        return Path.Combine(catalog.Layout.Root, "artifacts", "analyzer-logs", sourceKey, exercise.Id + ".sarif");
    }
}
