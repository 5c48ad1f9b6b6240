// Compiled into every exercise's subject project (graders/Directory.Build.targets): an executable's Main must live in
// its own assembly, the one that references the learner's.

namespace ExerciseKit.Subjects;

internal static class SubjectEntryPoint
{
    public static int Main() =>
#if EXERCISEKIT_TORCH
        ExerciseKit.Boundary.Subject.SubjectServer.Run(ExerciseKit.Boundary.Torch.TensorCodec.UseInSubject);
#else
        ExerciseKit.Boundary.Subject.SubjectServer.Run(() => { });
#endif
}
