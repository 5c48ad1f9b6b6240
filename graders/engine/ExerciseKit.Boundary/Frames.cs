using System.Buffers.Binary;

namespace ExerciseKit.Boundary;

/// <summary>
/// Messages between judge and subject: a 4-byte length, then the body. The first byte of a body says what it is;
/// the rest is read with <see cref="Wire"/>. A frame longer than <see cref="MaxBytes"/> ends the conversation.
/// </summary>
public static class Frames
{
    public const int MaxBytes = 1 << 30;

    // Judge to subject.
    public const byte Invoke = 1;
    public const byte Release = 2;
    public const byte Cancel = 3;

    // Subject to judge.
    public const byte Result = 10;
    public const byte Fault = 11;

    /// <summary>
    /// The member an Invoke names to take one step of an async enumerator: MoveNextAsync and, when there is one, Current,
    /// answered together as (bool, item) — one round trip per item instead of two.
    /// </summary>
    public const string NextItem = "<next item>";

    // Flags of an Invoke.
    public const byte WithoutAutograd = 1;

    // What an Invoke calls.
    public const byte OnType = 0;
    public const byte OnHandle = 1;
    public const byte Construct = 2;

    public static void Write(Stream output, MemoryStream body)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, checked((int)body.Length));
        output.Write(length);
        output.Write(body.GetBuffer(), 0, (int)body.Length);
        output.Flush();
    }

    /// <summary>The next frame's body, or null at the end of the stream.</summary>
    public static MemoryStream? Read(Stream input)
    {
        Span<byte> length = stackalloc byte[4];
        if (input.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4)
        {
            return null;
        }
        var count = BinaryPrimitives.ReadInt32LittleEndian(length);
        if (count is < 1 or > MaxBytes)
        {
            throw new InvalidDataException($"a frame of {count} bytes");
        }
        var body = new byte[count];
        if (input.ReadAtLeast(body, count, throwOnEndOfStream: false) < count)
        {
            return null;
        }
        return new MemoryStream(body, writable: false);
    }
}
