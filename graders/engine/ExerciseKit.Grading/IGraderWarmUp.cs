namespace ExerciseKit.Grading;

/// <summary>
/// Implemented by an assembly attribute of a grader (for example TorchGraderAttribute): start-up work that needs no
/// learner code, done while a grader started ahead of its grade waits for the learner's code to compile. It must not call
/// the learner's code: the subject would run the previous build.
/// </summary>
public interface IGraderWarmUp
{
    void WarmUp();
}
