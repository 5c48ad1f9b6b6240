using ExerciseKit.Exercises.SegmentationDataset;
using NSubstitute;

namespace ExerciseKit.Graders.SegmentationDataset;

/// <summary>
/// An NSubstitute stand-in for <see cref="IDatasetFiles"/> that serves the real files but lists each folder in a
/// scrambled order (so only a real sort passes) and records every call for Received() checks.
/// </summary>
internal static class RecordingFiles
{
    public static IDatasetFiles Over(PngFolder folder) => Over(folder, Scrambled);

    /// <summary>Like <see cref="Over(PngFolder)"/>, with each folder listed in the order <paramref name="listing"/> gives.</summary>
    public static IDatasetFiles Over(PngFolder folder, Func<IReadOnlyList<string>, List<string>> listing)
    {
        var disk = new DiskFiles();
        var files = Substitute.For<IDatasetFiles>();
        files.ListPngFiles(Arg.Any<string>()).Returns(call => listing(disk.ListPngFiles(call.Arg<string>())));
        files.Open(Arg.Any<string>()).Returns(call => disk.Open(call.Arg<string>()));
        return files;
    }

    /// <summary>Matches a path argument however the learner spelled it (relative parts, doubled separators).</summary>
    public static string SamePath(string expected) => Arg.Is<string>(actual => Path.GetFullPath(actual) == Path.GetFullPath(expected));

    // Reverse ordinal order, then odd positions first: neither ordinal, reverse nor file-system order survives.
    public static List<string> Scrambled(IReadOnlyList<string> paths)
    {
        var reversed = paths.OrderByDescending(p => p, StringComparer.Ordinal).ToList();
        return reversed.Where((_, i) => i % 2 == 1).Concat(reversed.Where((_, i) => i % 2 == 0)).ToList();
    }
}
