namespace ExerciseKit.Grading;

/// <summary>
/// Implemented by an assembly attribute of a grader (for example TorchGraderAttribute): start-up work that needs no
/// learner code, done while a grader started ahead of its grade waits for its key. It must not touch the learner's
/// types: the framework refuses the run if the learner's assembly was loaded before the key arrived.
/// </summary>
public interface IGraderWarmUp
{
    void WarmUp();
}
