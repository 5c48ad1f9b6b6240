using System.Runtime.InteropServices;
using ExerciseKit.Grading;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>Compares what arrived with what the source holds: every batch once, in index order, bit for bit.</summary>
internal static class Same
{
    public static void Batches(SyntheticBatches expected, IReadOnlyList<Batch> received, string situation)
    {
        var indices = received.Select(b => b.Index).ToList();
        var duplicate = indices.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        GradingFailure.Unless(
            duplicate is null,
            $"{situation}: batch {duplicate?.Key} arrived {duplicate?.Count()} times (indices {Text.Indices(indices)}). Each index is loaded by exactly one worker."
        );
        GradingFailure.Unless(
            received.Count == expected.Count,
            $"{situation}: {received.Count} batches arrived (indices {Text.Indices(indices)}), expected {expected.Count}."
        );
        for (var position = 0; position < received.Count; position++)
        {
            GradingFailure.Unless(
                received[position].Index == position,
                $"{situation}: the batches arrived in the order {Text.Indices(indices)}. The consumer must see index order — "
                    + "the order the workers finish in is not it; read the workers' results back in index order."
            );
            Batch(expected.Load(position), received[position], situation);
        }
    }

    public static void Batch(Batch expected, Batch received, string situation)
    {
        GradingFailure.Unless(
            received.Shape.SequenceEqual(expected.Shape),
            $"{situation}: batch {expected.Index} has shape [{string.Join(", ", received.Shape)}], expected [{string.Join(", ", expected.Shape)}]."
        );
        GradingFailure.Unless(
            received.Values.Length == expected.Values.Length,
            $"{situation}: batch {expected.Index} has {received.Values.Length} values, expected {expected.Values.Length}."
        );
        // Compared as raw bits (NaN payloads, -0), a vector at a time.
        var differs = MemoryMarshal.Cast<float, int>(expected.Values).CommonPrefixLength(MemoryMarshal.Cast<float, int>(received.Values));
        if (differs < expected.Values.Length)
        {
            throw new GradingFailure(
                $"{situation}: batch {expected.Index}, value {differs} is {Text.Bits(received.Values[differs])}, expected {Text.Bits(expected.Values[differs])}. "
                    + "Copy the float's raw bits (NaN payloads and -0 included); never go through text or double."
            );
        }
    }
}
