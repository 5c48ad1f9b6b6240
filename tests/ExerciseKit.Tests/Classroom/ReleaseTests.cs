using System.Security.Cryptography;
using ExerciseKit.Cli;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>The student release holds no answers and no hidden graders, is the same every time, and never overwrites by accident.</summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class ReleaseTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("ek-release-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task The_release_has_stubs_public_graders_and_a_workflow_but_no_solutions_kit_tests_or_hidden_graders()
    {
        var folder = await ReleaseAsync("a");

        Assert.False(Directory.Exists(Path.Combine(folder, "solutions")));
        Assert.False(Directory.Exists(Path.Combine(folder, "tests")));
        Assert.False(Directory.Exists(Path.Combine(folder, ".ci")));
        Assert.True(File.Exists(Path.Combine(folder, ".github", "workflows", "classroom.yml")));
        var graders = Kit.Catalog.Exercises.SelectMany(e => Directory.GetFiles(Path.Combine(folder, "graders", e.Id), "*.cs")).ToList();
        Assert.NotEmpty(graders);
        Assert.DoesNotContain(graders, file => File.ReadAllText(file).Contains("Hidden = true", StringComparison.Ordinal));
        var frames = File.ReadAllText(Path.Combine(folder, "graders", "04-threads-vs-processes", "FrameGraders.cs"));
        Assert.DoesNotContain("A_cut_or_garbled_stream_is_reported_never_misread", frames); // the hidden one
        Assert.Contains("Write_follows_the_documented_layout_byte_for_byte", frames); // a public one
        // What only hidden graders used: 01's finite differences and its logits of ±1000.
        Assert.False(File.Exists(Path.Combine(folder, "graders", "01-logistic-regression", "FiniteDifferences.cs")));
        Assert.DoesNotContain("HugeLogits", File.ReadAllText(Path.Combine(folder, "graders", "01-logistic-regression", "Problems.cs")));
        // ... and the PyTorch values of their cases, while the public graders keep theirs.
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "graders"), "*.hidden.*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(folder, "graders", "01-logistic-regression", "PyTorchValues", "pytorch-values.json")));
        Assert.True(
            File.Exists(Path.Combine(Kit.Layout.Root, "graders", "01-logistic-regression", "PyTorchValues", "pytorch-values.hidden.json"))
        );
        foreach (var exercise in Kit.Catalog.Exercises)
        {
            foreach (var file in exercise.Editable)
            {
                Assert.Equal(
                    File.ReadAllText(Path.Combine(exercise.ExerciseDirectory, file)),
                    File.ReadAllText(Path.Combine(folder, "exercises", exercise.Id, file))
                );
            }
        }
        var solution = File.ReadAllText(Path.Combine(folder, "ExerciseKit.sln"));
        Assert.DoesNotContain("ExerciseKit.Tests.csproj", solution);
        Assert.DoesNotContain("\"benchmarks\"", solution); // a solution folder left empty
        Assert.Contains("LoadingStages.Graders.csproj", solution);
        Assert.Contains("--format github-classroom", File.ReadAllText(Path.Combine(folder, ".github", "workflows", "classroom.yml")));
    }

    [Fact]
    public async Task A_release_builds_on_its_own_shows_every_exercise_unsolved_and_passes_the_reference_answers()
    {
        var folder = Path.Combine(work.FullName, "verified");
        var (output, errors) = (new StringWriter(), new StringWriter());
        var earlier = AnsweredCopies(); // an interrupted run's leftovers are not this one's

        // Builds and grades twice: one at a time with the other tests that do, as they measure time.
        var code = await GradedExercises.OneAtATime(() =>
            ReleaseCommand.RunAsync(folder, force: false, verify: true, output, errors, TestContext.Current.CancellationToken)
        );

        Assert.True(code == 0, errors.ToString());
        Assert.Contains("the reference answers pass every grader it kept", output.ToString());
        Assert.False(Directory.Exists(Path.Combine(folder, "solutions")));
        Assert.Empty(AnsweredCopies().Except(earlier)); // the answered copy is gone
    }

    [Fact]
    public async Task Two_releases_of_the_same_commit_are_byte_for_byte_the_same()
    {
        var first = await ReleaseAsync("first");
        var second = await ReleaseAsync("second");

        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public async Task A_non_empty_folder_or_one_inside_the_kit_is_refused_and_left_alone()
    {
        var occupied = Directory.CreateDirectory(Path.Combine(work.FullName, "occupied")).FullName;
        File.WriteAllText(Path.Combine(occupied, "notes.txt"), "mine");
        var errors = new StringWriter();

        Assert.Equal(
            2,
            await ReleaseCommand.RunAsync(occupied, force: false, verify: false, TextWriter.Null, errors, CancellationToken.None)
        );
        Assert.Contains("not empty", errors.ToString());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(occupied, "notes.txt")));

        var inside = Path.Combine(Kit.Layout.Artifacts, "release-inside");
        Assert.Equal(2, await ReleaseCommand.RunAsync(inside, force: true, verify: false, TextWriter.Null, errors, CancellationToken.None));
        Assert.False(Directory.Exists(inside));
    }

    private async Task<string> ReleaseAsync(string name)
    {
        var folder = Path.Combine(work.FullName, name);
        var errors = new StringWriter();
        var code = await ReleaseCommand.RunAsync(folder, force: false, verify: false, TextWriter.Null, errors, CancellationToken.None);
        Assert.True(code == 0, errors.ToString());
        return folder;
    }

    private static string[] AnsweredCopies() => Directory.GetDirectories(Path.GetTempPath(), "ek-release-answered-*");

    private static string Fingerprint(string folder) =>
        string.Join(
            "\n",
            Directory
                .GetFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f))
                .Order(StringComparer.Ordinal)
                .Select(f => f + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f)))))
        );
}
