namespace ExerciseKit.Host;

/// <summary>
/// Skips NuGet restore when nothing restore depends on has changed. `dotnet build` restores every time (a large part
/// of a warm grading build, see graders/docs/performance.md); a learner editing .cs files never needs it. The stamp
/// is written after a build that restored and succeeded; any project, props/targets, lock, global.json or
/// NuGet.config file newer than the stamp (a kit update, a new package) makes the next build restore again. There is
/// one stamp per code source and grader project: a restore covers only the graph of the project it built, so a kit
/// update restored through one exercise's graders leaves another's restore output stale.
/// </summary>
public static class RestoreStamp
{
    private static readonly string[] Patterns =
    [
        "*.csproj",
        "*.props",
        "*.targets",
        "packages.lock.json",
        "global.json",
        "NuGet.config",
        "nuget.config",
    ];

    public static string PathFor(KitLayout layout, string sourceKey, string project) =>
        Path.Combine(layout.Artifacts, "restore-stamps", $"{sourceKey}.{Path.GetFileNameWithoutExtension(project)}");

    public static bool IsCurrent(KitLayout layout, string sourceKey, string project)
    {
        var stamp = new FileInfo(PathFor(layout, sourceKey, project));
        return stamp.Exists && RestoreInputs(layout).All(input => File.GetLastWriteTimeUtc(input) < stamp.LastWriteTimeUtc);
    }

    public static void Record(KitLayout layout, string sourceKey, string project)
    {
        var path = PathFor(layout, sourceKey, project);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, DateTime.UtcNow.ToString("O"));
    }

    private static IEnumerable<string> RestoreInputs(KitLayout layout) =>
        Directory
            .EnumerateDirectories(layout.Root)
            .Where(dir => Path.GetFileName(dir) is not ("artifacts" or ".git" or ".exercisekit" or "bin" or "obj"))
            .SelectMany(dir => Patterns.SelectMany(pattern => Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories)))
            .Concat(Patterns.SelectMany(pattern => Directory.EnumerateFiles(layout.Root, pattern, SearchOption.TopDirectoryOnly)));
}
