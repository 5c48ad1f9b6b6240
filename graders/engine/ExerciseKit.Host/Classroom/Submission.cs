using System.Text.RegularExpressions;

namespace ExerciseKit.Host.Classroom;

/// <summary>One student's hand-in: a folder, a .zip or a git bundle, named after the student.</summary>
public sealed partial record Submission(string StudentId, string Path, SubmissionKind Kind)
{
    /// <summary>
    /// Every entry of the folder is one submission: <c>alice/</c>, <c>bob.zip</c>, <c>carol.bundle</c>. Hidden entries
    /// (<c>.name</c>) are skipped.
    /// </summary>
    /// <exception cref="KitException">Missing folder, nothing to grade, a name that is not an id, or one id twice.</exception>
    public static IReadOnlyList<Submission> Discover(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new KitException($"{folder}: no such folder of submissions.");
        }

        var submissions = new List<Submission>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }
            var (id, kind) =
                Directory.Exists(entry) ? (name, SubmissionKind.Folder)
                : name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? (name[..^4], SubmissionKind.Zip)
                : name.EndsWith(".bundle", StringComparison.OrdinalIgnoreCase) ? (name[..^7], SubmissionKind.GitBundle)
                : throw new KitException($"{entry}: not a submission (expected a folder, a .zip or a .bundle named after the student).");
            if (!StudentIdPattern().IsMatch(id))
            {
                throw new KitException($"{entry}: \"{id}\" is not a student id (letters, digits, '.', '_' and '-', at most 64).");
            }
            submissions.Add(new Submission(id, System.IO.Path.GetFullPath(entry), kind));
        }

        var twice = submissions.GroupBy(s => s.StudentId, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new KitException(
                $"student id {twice.Key} appears twice: {string.Join(" and ", twice.Select(s => System.IO.Path.GetFileName(s.Path)))}. Keep one."
            );
        }
        if (submissions.Count == 0)
        {
            throw new KitException($"{folder}: no submissions in it (folders, .zip or .bundle files).");
        }
        return submissions;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex StudentIdPattern();
}
