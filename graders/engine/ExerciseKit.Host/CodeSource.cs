using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>
/// Which learner code to grade; becomes the ExerciseSource MSBuild property (root Directory.Build.props).
/// </summary>
public sealed record CodeSource(string MsBuildValue, string Description)
{
    public static CodeSource Learner { get; } = new("exercises", "your code in exercises/");

    public static CodeSource Solutions { get; } = new("solutions", "the reference solutions");

    /// <summary>
    /// Names this source in artifacts/ (its compile plans, analyzer logs and restore stamp), never inside the
    /// learner's folders.
    /// </summary>
    public string ArtifactsKey => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(MsBuildValue)))[..12].ToLowerInvariant();

    /// <summary>Files from <paramref name="root"/>/&lt;exercise-id&gt;/ replace the learner's files of the same name.</summary>
    public static CodeSource Folder(string root) => new(Path.GetFullPath(root), $"the files under {root}");

    /// <summary>
    /// The stubs as committed (git HEAD), copied to artifacts/pristine-stubs, so that the kit can prove its
    /// graders fail on untouched stubs even while the learner's working tree has edits.
    /// </summary>
    public static CodeSource PristineStubs(ExerciseCatalog catalog)
    {
        var root = Path.Combine(catalog.Layout.Artifacts, "pristine-stubs");
        foreach (var exercise in catalog.Exercises)
        {
            foreach (var file in exercise.Editable)
            {
                var target = Path.Combine(root, exercise.Id, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var committed = CommittedText(catalog.Layout.Root, $"exercises/{exercise.Id}/{file}");
                var text = committed ?? File.ReadAllText(Path.Combine(exercise.ExerciseDirectory, file));
                if (!File.Exists(target) || File.ReadAllText(target) != text)
                {
                    File.WriteAllText(target, text); // unchanged files keep their timestamp: builds stay incremental
                }
            }
        }

        return new CodeSource(root, "the stubs as committed");
    }

    private static string? CommittedText(string repo, string path)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", repo, "show", $"HEAD:{path}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start)!;
            var text = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: the working tree's copy is the best stub there is
        }
    }
}
