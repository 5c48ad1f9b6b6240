using System.Text.Json;
using ExerciseKit.Host;

namespace ExerciseKit.Cli.Release;

/// <summary>
/// Proves a release works for students: it builds on its own and every exercise reports unsolved; and a second copy
/// of it, given the reference answers, passes every grader it kept — nothing a public grader needs was stripped with
/// the hidden ones. The answers never enter the release folder: the second copy is written to a temporary folder.
/// </summary>
internal static class ReleaseCheck
{
    public static async Task VerifyAsync(ExerciseCatalog catalog, string folder, CancellationToken cancellation)
    {
        await ExpectEveryExerciseAsync(catalog, folder, [ExerciseStatus.Unsolved], "the release as written", cancellation);

        var answered = Directory.CreateTempSubdirectory("ek-release-answered-");
        try
        {
            StudentRelease.Write(catalog, answered.FullName);
            foreach (var exercise in catalog.Exercises)
            {
                foreach (var file in exercise.Editable)
                {
                    File.Copy(
                        Path.Combine(catalog.Layout.Solutions, exercise.Id, file),
                        Path.Combine(answered.FullName, "exercises", exercise.Id, file),
                        overwrite: true
                    );
                }
            }
            // A timing the busy machine could not make is not a failure of the release.
            await ExpectEveryExerciseAsync(
                catalog,
                answered.FullName,
                [ExerciseStatus.Passing, ExerciseStatus.NotMeasured],
                "a copy given the reference answers",
                cancellation
            );
        }
        finally
        {
            answered.Delete(recursive: true);
        }
    }

    /// <summary>Grades the folder with its own CLI and reads each exercise's status from the kit's JSON report.</summary>
    private static async Task ExpectEveryExerciseAsync(
        ExerciseCatalog catalog,
        string folder,
        IReadOnlyList<ExerciseStatus> expected,
        string what,
        CancellationToken cancellation
    )
    {
        var report = Path.Combine(folder, "artifacts", "release-check.json");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        var grade = await ProcessRunner.RunAsync(
            "dotnet",
            [
                "run",
                "--project",
                Path.Combine(folder, "graders", "engine", "ExerciseKit.Cli"),
                "--",
                "grade",
                "--format",
                "json",
                "--out",
                report,
            ],
            TimeSpan.FromMinutes(30),
            folder,
            cancellation
        );
        var statuses = grade.ExitCode == 0 && File.Exists(report) ? Statuses(File.ReadAllText(report)) : [];
        var wrong = catalog
            .Exercises.Where(e => !(statuses.TryGetValue(e.Id, out var status) && expected.Contains(status)))
            .Select(e => $"{e.Id}: {(statuses.TryGetValue(e.Id, out var status) ? status.ToString() : "no result")}")
            .ToList();
        if (wrong.Count > 0)
        {
            throw new KitException(
                $"the release does not verify: `grade` in {what} exited with {grade.ExitCode}; expected every exercise "
                    + $"{string.Join(" or ", expected)}, but {string.Join(", ", wrong)}.\n"
                    + (File.Exists(report) ? FailedItems(File.ReadAllText(report)) : "")
                    + grade.StandardOutput[^Math.Min(3000, grade.StandardOutput.Length)..]
                    + grade.StandardError[^Math.Min(2000, grade.StandardError.Length)..]
            );
        }
    }

    /// <summary>"04-threads-vs-processes › Two workers …: message", one line per failed item: what to look at first.</summary>
    private static string FailedItems(string json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = document
            .RootElement.GetProperty("exercises")
            .EnumerateArray()
            .SelectMany(e =>
                e.GetProperty("items")
                    .EnumerateArray()
                    .Where(i => i.GetProperty("outcome").GetString() == "failed")
                    .Select(i =>
                        $"{e.GetProperty("id").GetString()} › {i.GetProperty("name").GetString()}: {i.GetProperty("message").GetString()}"
                    )
            );
        return string.Concat(lines.Select(l => l + "\n"));
    }

    private static Dictionary<string, ExerciseStatus> Statuses(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document
            .RootElement.GetProperty("exercises")
            .EnumerateArray()
            .ToDictionary(
                e => e.GetProperty("id").GetString()!,
                e => Enum.Parse<ExerciseStatus>(e.GetProperty("status").GetString()!, ignoreCase: true)
            );
    }
}
