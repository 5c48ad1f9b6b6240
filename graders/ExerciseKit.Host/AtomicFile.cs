using System.Text;

namespace ExerciseKit.Host;

/// <summary>Writes a file so that readers see either the old content or the whole new one, never half of it.</summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark: JSON consumers choke on a BOM.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new KitException($"{path}: folder {folder} does not exist.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = Utf8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new KitException($"{path}: {e.Message}");
        }
    }
}
