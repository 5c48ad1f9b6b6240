using System.Diagnostics;

namespace ExerciseKit.Host;

/// <summary>The grading loop for one exercise: build the graders against a code source, run them, score.</summary>
public sealed class ExerciseGrader(ExerciseCatalog catalog)
{
    public async Task<ExerciseResult> GradeAsync(ExerciseMetadata exercise, CodeSource source, CancellationToken cancellation = default)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var build = await GraderBuild.RunAsync(catalog.GraderProject(exercise), source, cancellation);
            if (!build.Succeeded || build.GraderAssembly is null)
            {
                return new ExerciseResult(exercise, [], build.Errors, null, stopwatch.Elapsed);
            }

            var tests = await GraderRun.RunAsync(build.GraderAssembly, exercise.TimeLimits, cancellation);
            return new ExerciseResult(exercise, tests, [], null, stopwatch.Elapsed);
        }
        catch (KitException e)
        {
            // One broken exercise must not stop the others from being graded.
            return new ExerciseResult(exercise, [], [], e.Message, stopwatch.Elapsed);
        }
    }
}
