namespace ExerciseKit.Host.Classroom;

public enum SubmissionKind
{
    Folder,
    Zip,
    GitBundle,
}
