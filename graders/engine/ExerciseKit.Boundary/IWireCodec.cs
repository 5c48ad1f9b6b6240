namespace ExerciseKit.Boundary;

/// <summary>A type the wire carries by value that it does not know itself (TorchSharp's tensors: Torch/TensorCodec.cs).</summary>
public interface IWireCodec
{
    WireTag Tag { get; }

    bool CanWrite(object value);

    void Write(BinaryWriter writer, object value);

    object Read(BinaryReader reader);
}
