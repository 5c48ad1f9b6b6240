namespace ExerciseKit.Host.Classroom;

/// <summary>
/// The regular files of an unpacked hand-in, found without following a symbolic link at any depth: a linked file or
/// folder — relative or absolute, from a folder, a zip or a git checkout — could point at the host's solutions. Links
/// and names that are not valid UTF-8 or hold control characters are skipped and listed (escaped); build and VCS
/// folders are left out without a word.
/// </summary>
internal static class HandInTree
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    /// <returns>Paths relative to <paramref name="folder"/>, separated by '/', in ordinal order.</returns>
    public static IReadOnlyList<string> RegularFiles(string folder, List<string> skipped)
    {
        var files = new List<string>();
        Walk(new DirectoryInfo(folder), "", files, skipped);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static string UnsafeName(string relative) =>
        $"`{SafeText.CodeSpan(relative)}`: a name that is not valid UTF-8 or holds control characters, not read";

    private static void Walk(DirectoryInfo folder, string relative, List<string> files, List<string> skipped)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos("*", OneLevel).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = relative + entry.Name;
            if (!SafeText.IsPlainName(entry.Name))
            {
                skipped.Add(UnsafeName(path));
            }
            else if (entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                skipped.Add($"`{SafeText.CodeSpan(path)}`: a symbolic link, not followed");
            }
            else if (entry is DirectoryInfo child)
            {
                if (entry.Name is not (".git" or "bin" or "obj" or "artifacts"))
                {
                    Walk(child, path + "/", files, skipped);
                }
            }
            else
            {
                files.Add(path);
            }
        }
    }
}
