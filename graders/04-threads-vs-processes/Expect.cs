using System.Runtime.ExceptionServices;
using ExerciseKit.Grading;

namespace ExerciseKit.Graders.LoadingStages;

internal static class Expect
{
    public static void NoError(Received received, string situation)
    {
        if (received.Error is { } error)
        {
            StubsPassThrough(error);
            throw new GradingFailure(
                $"{situation}: after {received.Batches.Count} batches the loader threw {error.GetType().Name}: {error.Message}"
            );
        }
    }

    /// <summary>The read ended with exactly this kind of exception (a subclass counts), after exactly the given batches.</summary>
    /// <param name="orderAdvice">Appended when the exception came, but not after exactly the batches before it.</param>
    public static TException Error<TException>(
        Received received,
        int batchesBefore,
        string situation,
        string advice,
        string? orderAdvice = null
    )
        where TException : Exception
    {
        if (received.Error is NotImplementedException stub)
        {
            ExceptionDispatchInfo.Throw(stub);
        }
        GradingFailure.Unless(
            received.Error is not null,
            $"{situation}: the read ended normally after {received.Batches.Count} batches (indices {received.Indices}); expected {typeof(TException).Name}. {advice}"
        );
        var unwrapped = received.Error is AggregateException { InnerExceptions: [var only] } ? only : received.Error!;
        GradingFailure.Unless(
            received.Error is TException,
            $"{situation}: the read ended with {received.Error!.GetType().Name}: {received.Error.Message}"
                + (
                    unwrapped is TException
                        ? " — the right exception, but wrapped: rethrow the original (ExceptionDispatchInfo or await), not an AggregateException."
                        : $" Expected {typeof(TException).Name}. {advice}"
                )
        );
        GradingFailure.Unless(
            received.Batches.Count == batchesBefore
                && received.Batches.Select(b => b.Index).SequenceEqual(Enumerable.Range(0, batchesBefore)),
            $"{situation}: before {typeof(TException).Name} the consumer got batches {received.Indices}; expected every batch before the failure, {Text.Indices(Enumerable.Range(0, batchesBefore))}, and nothing after it."
                + (orderAdvice is null ? "" : " " + orderAdvice)
        );
        return (TException)received.Error!;
    }

    public static void Throws<TException>(Action action, string call)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (Exception error)
        {
            StubsPassThrough(error);
            GradingFailure.Unless(
                error is TException,
                $"{call} threw {error.GetType().Name}: {error.Message}. Expected {typeof(TException).Name}."
            );
            return;
        }
        throw new GradingFailure($"{call} threw nothing. Expected {typeof(TException).Name}: refuse settings that cannot work.");
    }

    public static void StubsPassThrough(Exception error)
    {
        if (error is NotImplementedException)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
