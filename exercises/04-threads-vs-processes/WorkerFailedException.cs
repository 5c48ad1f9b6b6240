namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>The worker process ended with a non-zero exit code. The message carries the end of what it wrote to stderr.</summary>
public sealed class WorkerFailedException(int exitCode, string standardError)
    : Exception(
        $"The worker process exited with code {exitCode}."
            + (string.IsNullOrWhiteSpace(standardError) ? " It wrote nothing to stderr." : $" Its stderr ends with:\n{Tail(standardError)}")
    )
{
    public int ExitCode { get; } = exitCode;

    public string StandardError { get; } = standardError;

    private static string Tail(string text) => text.Length <= 2000 ? text.TrimEnd() : "…" + text[^2000..].TrimEnd();
}
