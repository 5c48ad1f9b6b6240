using System.Reflection.PortableExecutable;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>build/ReadyToRunGraders.targets: a grader's libraries come precompiled, the NuGet cache stays as it was.</summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class ReadyToRunTests(GradedExercises graded)
{
    [Fact]
    public async Task A_graders_libraries_are_precompiled_in_its_output_and_nowhere_else()
    {
        var exercise = Kit.Exercise("04-threads-vs-processes");
        var result = await graded.OnSolutionAsync(exercise.Id);
        Assert.Empty(result.BuildErrors);
        var output = Path.Combine(Kit.Layout.Artifacts, "solutions", "bin", "LoadingStages.Graders", "debug");
        var subject = Path.Combine(Kit.Layout.Artifacts, "solutions", "bin", "LoadingStages.Subject", "debug");

        // A library from a package and the kit's grading libraries: precompiled in the judge's and the subject's output.
        Assert.True(IsReadyToRun(Path.Combine(output, "xunit.v3.core.dll")));
        Assert.True(IsReadyToRun(Path.Combine(output, "ExerciseKit.Grading.dll")));
        Assert.True(IsReadyToRun(Path.Combine(subject, "ExerciseKit.Boundary.dll")));
        // The package's own copy (which a hard link could have shared) and the learner's assembly: plain IL.
        var cached = Directory.GetFiles(NuGetCache.File("xunit.v3.extensibility.core"), "xunit.v3.core.dll", SearchOption.AllDirectories);
        Assert.NotEmpty(cached);
        Assert.All(cached, c => Assert.False(IsReadyToRun(c), c));
        Assert.False(IsReadyToRun(Path.Combine(subject, "LoadingStages.dll")));
        // Precompiled code that the runtime refused would fail nothing but cost the time it was meant to save.
        Assert.Equal(result.MaxPoints, result.PointsIfMeasured());
    }

    private static bool IsReadyToRun(string assembly)
    {
        using var reader = new PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
