namespace ExerciseKit.Grading;

/// <summary>
/// Thrown by a grader that times code when the machine could not give it a fair measurement (other programs kept it
/// busy throughout). The host scores the test nothing yet and marks it "not measured" — to grade again on a quiet
/// machine — never as the learner's failure. Learner code that throws it gains nothing: it only asks for a regrade.
/// </summary>
public sealed class NotMeasuredException(string message) : Exception(message);
