namespace ExerciseKit.Host;

public enum Visibility
{
    Public,
    Hidden,
}
