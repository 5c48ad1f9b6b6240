using System.Diagnostics;
using System.IO.Compression;

namespace ExerciseKit.Host.Classroom;

/// <summary>
/// Unpacks a submission into a scratch folder and keeps only what the exercise metadata marks learner-editable.
/// Never trusts the hand-in: no symbolic link is followed at any depth (a linked folder could point at the host's
/// solutions), entries escaping the folder (zip-slip), archives over the size limit and empty archives are refused,
/// names that are not valid UTF-8 or hold control characters are skipped; tests, graders, props/targets, workflows and
/// other files are reported as ignored.
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
            var skipped = new List<string>();
            switch (submission.Kind)
            {
                case SubmissionKind.Zip:
                    Unzip(submission.Path, unpacked, skipped);
                    break;
                case SubmissionKind.GitBundle:
                    Clone(submission.Path, unpacked);
                    break;
                default:
                    CopyFolder(submission.Path, unpacked, skipped);
                    break;
            }
            var files = HandInTree.RegularFiles(unpacked, skipped);
            return Collect(submission, catalog, unpacked, files, skipped);
        }
        catch (InvalidDataException e)
        {
            return StagedSubmission.Refused(submission, SafeText.OneLine(e.Message, 500));
        }
        finally
        {
            Directory.Delete(unpacked, recursive: true);
        }
    }

    private static StagedSubmission Collect(
        Submission submission,
        ExerciseCatalog catalog,
        string unpacked,
        IReadOnlyList<string> files,
        IReadOnlyList<string> skipped
    )
    {
        // No exercise folder at all: nothing was attempted, and the stubs are graded (0 points, "unsolved").
        var root = ExercisesRoot(files) ?? "exercises/";
        var present = files.ToHashSet(StringComparer.Ordinal);
        var editable = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exercise in catalog.Exercises)
        {
            var chosen = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var name in exercise.Editable)
            {
                var relative = $"{root}{exercise.Id}/{name}";
                if (present.Contains(relative))
                {
                    chosen[name] = File.ReadAllBytes(Path.Combine(unpacked, relative));
                    taken.Add(relative);
                }
            }
            editable[exercise.Id] = chosen;
        }

        // Everything else the student changed or added is ignored, and said so.
        var kitBase = root.Length > "exercises/".Length ? root[..^"exercises/".Length] : "";
        var ignored = new List<string>();
        foreach (var relative in files.Where(f => !taken.Contains(f)))
        {
            var kitFile = relative.StartsWith(kitBase, StringComparison.Ordinal)
                ? Path.Combine(catalog.Layout.Root, relative[kitBase.Length..])
                : null;
            if (
                kitFile is null
                || !File.Exists(kitFile)
                || !File.ReadAllBytes(kitFile).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(unpacked, relative)))
            )
            {
                ignored.Add(relative);
            }
        }
        return new StagedSubmission(submission, editable, ignored, null, skipped);
    }

    /// <summary>
    /// The folder (relative, ending in '/') that holds the NN-name exercise folders: an exercises/ folder, or a folder
    /// holding NN-name folders; up to three levels down (a zip often wraps a folder).
    /// </summary>
    private static string? ExercisesRoot(IReadOnlyList<string> files)
    {
        var folders = files
            .SelectMany(f => f.Split('/')[..^1].Select((_, i) => string.Join('/', f.Split('/')[..(i + 1)]) + "/"))
            .Append("")
            .ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> Children(string folder) =>
            folders
                .Where(f =>
                    f.Length > folder.Length
                    && f.StartsWith(folder, StringComparison.Ordinal)
                    && f.IndexOf('/', folder.Length) == f.Length - 1
                )
                .Order(StringComparer.Ordinal);
        var pending = new Queue<(string Folder, int Depth)>([("", 0)]);
        while (pending.TryDequeue(out var next))
        {
            if (folders.Contains(next.Folder + "exercises/"))
            {
                return next.Folder + "exercises/";
            }
            if (Children(next.Folder).Any(c => char.IsAsciiDigit(c[next.Folder.Length]) && c[next.Folder.Length..].Contains('-')))
            {
                return next.Folder;
            }
            if (next.Depth < 3)
            {
                foreach (var child in Children(next.Folder))
                {
                    pending.Enqueue((child, next.Depth + 1));
                }
            }
        }
        return null;
    }

    private static void Unzip(string zip, string target, List<string> skipped)
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
        var safe = new List<ZipArchiveEntry>();
        foreach (var entry in archive.Entries)
        {
            if (!entry.FullName.Split('/', '\\').All(SafeText.IsPlainName))
            {
                skipped.Add(HandInTree.UnsafeName(entry.FullName));
                continue;
            }
            var destination = Path.GetFullPath(Path.Combine(target, entry.FullName));
            if (!destination.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName))
            {
                throw new InvalidDataException(
                    $"the zip entry \"{SafeText.OneLine(entry.FullName, 300)}\" points outside the submission (zip-slip): the whole zip is refused"
                );
            }
            safe.Add(entry);
        }
        foreach (var entry in safe.Where(e => !e.FullName.EndsWith('/')))
        {
            var destination = Path.GetFullPath(Path.Combine(target, entry.FullName));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                entry.ExtractToFile(destination, overwrite: false);
            }
            catch (IOException e)
            {
                // Two entries of one name, or a file where an earlier entry made a folder: the first one stays.
                skipped.Add($"`{SafeText.CodeSpan(entry.FullName)}`: not unpacked ({SafeText.OneLine(e.Message, 200)})");
            }
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

    private static void CopyFolder(string source, string target, List<string> skipped)
    {
        if (new DirectoryInfo(source).LinkTarget is not null)
        {
            throw new InvalidDataException("the hand-in is a symbolic link to a folder, which grading never follows");
        }
        var files = HandInTree.RegularFiles(source, skipped);
        long bytes = 0;
        var count = 0;
        foreach (var relative in files)
        {
            var file = Path.Combine(source, relative);
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
