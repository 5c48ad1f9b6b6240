using System.Text;

namespace ExerciseKit.Host;

/// <summary>Writes a file so that readers see either the old content or the whole new one, never half of it.</summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark: JSON consumers choke on a BOM.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string content) =>
        Replace(
            path,
            temporary =>
            {
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Utf8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
        );

    /// <summary>A copy that a process starting at any moment finds either whole or not yet there (e.g. a build output).</summary>
    public static void Copy(string from, string path) => Replace(path, temporary => File.Copy(from, temporary));

    private static void Replace(string path, Action<string> writeTemporary)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new KitException($"{path}: folder {folder} does not exist.");
        }

        // In the same folder, so the rename stays on one file system and is atomic.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new KitException($"{path}: {e.Message}");
        }
    }
}
