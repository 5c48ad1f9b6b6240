using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace ExerciseKit.Host.Classroom;

/// <summary>What a submission holds for grading: the learner-editable files per exercise, and what was ignored.</summary>
public sealed record StagedSubmission(
    Submission Submission,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> EditableFiles,
    IReadOnlyList<string> Ignored,
    string? Problem
)
{
    /// <summary>Identifies the graded content: the editable files, and with them the kit that grades them.</summary>
    public string ContentHash(string kitFingerprint)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(kitFingerprint + "\n" + Problem + "\n"));
        foreach (var (exercise, files) in EditableFiles.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{exercise}/{name}\n"));
                hash.AppendData(SHA256.HashData(bytes));
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}

/// <summary>
/// Unpacks a submission into a scratch folder and keeps only what the exercise metadata marks learner-editable.
/// Never trusts the archive: entries escaping the folder (zip-slip), links, archives over the size limit and empty
/// archives are refused; tests, graders, props/targets, workflows and other files are reported as ignored.
/// </summary>
public static class SubmissionStaging
{
    public const long MaxBytes = 64L << 20;
    public const int MaxFiles = 20_000;

    public static StagedSubmission Stage(Submission submission, ExerciseCatalog catalog, string scratch)
    {
        var unpacked = Path.Combine(scratch, submission.StudentId);
        if (Directory.Exists(unpacked))
        {
            Directory.Delete(unpacked, recursive: true);
        }
        Directory.CreateDirectory(unpacked);
        try
        {
            switch (submission.Kind)
            {
                case SubmissionKind.Zip:
                    Unzip(submission.Path, unpacked);
                    break;
                case SubmissionKind.GitBundle:
                    Clone(submission.Path, unpacked);
                    break;
                default:
                    CopyFolder(submission.Path, unpacked);
                    break;
            }
            return Collect(submission, catalog, unpacked);
        }
        catch (InvalidDataException e)
        {
            return new StagedSubmission(submission, new Dictionary<string, IReadOnlyDictionary<string, byte[]>>(), [], e.Message);
        }
        finally
        {
            Directory.Delete(unpacked, recursive: true);
        }
    }

    private static StagedSubmission Collect(Submission submission, ExerciseCatalog catalog, string unpacked)
    {
        // No exercise folder at all: nothing was attempted, and the stubs are graded (0 points, "unsolved").
        var root = ExercisesRoot(unpacked) ?? Path.Combine(unpacked, "exercises");
        var editable = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exercise in catalog.Exercises)
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var name in exercise.Editable)
            {
                var path = Path.Combine(root, exercise.Id, name);
                if (File.Exists(path) && new FileInfo(path).LinkTarget is null)
                {
                    files[name] = File.ReadAllBytes(path);
                    taken.Add(Path.GetFullPath(path));
                }
            }
            editable[exercise.Id] = files;
        }

        // Everything else the student changed or added is ignored, and said so.
        var ignored = new List<string>();
        foreach (var file in Directory.EnumerateFiles(unpacked, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(unpacked, file).Replace('\\', '/');
            if (taken.Contains(Path.GetFullPath(file)) || relative.Split('/').Any(p => p is ".git" or "bin" or "obj" or "artifacts"))
            {
                continue;
            }
            var kitRelative = Path.GetRelativePath(Path.GetDirectoryName(root)!, file);
            var kitFile = Path.Combine(catalog.Layout.Root, kitRelative);
            if (!File.Exists(kitFile) || !File.ReadAllBytes(kitFile).AsSpan().SequenceEqual(File.ReadAllBytes(file)))
            {
                ignored.Add(relative);
            }
        }
        return new StagedSubmission(submission, editable, ignored, null);
    }

    // exercises/ itself, or a folder holding NN-name folders; up to three levels down (a zip often wraps a folder).
    private static string? ExercisesRoot(string folder)
    {
        var pending = new Queue<(string Folder, int Depth)>([(folder, 0)]);
        while (pending.TryDequeue(out var next))
        {
            if (Directory.Exists(Path.Combine(next.Folder, "exercises")))
            {
                return Path.Combine(next.Folder, "exercises");
            }
            if (
                Directory
                    .EnumerateDirectories(next.Folder)
                    .Any(d => char.IsAsciiDigit(Path.GetFileName(d)[0]) && Path.GetFileName(d).Contains('-'))
            )
            {
                return next.Folder;
            }
            if (next.Depth < 3)
            {
                foreach (
                    var child in Directory
                        .EnumerateDirectories(next.Folder)
                        .Where(d => Path.GetFileName(d) is not (".git" or "bin" or "obj"))
                )
                {
                    pending.Enqueue((child, next.Depth + 1));
                }
            }
        }
        return null;
    }

    private static void Unzip(string zip, string target)
    {
        using var archive = OpenZip(zip);
        if (archive.Entries.Count == 0)
        {
            throw new InvalidDataException("the zip is empty");
        }
        if (archive.Entries.Count > MaxFiles || archive.Entries.Sum(e => e.Length) > MaxBytes)
        {
            throw new InvalidDataException($"the zip unpacks to more than {MaxFiles} files or {MaxBytes >> 20} MB");
        }
        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        foreach (var entry in archive.Entries)
        {
            var destination = Path.GetFullPath(Path.Combine(target, entry.FullName));
            if (!destination.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName))
            {
                throw new InvalidDataException(
                    $"the zip entry \"{entry.FullName}\" points outside the submission (zip-slip): the whole zip is refused"
                );
            }
        }
        foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            var destination = Path.GetFullPath(Path.Combine(target, entry.FullName));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            entry.ExtractToFile(destination, overwrite: false);
        }
    }

    private static ZipArchive OpenZip(string zip)
    {
        try
        {
            return ZipFile.OpenRead(zip);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new InvalidDataException($"not a readable zip: {e.Message}");
        }
    }

    private static void Clone(string bundle, string target)
    {
        var start = new ProcessStartInfo("git", ["-c", "core.hooksPath=/dev/null", "clone", "--quiet", "--", bundle, target])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start) ?? throw new InvalidDataException("git could not be started");
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidDataException($"not a git bundle git can clone: {error.Trim()}");
        }
    }

    private static void CopyFolder(string source, string target)
    {
        long bytes = 0;
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (
                relative.Split(Path.DirectorySeparatorChar).Any(p => p is ".git" or "bin" or "obj" or "artifacts")
                || new FileInfo(file).LinkTarget is not null
            )
            {
                continue;
            }
            bytes += new FileInfo(file).Length;
            if (++count > MaxFiles || bytes > MaxBytes)
            {
                throw new InvalidDataException($"the folder holds more than {MaxFiles} files or {MaxBytes >> 20} MB");
            }
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
