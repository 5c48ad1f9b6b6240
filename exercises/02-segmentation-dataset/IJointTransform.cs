using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>
/// An augmentation applied to an image and its mask together, so that pixel (y, x) of the image still
/// carries the class stored at (y, x) of the mask afterwards.
/// </summary>
public interface IJointTransform
{
    /// <param name="image">float32 [3, H, W]</param>
    /// <param name="mask">int64 [H, W]</param>
    (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask);
}
