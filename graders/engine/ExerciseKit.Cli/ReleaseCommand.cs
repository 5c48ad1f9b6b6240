using ExerciseKit.Cli.Release;
using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>
/// `release`: write the student repository, then prove it builds on its own, shows every exercise unsolved, and that
/// its graders pass the reference answers (<see cref="ReleaseCheck"/>).
/// </summary>
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
        return await ExitCode.GuardAsync(
            errors,
            async () =>
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
                    return ExitCode.Success;
                }

                output.WriteLine(
                    "Verifying: building the release on its own, checking every exercise, then grading a copy given the reference answers (a few minutes)…"
                );
                await ReleaseCheck.VerifyAsync(catalog, folder, cancellation);
                output.WriteLine(
                    $"Verified: the release builds on its own, all {catalog.Exercises.Count} exercises report unsolved, "
                        + "and the reference answers pass every grader it kept."
                );
                return ExitCode.Success;
            }
        );
    }
}
