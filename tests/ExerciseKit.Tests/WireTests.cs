using ExerciseKit.Boundary;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// The wire between judge and subject. The judge reads what a hostile subject wrote, so decoding must build only the
/// types the judge asks for, and refuse lengths and nesting the bytes cannot back before it allocates anything.
/// </summary>
public sealed class WireTests
{
    public enum Colour
    {
        Red,
        Green,
    }

    public sealed record Inner(string Name, float[] Values, Colour Colour);

    public sealed record Outer(int Index, IReadOnlyList<Inner> Items, Dictionary<string, double> Scores, (long, TimeSpan) Pair)
    {
        public string? Note { get; init; }
    }

    /// <summary>The same shape with other names and types, as the other side of the boundary declares it.</summary>
    public sealed record OuterElsewhere(
        long Index,
        List<InnerElsewhere> Items,
        IReadOnlyDictionary<string, double> Scores,
        (long, TimeSpan) Pair
    )
    {
        public string? Note { get; init; }
    }

    public sealed record InnerElsewhere(string Name, float[] Values, Colour Colour);

    [Fact]
    public void A_record_crosses_as_the_receivers_own_type_of_the_same_shape_bit_for_bit()
    {
        var payload = BitConverter.Int32BitsToSingle(0x7FC0BEEF); // a NaN with a payload
        var sent = new Outer(
            7,
            new List<Inner> { new("a", [payload, -0f, float.Epsilon], Colour.Green) },
            new() { ["x"] = 0.1 },
            (42, TimeSpan.FromMilliseconds(3))
        )
        {
            Note = "init-only",
        };

        var received = Assert.IsType<OuterElsewhere>(RoundTrip(sent, typeof(OuterElsewhere)));

        Assert.Equal(7, received.Index);
        Assert.Equal("init-only", received.Note);
        Assert.Equal((42L, TimeSpan.FromMilliseconds(3)), received.Pair);
        Assert.Equal(0.1, received.Scores["x"]);
        var item = Assert.Single(received.Items);
        Assert.Equal(Colour.Green, item.Colour);
        Assert.Equal([0x7FC0BEEF, unchecked((int)0x80000000), 1], item.Values.Select(BitConverter.SingleToInt32Bits));
    }

    /// <summary>The sender's type name is never used: a record that claims to be an exception of the graders is still the receiver's record.</summary>
    [Fact]
    public void A_record_that_names_another_type_is_built_as_the_type_asked_for_and_unknown_fields_are_ignored()
    {
        var bytes = Encode(writer =>
        {
            writer.Write((byte)WireTag.Record);
            writer.Write("ExerciseKit.Grading.GradingFailure, ExerciseKit.Grading");
            writer.Write(2);
            writer.Write("Name");
            writer.Write((byte)WireTag.String);
            writer.Write("b");
            writer.Write("Verdict");
            writer.Write((byte)WireTag.String);
            writer.Write("Pass");
        });

        var received = Assert.IsType<Dictionary<string, object?>>(Decode(bytes, typeof(object)));
        Assert.Equal("b", received["Name"]);
        var error = Assert.Throws<InvalidDataException>(() => Decode(bytes, typeof(InnerElsewhere)));
        Assert.Contains("no constructor of InnerElsewhere", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireTag.Doubles)]
    [InlineData(WireTag.Bytes)]
    [InlineData(WireTag.List)]
    [InlineData(WireTag.Map)]
    public void A_count_the_bytes_left_cannot_back_is_refused_before_anything_is_allocated(WireTag tag)
    {
        var bytes = Encode(writer =>
        {
            writer.Write((byte)tag);
            writer.Write(1 << 30);
            writer.Write(0L);
        });

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => Decode(bytes, typeof(object)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated a megabyte or more before refusing");
    }

    [Fact]
    public void Nesting_deeper_than_the_wire_allows_and_unknown_tags_are_refused()
    {
        var deep = Encode(writer =>
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Write((byte)WireTag.List);
                writer.Write(1);
            }
            writer.Write((byte)WireTag.Null);
        });
        Assert.Throws<InvalidDataException>(() => Decode(deep, typeof(object)));
        Assert.Throws<InvalidDataException>(() => Decode([0xEE], typeof(object)));
        Assert.Throws<EndOfStreamException>(() => Decode([(byte)WireTag.Double, 1, 2], typeof(object)));
    }

    [Fact]
    public void An_object_that_is_neither_data_nor_a_handle_does_not_cross()
    {
        var error = Assert.Throws<InvalidDataException>(() => Encode(writer => Wire.Write(writer, new object(), new NoHandles())));
        Assert.Contains("neither as data nor as a handle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_refuse_impossible_lengths_and_end_cleanly_at_the_end_of_the_stream()
    {
        Assert.Null(Frames.Read(new MemoryStream([])));
        Assert.Throws<InvalidDataException>(() => Frames.Read(new MemoryStream(BitConverter.GetBytes(-5))));
        Assert.Throws<InvalidDataException>(() => Frames.Read(new MemoryStream(BitConverter.GetBytes(Frames.MaxBytes + 1))));
        Assert.Null(Frames.Read(new MemoryStream([.. BitConverter.GetBytes(10), 1, 2]))); // cut short: the sender ended
    }

    private static object? RoundTrip(object value, Type target) =>
        Decode(Encode(writer => Wire.Write(writer, value, new NoHandles())), target);

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        var body = new MemoryStream();
        write(new BinaryWriter(body));
        return body.ToArray();
    }

    private static object? Decode(byte[] bytes, Type target) =>
        Wire.Read(new BinaryReader(new MemoryStream(bytes)), target, new NoHandles());

    private sealed class NoHandles : IHandleTable
    {
        public bool TryGetHandle(object value, out long handle)
        {
            handle = 0;
            return false;
        }

        public object ResolveHandle(long handle, string typeName, Type target) => throw new InvalidDataException("no handles here");

        public long TokenId(CancellationToken token) => 0;

        public CancellationToken ResolveToken(long id) => CancellationToken.None;
    }
}
