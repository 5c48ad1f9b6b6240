using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>A grader proves something only if it passes on the reference answer and fails on the untouched stub.</summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class GraderProofTests(GradedExercises graded)
{
    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task Every_grader_passes_on_the_solution(string id)
    {
        var result = await graded.OnSolutionAsync(id);

        Assert.True(result.BuildErrors.Count == 0, $"solutions/{id} does not build:\n{string.Join("\n", result.BuildErrors)}");
        Assert.True(result.GraderError is null, result.GraderError);
        Assert.NotEmpty(result.Tests);
        var failing = result.Tests.Where(t => !t.PassedOrUnmeasured()).Select(t => $"{t.Test.Name}: {t.Message}");
        Assert.True(!failing.Any(), $"graders fail on the reference solution:\n{string.Join("\n", failing)}");
        Assert.Equal(result.MaxPoints, result.PointsIfMeasured());
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task Every_grader_fails_on_the_untouched_stub(string id)
    {
        var result = await graded.OnStubAsync(id);

        Assert.True(result.BuildErrors.Count == 0, $"the stub of {id} does not build:\n{string.Join("\n", result.BuildErrors)}");
        Assert.NotEmpty(result.Tests);
        var vacuous = result.Tests.Where(t => t.Verdict == TestVerdict.Passed).Select(t => t.Test.Name);
        Assert.True(!vacuous.Any(), $"vacuous graders (pass on the stub):\n{string.Join("\n", vacuous)}");
        Assert.Equal(0, result.PointsEarned);
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task The_stub_reports_as_unsolved_with_the_stubs_own_sentences(string id)
    {
        var result = await graded.OnStubAsync(id);

        Assert.Equal(ExerciseStatus.Unsolved, result.Status);
        Assert.All(result.Tests, t => Assert.StartsWith("not implemented yet: ", t.Message));
        Assert.All(
            result.Tests,
            t =>
                Assert.True(
                    t.Message.Length > "not implemented yet: ".Length + 20,
                    $"{t.Test.Name}: the stub's sentence is too short to teach: {t.Message}"
                )
        );
    }
}
