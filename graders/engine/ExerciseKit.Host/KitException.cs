namespace ExerciseKit.Host;

/// <summary>A problem with the kit or the command line, reported to the user as a message, not a stack trace.</summary>
public sealed class KitException(string message) : Exception(message);
