using System.Collections.Concurrent;
using ExerciseKit.Host;
using Xunit;

[assembly: AssemblyFixture(typeof(ExerciseKit.Tests.GradedExercises))]

namespace ExerciseKit.Tests;

/// <summary>
/// Grades every exercise once against the reference solutions and once against the committed stubs, through the
/// same host the CLI uses, and shares the results with every test that needs them.
/// </summary>
public sealed class GradedExercises
{
    // Grader processes inherit this: a TorchSharp grader test that leaves a tensor undisposed fails (kit bug).
    public GradedExercises() => Environment.SetEnvironmentVariable("EXERCISEKIT_AUDIT_TENSORS", "1"); // TorchGraderAttribute.AuditVariable

    private readonly ConcurrentDictionary<(string, string), Lazy<Task<ExerciseResult>>> results = new();
    private readonly Lazy<CodeSource> pristineStubs = new(() => CodeSource.PristineStubs(Kit.Catalog));

    public Task<ExerciseResult> OnSolutionAsync(string id) => Grade(id, CodeSource.Solutions);

    public Task<ExerciseResult> OnStubAsync(string id) => Grade(id, pristineStubs.Value);

    /// <summary>Grades a sample submission from tests/ExerciseKit.Tests/Submissions/&lt;name&gt;.</summary>
    public Task<ExerciseResult> OnSubmissionAsync(string id, string name) =>
        Grade(id, CodeSource.Folder(Path.Combine(Kit.Layout.Root, "tests", "ExerciseKit.Tests", "Submissions", name)));

    private Task<ExerciseResult> Grade(string id, CodeSource source) =>
        results
            .GetOrAdd(
                (id, source.MsBuildValue),
                _ => new Lazy<Task<ExerciseResult>>(() =>
                    OneAtATime(() => new ExerciseGrader(Kit.Catalog).GradeAsync(Kit.Exercise(id), source))
                )
            )
            .Value;

    // Two builds of the same artifacts folder at once would trip over each other's files, and a build beside a
    // running grader would disturb the graders that measure speed ratios on this 2-core machine.
    private static readonly SemaphoreSlim OneBuildAtATime = new(1, 1);

    public static async Task<T> OneAtATime<T>(Func<Task<T>> grade)
    {
        await OneBuildAtATime.WaitAsync();
        try
        {
            return await grade();
        }
        finally
        {
            OneBuildAtATime.Release();
        }
    }
}
