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
        await ExpectEveryExerciseAsync(catalog, folder, "unsolved", "the release as written", cancellation);

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
            await ExpectEveryExerciseAsync(catalog, answered.FullName, "passing", "a copy given the reference answers", cancellation);
        }
        finally
        {
            answered.Delete(recursive: true);
        }
    }

    private static async Task ExpectEveryExerciseAsync(
        ExerciseCatalog catalog,
        string folder,
        string status,
        string what,
        CancellationToken cancellation
    )
    {
        var check = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", Path.Combine(folder, "graders", "engine", "ExerciseKit.Cli"), "--", "check"],
            TimeSpan.FromMinutes(30),
            folder,
            cancellation
        );
        // Each exercise's status line: "  unsolved · 0/23 points · …".
        var count = check.StandardOutput.Split('\n').Count(l => l.TrimStart().StartsWith(status + " ·", StringComparison.Ordinal));
        if (check.ExitCode != 0 || count < catalog.Exercises.Count)
        {
            throw new KitException(
                $"the release does not verify: `check` in {what} exited with {check.ExitCode} and reported {count} of "
                    + $"{catalog.Exercises.Count} exercises {status}.\n"
                    + check.StandardOutput[^Math.Min(3000, check.StandardOutput.Length)..]
                    + check.StandardError[^Math.Min(2000, check.StandardError.Length)..]
            );
        }
    }
}
