using System.Security.Cryptography;

namespace ExerciseKit.Host.Classroom;

/// <summary>
/// What a submission holds for grading: the learner-editable files per exercise, the other files (ignored, listed),
/// and what was skipped without being read (symbolic links, unsafe names), each already escaped for display.
/// </summary>
public sealed record StagedSubmission(
    Submission Submission,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> EditableFiles,
    IReadOnlyList<string> Ignored,
    string? Problem,
    IReadOnlyList<string>? SkippedEntries = null
)
{
    public IReadOnlyList<string> Skipped => SkippedEntries ?? [];

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

    /// <summary>A submission that could not be staged: nothing of it is graded, and the reason is its row's note.</summary>
    public static StagedSubmission Refused(Submission submission, string problem) =>
        new(submission, new Dictionary<string, IReadOnlyDictionary<string, byte[]>>(), [], problem);
}
