namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>
/// Every file access the dataset makes goes through this interface, so the graders can count reads.
/// Do not touch <see cref="File"/> or <see cref="Directory"/> directly in your dataset.
/// </summary>
public interface IDatasetFiles
{
    /// <summary>Full paths of the *.png files directly inside <paramref name="folder"/>, in no particular order.</summary>
    IReadOnlyList<string> ListPngFiles(string folder);

    /// <summary>Opens a file for reading. The caller disposes the stream.</summary>
    Stream Open(string path);
}

/// <summary>The real file system. Directory listings come back in whatever order the file system keeps.</summary>
public sealed class DiskFiles : IDatasetFiles
{
    // The interface promises no order, on purpose: sorting is the learner's job (and what EK2002 checks).
#pragma warning disable EK2002
    public IReadOnlyList<string> ListPngFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.png", SearchOption.TopDirectoryOnly).ToList()
            : throw new DirectoryNotFoundException($"Folder not found: {folder}");
#pragma warning restore EK2002

    public Stream Open(string path) => File.OpenRead(path);
}
