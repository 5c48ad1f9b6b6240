using ExerciseKit.Cli;
using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>`hint` and `list` in a throwaway copy of the kit, so the learner's own .exercisekit/ is never touched.</summary>
public sealed class LearnerCommandTests : IDisposable
{
    private const string Exercise = "02-segmentation-dataset";
    private readonly DirectoryInfo kit = Directory.CreateTempSubdirectory("ek-kit-");

    public LearnerCommandTests()
    {
        File.WriteAllText(Path.Combine(kit.FullName, "ExerciseKit.sln"), "");
        var source = Kit.Exercise(Exercise).ExerciseDirectory;
        var copy = Directory.CreateDirectory(Path.Combine(kit.FullName, "exercises", Exercise)).FullName;
        foreach (var file in Directory.GetFiles(source).Where(f => !f.EndsWith(".lock.json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Hints_come_one_at_a_time_are_remembered_and_stop_at_the_last()
    {
        var count = HintCommand.Parse(File.ReadAllText(Path.Combine(kit.FullName, "exercises", Exercise, "HINTS.md"))).Count;
        Assert.True(count >= 2);

        var shown = Enumerable
            .Range(0, count + 1)
            .Select(_ => Run(w => HintCommand.Run(kit.FullName, Exercise, w, TextWriter.Null)))
            .ToList();

        Assert.StartsWith($"{Exercise} · hint 1 of {count}", shown[0]);
        Assert.StartsWith($"{Exercise} · hint 2 of {count}", shown[1]);
        Assert.StartsWith($"{Exercise} · hint {count} of {count}", shown[count]); // no hint beyond the last
        Assert.Contains("That was the last hint", shown[count]);
        Assert.NotEqual(shown[0], shown[1]);
    }

    [Fact]
    public void A_damaged_state_file_is_reported_and_left_as_it_was()
    {
        var state = LearnerState.PathIn(new KitLayout(kit.FullName));
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "{ not json");
        var errors = new StringWriter();

        Assert.Equal(ExitCode.UsageError, HintCommand.Run(kit.FullName, Exercise, TextWriter.Null, errors));
        Assert.Equal(ExitCode.UsageError, ListCommand.Run(kit.FullName, TextWriter.Null, errors));
        Assert.Contains("left untouched", errors.ToString());
        Assert.Equal("{ not json", File.ReadAllText(state));
    }

    [Fact]
    public void List_shows_the_last_grade_and_notices_edits_made_since()
    {
        var layout = new KitLayout(kit.FullName);
        var exercise = ExerciseCatalog.Load(layout).Exercises.Single();
        var state = new LearnerState();
        state.LastGrades[Exercise] = new SavedGrade(
            ExerciseStatus.Failing,
            7,
            exercise.MaxPoints,
            DateTimeOffset.UnixEpoch,
            LearnerState.Fingerprint(exercise)
        );
        state.Save(layout);

        Assert.Contains($"{Exercise}      failing", Run(w => ListCommand.Run(kit.FullName, w, TextWriter.Null)));
        Assert.Contains($"Progress: 7/{exercise.MaxPoints} points", Run(w => ListCommand.Run(kit.FullName, w, TextWriter.Null)));

        File.AppendAllText(Path.Combine(exercise.ExerciseDirectory, exercise.Editable[0]), "\n// edited\n");
        Assert.Contains("failing, edited since", Run(w => ListCommand.Run(kit.FullName, w, TextWriter.Null)));
    }

    private static string Run(Func<TextWriter, int> command)
    {
        var output = new StringWriter();
        Assert.Equal(ExitCode.Success, command(output));
        return output.ToString();
    }

    public void Dispose() => kit.Delete(recursive: true);
}
