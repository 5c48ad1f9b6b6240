namespace ExerciseKit.Host;

/// <summary>One test's outcome as the runner reported it: result is Pass, Fail, Skip or NotRun.</summary>
public sealed record ReportedOutcome(string Result, string ExceptionType, string Message, TimeSpan Duration);
