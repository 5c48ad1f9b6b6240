using System.Security.Cryptography;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>
/// A fingerprint of everything a grading build of one exercise depends on except the contents of the learner's
/// files: the kit's build files, the grading libraries and analyzers, the exercise's given files and graders, and
/// the names (not the contents) of the learner's files. While it is unchanged, recompiling the learner's files is
/// all a new grade needs.
/// </summary>
public static class KitInputs
{
    private static readonly string[] SharedFolders =
    [
        "build",
        "graders/engine/ExerciseKit.Boundary",
        "graders/engine/ExerciseKit.Grading",
        "graders/engine/ExerciseKit.Grading.Torch",
        "graders/engine/ExerciseKit.Analyzers",
        "graders/engine/ExerciseKit.Analyzers.CodeFixes",
    ];

    private static readonly string[] SharedFiles =
    [
        "global.json",
        "Directory.Build.props",
        "Directory.Build.targets",
        "Directory.Packages.props",
        "NuGet.config",
        "nuget.config",
        "exercises/Directory.Build.props",
        "exercises/Directory.Build.targets",
        "graders/Directory.Build.props",
        "graders/Directory.Build.targets",
    ];

    public static string Fingerprint(KitLayout layout, ExerciseMetadata exercise, CodeSource source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        Add(source.MsBuildValue);
        foreach (var file in SharedFiles.Select(f => Path.Combine(layout.Root, f)).Where(File.Exists))
        {
            AddContent(hash, layout, file);
        }
        var folders = SharedFolders.Select(f => Path.Combine(layout.Root, f)).Append(Path.Combine(layout.Graders, exercise.Id));
        foreach (var file in folders.Where(Directory.Exists).SelectMany(FilesUnder))
        {
            AddContent(hash, layout, file);
        }

        var learnerFiles = exercise
            .Editable.Select(e => Path.GetFullPath(Path.Combine(exercise.ExerciseDirectory, e)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in FilesUnder(exercise.ExerciseDirectory))
        {
            if (learnerFiles.Contains(file))
            {
                Add("learner " + Path.GetRelativePath(layout.Root, file));
            }
            else
            {
                AddContent(hash, layout, file);
            }
        }
        if (SwapFolder(layout, exercise, source) is { } swap && Directory.Exists(swap))
        {
            foreach (var file in FilesUnder(swap).Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
            {
                Add("swapped " + Path.GetRelativePath(swap, file));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static string? SwapFolder(KitLayout layout, ExerciseMetadata exercise, CodeSource source) =>
        source.MsBuildValue switch
        {
            "exercises" => null,
            "solutions" => Path.Combine(layout.Solutions, exercise.Id),
            var root => Path.Combine(root, exercise.Id),
        };

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory
            .EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);

    private static void AddContent(IncrementalHash hash, KitLayout layout, string file)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(layout.Root, file) + "\n"));
        hash.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
    }
}
