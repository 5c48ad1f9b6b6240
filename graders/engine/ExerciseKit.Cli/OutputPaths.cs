using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>
/// Checks where a command will write before it spends minutes grading: a report file or an output folder that cannot
/// be written is bad input (one line, exit code 2), not a stack trace after the work is done.
/// </summary>
internal static class OutputPaths
{
    /// <exception cref="KitException">The folder names a file, or cannot be created or written.</exception>
    public static void RequireWritableFolder(string folder, string option)
    {
        if (File.Exists(folder))
        {
            throw new KitException($"{option} {folder}: that is a file; give a folder (it will hold the results).");
        }
        try
        {
            Directory.CreateDirectory(folder);
            Probe(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KitException($"{option} {folder}: cannot write there ({e.Message.TrimEnd('.')}).");
        }
    }

    /// <exception cref="KitException">The file names a folder, its folder is missing, or it cannot be written there.</exception>
    public static void RequireWritableFile(string file, string option)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (Directory.Exists(file))
        {
            throw new KitException($"{option} {file}: that is a folder; give a file name.");
        }
        if (!Directory.Exists(folder))
        {
            throw new KitException($"{option} {file}: folder {folder} does not exist.");
        }
        try
        {
            Probe(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KitException($"{option} {file}: cannot write in {folder} ({e.Message.TrimEnd('.')}).");
        }
    }

    // Writing is the only reliable test (a read-only mount, a full disk, permissions, ACLs).
    private static void Probe(string folder)
    {
        var probe = Path.Combine(folder, $".exercisekit-write-test-{Guid.NewGuid():N}");
        File.WriteAllText(probe, "");
        File.Delete(probe);
    }
}
