using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>
/// Gives a grader that times code the machine to itself (see <see cref="MachineTurn"/>): returns once nothing else
/// of the host's runs, which stays so until the grader is done (<see cref="Share"/>) or the grade that asked ends.
/// </summary>
public interface IMachineTurns
{
    Task AloneAsync(CancellationToken cancellation);

    /// <summary>The grader has measured: the others may run again beside the rest of its grade.</summary>
    void Share();
}
