using ExerciseKit.Exercises.SegmentationDataset;

namespace ExerciseKit.Subjects.SegmentationDataset;

/// <summary>
/// A probe: the <see cref="IDatasetFiles"/> the graders give the learner's dataset. It serves the real files, lists
/// each folder in the order the graders ask for (so only a real sort passes), and records every file opened. What it
/// records is an observation the learner's code could forge; the graders decide what it is worth.
/// </summary>
public sealed class RecordingFiles(string listingOrder) : IDatasetFiles
{
    private readonly List<string> opened = [];

    /// <summary>Every path passed to <see cref="Open"/>, in call order.</summary>
    public IReadOnlyList<string> Opened
    {
        get
        {
            lock (opened)
            {
                return [.. opened];
            }
        }
    }

    public IReadOnlyList<string> ListPngFiles(string folder) => Order(new DiskFiles().ListPngFiles(folder));

    public Stream Open(string path)
    {
        lock (opened)
        {
            opened.Add(path);
        }
        return File.OpenRead(path);
    }

    private List<string> Order(IReadOnlyList<string> paths) =>
        listingOrder switch
        {
            "scrambled" => Scrambled(paths),
            "scrambled-reversed" => Enumerable.Reverse(Scrambled(paths)).ToList(),
            "reverse-ordinal" => [.. paths.OrderByDescending(p => p, StringComparer.Ordinal)],
            _ => throw new ArgumentException($"unknown listing order {listingOrder}", nameof(listingOrder)),
        };

    // Reverse ordinal order, then odd positions first: neither ordinal, reverse nor file-system order survives.
    private static List<string> Scrambled(IReadOnlyList<string> paths)
    {
        var reversed = paths.OrderByDescending(p => p, StringComparer.Ordinal).ToList();
        return [.. reversed.Where((_, i) => i % 2 == 1), .. reversed.Where((_, i) => i % 2 == 0)];
    }
}
