using System.Runtime.ExceptionServices;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.LoadingStages;

internal static class Expect
{
    public static void NoError(Received received, string situation)
    {
        if (received.Error is { } error)
        {
            StubsPassThrough(error);
            throw new GradingFailure(
                $"{situation}: after {received.Batches.Count} batches the loader threw {LearnerFaults.NameOf(error)}: {error.Message}"
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
        where TException : Exception =>
        (TException)Error(received, batchesBefore, situation, advice, orderAdvice, e => e is TException, typeof(TException).Name);

    /// <summary>Like <see cref="Error{TException}"/>, for an exception type of the learner's project, known here by its full name only.</summary>
    public static LearnerException LearnerError(
        Received received,
        int batchesBefore,
        string typeFullName,
        string situation,
        string advice
    ) =>
        (LearnerException)Error(
            received,
            batchesBefore,
            situation,
            advice,
            orderAdvice: null,
            e => e is LearnerException learner && learner.Is(typeFullName),
            typeFullName[(typeFullName.LastIndexOf('.') + 1)..]
        );

    private static Exception Error(
        Received received,
        int batchesBefore,
        string situation,
        string advice,
        string? orderAdvice,
        Func<Exception, bool> isExpected,
        string expected
    )
    {
        if (received.Error is NotImplementedException stub)
        {
            ExceptionDispatchInfo.Throw(stub);
        }
        GradingFailure.Unless(
            received.Error is not null,
            $"{situation}: the read ended normally after {received.Batches.Count} batches (indices {received.Indices}); expected {expected}. {advice}"
        );
        var unwrapped = received.Error is AggregateException { InnerExceptions: [var only] } ? only : received.Error!;
        GradingFailure.Unless(
            isExpected(received.Error!),
            $"{situation}: the read ended with {LearnerFaults.NameOf(received.Error!)}: {received.Error!.Message}"
                + (
                    isExpected(unwrapped)
                        ? " — the right exception, but wrapped: rethrow the original (ExceptionDispatchInfo or await), not an AggregateException."
                        : $" Expected {expected}. {advice}"
                )
        );
        GradingFailure.Unless(
            received.Batches.Count == batchesBefore
                && received.Batches.Select(b => b.Index).SequenceEqual(Enumerable.Range(0, batchesBefore)),
            $"{situation}: before {expected} the consumer got batches {received.Indices}; expected every batch before the failure, {Text.Indices(Enumerable.Range(0, batchesBefore))}, and nothing after it."
                + (orderAdvice is null ? "" : " " + orderAdvice)
        );
        return received.Error!;
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
                $"{call} threw {LearnerFaults.NameOf(error)}: {error.Message}. Expected {typeof(TException).Name}."
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
