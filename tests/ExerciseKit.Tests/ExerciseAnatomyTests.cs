using System.Text.RegularExpressions;
using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>Every exercise has the same anatomy, and its metadata, graders, files and README agree.</summary>
public sealed class ExerciseAnatomyTests(GradedExercises graded)
{
    [Fact]
    public void The_kit_has_exercises() => Assert.NotEmpty(Kit.Catalog.Exercises);

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    [Trait(Tiers.Name, Tiers.Full)] // builds every exercise's graders to list them
    public async Task Grader_points_per_task_equal_the_metadata(string id)
    {
        var exercise = Kit.Exercise(id);
        var tests = (await graded.OnSolutionAsync(id)).Tests.Select(t => t.Test).ToList();

        var untagged = tests.Where(t => t.Task == "" || t.Points <= 0).Select(t => t.Name);
        Assert.True(!untagged.Any(), $"grader tests without [Graded(task, points)]: {string.Join(", ", untagged)}");
        var unknown = tests.Where(t => exercise.Tasks.All(task => task.Id != t.Task)).Select(t => $"{t.Name} → {t.Task}");
        Assert.True(!unknown.Any(), $"grader tests name tasks missing from exercise.json: {string.Join(", ", unknown)}");
        foreach (var task in exercise.Tasks)
        {
            var points = tests.Where(t => t.Task == task.Id).Sum(t => t.Points);
            Assert.True(points == task.Points, $"task {task.Id}: exercise.json says {task.Points} points, its graders add up to {points}.");
            Assert.True(
                tests.Any(t => t.Task == task.Id && t.Visibility == Visibility.Public),
                $"task {task.Id} has no public grader: learners could not check it themselves."
            );
        }
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public void Editable_files_exist_in_the_exercise_and_the_solution_and_nothing_else_is_swapped(string id)
    {
        var exercise = Kit.Exercise(id);
        var solution = Kit.Catalog.SolutionDirectory(exercise);
        foreach (var file in exercise.Editable)
        {
            Assert.True(
                File.Exists(Path.Combine(exercise.ExerciseDirectory, file)),
                $"exercises/{id}/{file} is listed as editable but missing."
            );
            Assert.True(File.Exists(Path.Combine(solution, file)), $"solutions/{id}/{file} is missing.");
        }

        var swapped = Directory
            .GetFiles(solution, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(solution, f).Replace('\\', '/'));
        var extra = swapped.Except(exercise.Editable);
        Assert.True(
            !extra.Any(),
            $"solutions/{id} holds files the learner cannot edit (they would be swapped in): {string.Join(", ", extra)}"
        );
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public void Every_editable_stub_file_still_throws_NotImplementedException(string id)
    {
        var pristine = CodeSource.PristineStubs(Kit.Catalog).MsBuildValue;
        foreach (var file in Kit.Exercise(id).Editable)
        {
            var text = File.ReadAllText(Path.Combine(pristine, id, file));
            Assert.True(
                Regex.IsMatch(text, @"throw new NotImplementedException\(\s*"""),
                $"exercises/{id}/{file}: a stub member should throw NotImplementedException with a sentence."
            );
        }
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public void The_readme_states_each_task_with_its_points(string id)
    {
        var exercise = Kit.Exercise(id);
        var readme = Path.Combine(exercise.ExerciseDirectory, "README.md");
        Assert.True(File.Exists(readme), $"exercises/{id}/README.md is missing.");
        var text = File.ReadAllText(readme);
        foreach (var task in exercise.Tasks)
        {
            var row = new Regex($@"^\|\s*{Regex.Escape(task.Title)}\s*\|\s*{task.Points}\s*\|", RegexOptions.Multiline);
            Assert.True(row.IsMatch(text), $"README.md of {id} needs a points-table row \"| {task.Title} | {task.Points} |\".");
        }

        foreach (var rule in exercise.Rules)
        {
            var row = new Regex($@"^\|\s*{Regex.Escape(rule.Title)}\s*\|\s*{rule.Points}\s*\|.*{rule.Id}", RegexOptions.Multiline);
            Assert.True(
                row.IsMatch(text),
                $"README.md of {id} needs a points-table row \"| {rule.Title} | {rule.Points} | … {rule.Id} …\"."
            );
        }

        Assert.Contains($"{exercise.MaxPoints} points", text);
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public void The_kits_readme_lists_the_exercise_with_its_points(string id)
    {
        var exercise = Kit.Exercise(id);
        var text = File.ReadAllText(Path.Combine(Kit.Layout.Root, "README.md"));
        var row = $"| {id[..2]} | [{exercise.Title}](exercises/{id}/README.md) | {exercise.MaxPoints} |";
        Assert.True(text.Contains(row, StringComparison.Ordinal), $"README.md needs the row \"{row}\".");
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public void Hints_go_from_a_nudge_to_nearly_the_answer(string id)
    {
        var hints = Path.Combine(Kit.Exercise(id).ExerciseDirectory, "HINTS.md");
        Assert.True(File.Exists(hints), $"exercises/{id}/HINTS.md is missing.");
        var count = Regex.Matches(File.ReadAllText(hints), @"^## Hint \d+", RegexOptions.Multiline).Count;
        Assert.True(
            count >= 3,
            $"HINTS.md of {id} has {count} '## Hint N' sections; write at least three, from a nudge to nearly the answer."
        );
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public void The_grader_folder_holds_one_project(string id) => Assert.True(File.Exists(Kit.Catalog.GraderProject(Kit.Exercise(id))));

    [Fact]
    public void The_solution_file_lists_every_project()
    {
        var sln = File.ReadAllText(Path.Combine(Kit.Layout.Root, "ExerciseKit.sln")).Replace('\\', '/');
        var projects = new[] { "exercises", "graders", "tests" }
            .SelectMany(dir => Directory.GetFiles(Path.Combine(Kit.Layout.Root, dir), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(Kit.Layout.Root, p).Replace('\\', '/'))
            .Where(p => !p.Contains("/bin/") && !p.Contains("/obj/"));
        var missing = projects.Where(p => !sln.Contains(p, StringComparison.Ordinal)).ToList();
        Assert.True(
            missing.Count == 0,
            $"ExerciseKit.sln lacks {string.Join(", ", missing)}: run `dotnet sln add <project>` so IDEs see it."
        );
    }
}
