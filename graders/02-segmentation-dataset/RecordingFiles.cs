using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.SegmentationDataset;

/// <summary>
/// The probe <c>Subject/RecordingFiles.cs</c>, made in the subject: the learner's dataset reads the real files through
/// it, each folder listed in a scrambled order (so only a real sort passes), and it records every file opened.
/// </summary>
[LearnerType("ExerciseKit.Subjects.SegmentationDataset.RecordingFiles, SegmentationDataset.Subject")]
public interface IRecordingFiles
{
    /// <summary>Every path the dataset opened, in call order.</summary>
    IReadOnlyList<string> Opened { get; }
}

internal static class RecordingFiles
{
    public static IRecordingFiles Over(PngFolder folder) => Over(folder, "scrambled");

    /// <summary>Like <see cref="Over(PngFolder)"/>, with each folder listed in the named order ("scrambled", "scrambled-reversed", "reverse-ordinal").</summary>
    public static IRecordingFiles Over(PngFolder folder, string listingOrder)
    {
        _ = folder; // the probe serves whatever folder the dataset asks for: this one
        return Learner.New<IRecordingFiles>(listingOrder);
    }

    /// <summary>How many times <paramref name="path"/> was opened, however the learner spelled it (relative parts, doubled separators).</summary>
    public static int TimesOpened(this IRecordingFiles files, string path) =>
        files.Opened.Count(p => Path.GetFullPath(p) == Path.GetFullPath(path));
}
