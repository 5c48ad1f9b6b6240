using ExerciseKit.Cli.Release;
using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>`release`: write the student repository, then prove it builds on its own and shows every exercise unsolved.</summary>
internal static class ReleaseCommand
{
    public static async Task<int> RunAsync(
        string target,
        bool force,
        bool verify,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation
    )
    {
        try
        {
            var catalog = ExerciseCatalog.Load(KitLayout.Find(Environment.CurrentDirectory));
            var folder = Path.GetFullPath(target);
            var kitRoot = Path.GetFullPath(catalog.Layout.Root) + Path.DirectorySeparatorChar;
            if (
                (folder + Path.DirectorySeparatorChar).StartsWith(kitRoot, StringComparison.Ordinal)
                || kitRoot.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            )
            {
                throw new KitException($"{target}: the release must go outside the kit (it is {catalog.Layout.Root}).");
            }
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                if (!force)
                {
                    throw new KitException($"{target} is not empty. Choose an empty folder, or pass --force to replace its contents.");
                }
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
                {
                    if (Directory.Exists(entry))
                    {
                        Directory.Delete(entry, recursive: true);
                    }
                    else
                    {
                        File.Delete(entry);
                    }
                }
            }
            Directory.CreateDirectory(folder);

            var summary = StudentRelease.Write(catalog, folder);
            output.WriteLine(
                $"Wrote {summary.Files} files to {folder}: no solutions/, no kit tests, {summary.HiddenGradersRemoved} hidden grader(s) removed "
                    + $"with {summary.HelpersRemoved} helper(s) only they used, "
                    + $"{summary.RemovedProjects.Count} instructor project(s) dropped from the solution file."
            );
            if (!verify)
            {
                return CheckCommand.Success;
            }

            output.WriteLine("Verifying: building the release on its own and checking every exercise (a few minutes)…");
            var check = await ProcessRunner.RunAsync(
                "dotnet",
                ["run", "--project", Path.Combine(folder, "graders", "ExerciseKit.Cli"), "--", "check"],
                TimeSpan.FromMinutes(30),
                folder,
                cancellation
            );
            var unsolved = check
                .StandardOutput.Split('\n')
                .Count(l =>
                    l.Contains("· unsolved", StringComparison.Ordinal) || l.TrimStart().StartsWith("unsolved", StringComparison.Ordinal)
                );
            if (check.ExitCode != 0 || unsolved < catalog.Exercises.Count)
            {
                throw new KitException(
                    $"the release does not verify: `check` exited with {check.ExitCode} and reported {unsolved} of {catalog.Exercises.Count} exercises unsolved.\n"
                        + check.StandardOutput[^Math.Min(3000, check.StandardOutput.Length)..]
                        + check.StandardError[^Math.Min(2000, check.StandardError.Length)..]
                );
            }
            output.WriteLine($"Verified: the release builds on its own and all {catalog.Exercises.Count} exercises report unsolved.");
            return CheckCommand.Success;
        }
        catch (KitException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return CheckCommand.UsageError;
        }
    }
}
