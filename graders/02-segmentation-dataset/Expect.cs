using System.Runtime.ExceptionServices;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.SegmentationDataset;

internal static class Expect
{
    /// <summary>Bad data must raise InvalidDataException whose message names the file (or folder) at fault.</summary>
    public static void DataError(Exception? error, string mustName, string situation)
    {
        GradingFailure.Unless(error is not null, $"Nothing was thrown for {situation}.");
        if (error is NotImplementedException)
        {
            ExceptionDispatchInfo.Throw(error); // still a stub: reported as "not started", not as a wrong answer
        }

        GradingFailure.Unless(
            error is InvalidDataException,
            $"For {situation} you threw {LearnerFaults.NameOf(error!)}: {error!.Message}\nThrow InvalidDataException for bad data, so callers can tell it from a bug."
        );
        GradingFailure.Unless(
            error.Message.Contains(mustName, StringComparison.Ordinal),
            $"For {situation} the message was \"{error.Message}\". Name {mustName} in it: with ten thousand files, the learner needs to know which one."
        );
    }
}
