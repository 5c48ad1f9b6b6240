using static TorchSharp.torch;

namespace ExerciseKit.Boundary.Torch;

/// <summary>
/// Tensors cross the boundary bit for bit: dtype, shape and the raw bytes of a contiguous CPU copy. A received
/// tensor is new (no autograd history) and lands in the receiving thread's dispose scope, like any tensor made there.
/// Compiled into both sides that use TorchSharp (the judge's ExerciseKit.Grading.Torch and each TorchSharp subject),
/// so neither has to load TorchSharp just to use the wire.
/// </summary>
public sealed class TensorCodec : IWireCodec
{
    private const int MaxRank = 16;

    public WireTag Tag => WireTag.Tensor;

    public bool CanWrite(object value) => value is Tensor;

    public void Write(BinaryWriter writer, object value)
    {
        using var copy = ((Tensor)value).detach().cpu().contiguous();
        writer.Write((int)copy.dtype);
        writer.Write(copy.shape.Length);
        foreach (var size in copy.shape)
        {
            writer.Write(size);
        }
        var bytes = copy.bytes;
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public object Read(BinaryReader reader)
    {
        var dtype = (ScalarType)reader.ReadInt32();
        var rank = reader.ReadInt32();
        if (rank is < 0 or > MaxRank || !Enum.IsDefined(dtype))
        {
            throw new InvalidDataException($"a tensor of rank {rank} and dtype {dtype}");
        }
        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            shape[i] = reader.ReadInt64();
        }
        var length = Wire.Count(reader, 1);
        var elements = shape.Aggregate(1L, (a, b) => b < 0 ? -1 : a * b);
        using var probe = empty(0, dtype);
        if (elements < 0 || elements * probe.ElementSize != length)
        {
            throw new InvalidDataException($"a tensor of shape [{string.Join(", ", shape)}] and {length} bytes");
        }
        var tensor = empty(shape, dtype);
        reader.BaseStream.ReadExactly(tensor.bytes);
        return tensor;
    }

    /// <summary>
    /// The warm-up of a TorchSharp subject: native settings, the codec, and libtorch loaded before any learner type.
    /// Only loaded: autograd's engine starts at the first backward pass, which most exercises' learner code never runs.
    /// </summary>
    public static void UseInSubject()
    {
        TorchNativeEnvironment.Prepare();
        Wire.Register(new TensorCodec());
        Subject.SubjectServer.AutogradOff = () => no_grad();
        using var loaded = ones(2, 2).sigmoid();
    }
}
