using System.Diagnostics;
using ExerciseKit.Cli;
using ExerciseKit.Host;
using ExerciseKit.Host.Authoring;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>`new`: an exercise created in a throwaway copy of the kit builds, shows as unsolved and passes on its answer.</summary>
public sealed class NewExerciseTests : IDisposable
{
    private readonly DirectoryInfo copy = Directory.CreateTempSubdirectory("ek-new-");

    public void Dispose() => copy.Delete(recursive: true);

    [Theory]
    [InlineData("5-short", "is not an exercise id")]
    [InlineData("05-Upper", "is not an exercise id")]
    [InlineData("01-again", "exercise 01 is taken")]
    public async Task A_malformed_or_taken_id_is_refused_before_anything_is_written(string id, string why)
    {
        var errors = new StringWriter();

        var exit = await NewCommand.RunAsync(
            Kit.Layout,
            id,
            "A title",
            false,
            TextWriter.Null,
            errors,
            TestContext.Current.CancellationToken
        );

        Assert.Equal(ExitCode.UsageError, exit);
        Assert.Contains(why, errors.ToString());
        Assert.False(Directory.Exists(Path.Combine(Kit.Layout.Exercises, id)));
        Assert.False(Directory.Exists(Path.Combine(Kit.Layout.Graders, id)));
    }

    [Fact, Trait(Tiers.Name, Tiers.Full)]
    public async Task A_new_exercise_builds_shows_as_unsolved_and_its_placeholder_answer_passes()
    {
        CopyKit();
        var layout = KitLayout.Find(copy.FullName);
        const string Id = "05-sample-task";

        var exit = await NewCommand.RunAsync(
            layout,
            Id,
            "A sample task",
            false,
            TextWriter.Null,
            Console.Error,
            TestContext.Current.CancellationToken
        );

        Assert.Equal(ExitCode.Success, exit);
        var name = ExerciseScaffold.ProjectName(Id);
        var sln = File.ReadAllText(Path.Combine(copy.FullName, "ExerciseKit.sln")).Replace('\\', '/');
        Assert.Contains($"exercises/{Id}/{name}.csproj", sln);
        Assert.Contains($"graders/{Id}/{name}.Graders.csproj", sln);
        Assert.Contains($"graders/{Id}/Subject/{name}.Subject.csproj", sln);
        Assert.True(File.Exists(Path.Combine(layout.Graders, Id, "packages.lock.json")), "the grader's lock file");
        Assert.True(File.Exists(Path.Combine(layout.Exercises, Id, "packages.lock.json")), "the exercise's lock file");

        var catalog = ExerciseCatalog.Load(layout);
        var exercise = catalog.Exercises.Single(e => e.Id == Id);
        await using var grader = new ExerciseGrader(catalog);
        var stub = await GradedExercises.OneAtATime(() =>
            grader.GradeAsync(exercise, CodeSource.Learner, TestContext.Current.CancellationToken)
        );
        Assert.True(stub.Status == ExerciseStatus.Unsolved, $"{stub.Status}: {stub.GraderError} {string.Join("\n", stub.BuildErrors)}");
        var answer = await GradedExercises.OneAtATime(() =>
            grader.GradeAsync(exercise, CodeSource.Solutions, TestContext.Current.CancellationToken)
        );
        Assert.Equal(ExerciseStatus.Passing, answer.Status);
        Assert.Equal(exercise.MaxPoints, answer.PointsEarned);
    }

    // The checkout's files (tracked, or new and not ignored): what a fresh clone of this working tree would hold.
    private void CopyKit()
    {
        var start = new ProcessStartInfo("git", ["-C", Kit.Layout.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            RedirectStandardOutput = true,
        };
        using var git = Process.Start(start)!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        foreach (var file in files.Where(f => File.Exists(Path.Combine(Kit.Layout.Root, f))))
        {
            var target = Path.Combine(copy.FullName, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(Kit.Layout.Root, file), target);
        }
    }
}
