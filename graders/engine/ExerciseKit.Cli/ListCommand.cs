using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>`list`: every exercise with its last grade (from `check`), whether you edited it since, and the total.</summary>
internal static class ListCommand
{
    public static int Run(string workingDirectory, TextWriter output, TextWriter errors)
    {
        return ExitCode.Guard(
            errors,
            () =>
            {
                var catalog = ExerciseCatalog.Load(KitLayout.Find(workingDirectory));
                var state = LearnerState.Load(catalog.Layout);
                var (earned, passing) = (0, 0);
                output.WriteLine($"{"exercise", -28} {"status", -26} points");
                foreach (var exercise in catalog.Exercises)
                {
                    var saved = state.LastGrades.GetValueOrDefault(exercise.Id);
                    var status =
                        saved is null ? "not checked yet"
                        : saved.Fingerprint != LearnerState.Fingerprint(exercise)
                            ? $"{ConsoleReport.StatusText(saved.Status)}, edited since"
                        : ConsoleReport.StatusText(saved.Status);
                    var points = saved is null ? $"–/{exercise.MaxPoints}" : $"{saved.Points}/{exercise.MaxPoints}";
                    output.WriteLine($"{exercise.Id, -28} {status, -26} {points}");
                    earned += saved?.Points ?? 0;
                    passing += saved?.Status == ExerciseStatus.Passing ? 1 : 0;
                }

                var max = catalog.Exercises.Sum(e => e.MaxPoints);
                output.WriteLine();
                output.WriteLine($"Progress: {earned}/{max} points · {passing} of {catalog.Exercises.Count} exercises passing");
                output.WriteLine("Run `check <exercise>` to grade one; `hint <exercise>` when stuck.");
                return ExitCode.Success;
            }
        );
    }
}
