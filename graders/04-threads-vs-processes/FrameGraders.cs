using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

public sealed class FrameGraders
{
    [Fact, Graded("frames", 1)]
    public void Write_follows_the_documented_layout_byte_for_byte()
    {
        var batch = Frames.Awkward(7, 2, 3);

        var written = FrameReader.Write(batch);

        var expected = Frames.Encode(batch);
        var first = Enumerable.Range(0, Math.Min(expected.Length, written.Length)).FirstOrDefault(i => expected[i] != written[i], -1);
        GradingFailure.Unless(
            written.Length == expected.Length && first < 0,
            $"Write of batch 7 with shape [2, 3] wrote {written.Length} bytes, expected {expected.Length}"
                + (
                    first >= 0
                        ? $"; they differ first at byte {first} ({Part(first)}): 0x{written[first]:X2}, expected 0x{expected[first]:X2}."
                        : "."
                )
                + " The other side of the pipe only understands the layout in FrameFormat.Layout.cs: little-endian int32s, raw float32 bits."
        );
    }

    [Fact, Graded("frames", 1)]
    public async Task Frames_read_back_bit_exactly_even_one_byte_at_a_time()
    {
        Batch[] batches =
        [
            Frames.Awkward(0),
            Frames.Awkward(1, 0),
            Frames.Awkward(2, 5),
            Frames.Awkward(3, 2, 3, 4),
            Frames.Awkward(4, 1, 1, 1, 1, 1, 1, 1, 2),
        ];
        var bytes = Frames.Encode(batches);

        foreach (var (trickle, how) in new[] { (false, "from a MemoryStream"), (true, "from a pipe that delivers one byte per read") })
        {
            using var stream = FrameReader.Over(bytes, trickle);
            foreach (var expected in batches)
            {
                var read = await stream.ReadAsync();
                var situation = $"Reading frames {how}";
                GradingFailure.Unless(
                    read is not null,
                    $"{situation}: ReadAsync returned null for frame {expected.Index} of {batches.Length}. A Read may return fewer bytes than asked for: keep reading (ReadExactlyAsync / ReadAtLeastAsync)."
                );
                GradingFailure.Unless(
                    read!.Index == expected.Index,
                    $"{situation}: the frame for batch {expected.Index} came back with index {read.Index}."
                );
                Same.Batch(expected, read, $"{situation}, shape [{string.Join(", ", expected.Shape)}]");
            }
            var end = await stream.ReadAsync();
            GradingFailure.Unless(end is null, $"Reading frames {how}: after the last frame ReadAsync returned a batch instead of null.");
        }
    }

    [Fact, Graded("frames", 1, Hidden = true)]
    public async Task A_cut_or_garbled_stream_is_reported_never_misread()
    {
        var bytes = Frames.Encode(Frames.Awkward(0, 2, 2), Frames.Awkward(1, 3));
        var boundary = Frames.Encode(Frames.Awkward(0, 2, 2)).Length;
        for (var length = 1; length < bytes.Length; length++)
        {
            if (length == boundary)
            {
                continue;
            }
            var (error, _) = await ReadAllAsync(bytes[..length]);
            GradingFailure.Unless(
                error is EndOfStreamException,
                $"A stream cut after {length} of {bytes.Length} bytes (inside frame {(length < boundary ? 0 : 1)}) gave "
                    + (error is null ? "no exception" : $"{LearnerFaults.NameOf(error)}: {error.Message}")
                    + ". A frame that stops in the middle must throw EndOfStreamException; only a stream that ends between frames is a clean end."
            );
        }

        (byte[] Bytes, string What)[] garbage =
        [
            ("loading batch 3 of 10 (30%)\n"u8.ToArray(), "a log line written to stdout"),
            ([.. "EKB2"u8, .. Frames.Encode(Frames.Awkward(0, 1))[4..]], "a frame with the magic EKB2"),
            (Frames.Header(0, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1), "rank 9"),
            (Frames.Header(0, -1), "rank -1"),
            (Frames.Header(0, 2, 4, -3), "shape [4, -3]"),
            (Frames.Header(0, 2, 65536, 65536), "shape [65536, 65536] (2^32 values: an int product overflows to 0)"),
            (Frames.Header(0, 3, 1024, 1024, 1024), "shape [1024, 1024, 1024] (4 GB)"),
        ];
        foreach (var (bad, what) in garbage)
        {
            var (error, grew) = await ReadAllAsync(bad);
            GradingFailure.Unless(
                error is InvalidDataException,
                $"Reading {what} gave "
                    + (error is null ? "no exception" : $"{LearnerFaults.NameOf(error)}: {error.Message}")
                    + ". Bytes that cannot be a frame must throw InvalidDataException: check the magic, the rank (0 to MaxRank) and the shape (no negative size, product ≤ MaxValues, in long arithmetic)."
            );
            GradingFailure.Unless(
                grew < 64 << 20,
                $"Reading {what} allocated {grew >> 20} MB before refusing it. Validate the header before allocating the values."
            );
        }
    }

    /// <summary>Reads frames until the end or an exception: the exception, and the bytes the reads allocated.</summary>
    private static async Task<(Exception? Error, long Allocated)> ReadAllAsync(byte[] bytes)
    {
        using var stream = FrameReader.Over(bytes);
        try
        {
            while (await stream.ReadAsync() is not null) { }
            return (null, stream.AllocatedBytes);
        }
        catch (Exception error)
        {
            Expect.StubsPassThrough(error);
            return (error, stream.AllocatedBytes);
        }
    }

    private static string Part(int offset) =>
        offset switch
        {
            < 4 => "the magic",
            < 8 => "the index",
            < 12 => "the rank",
            < 20 => "the shape",
            _ => $"value {(offset - 20) / 4}",
        };
}
