using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>
/// The CLI's exit codes and its one error path: bad input (a <see cref="KitException"/> from anywhere below a
/// command, or a command line that does not parse) is one line starting "error:" on standard error, and code 2.
/// </summary>
internal static class ExitCode
{
    /// <summary>Grading ran, whatever the score.</summary>
    public const int Success = 0;

    public const int UsageError = 2;

    public static int Guard(TextWriter errors, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (KitException e)
        {
            return Refuse(errors, e.Message);
        }
    }

    public static async Task<int> GuardAsync(TextWriter errors, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (KitException e)
        {
            return Refuse(errors, e.Message);
        }
    }

    public static int Refuse(TextWriter errors, string message)
    {
        errors.WriteLine($"error: {message}");
        return UsageError;
    }
}
