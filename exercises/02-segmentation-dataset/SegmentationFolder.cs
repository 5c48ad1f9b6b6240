using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>
/// A segmentation dataset over a folder: <c>root/images/NAME.png</c> is paired with <c>root/masks/NAME.png</c>.
/// Items come in natural order of NAME (digit runs compare as numbers: img2 before img10).
/// Each item is a dictionary: <see cref="SampleKeys.Image"/> → float32 [3, H, W] in [0, 1] (then normalised if
/// the options say so) and <see cref="SampleKeys.Mask"/> → int64 [H, W] of class ids.
/// Read pixels only in <see cref="GetTensor"/>, and only the item asked for.
/// </summary>
public sealed class SegmentationFolder : utils.data.Dataset
{
    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null) =>
        throw new NotImplementedException(
            "List root/images and root/masks through the IDatasetFiles (DiskFiles when none is given), pair them by file name, sort naturally. Decode nothing yet."
        );

    public override long Count => throw new NotImplementedException("Return the number of image/mask pairs.");

    public override Dictionary<string, Tensor> GetTensor(long index) =>
        throw new NotImplementedException(
            "Decode image and mask number index (PNG, with StbImageSharp) into the tensors the class summary describes."
        );
}
