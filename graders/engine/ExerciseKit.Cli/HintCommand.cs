using System.Text.RegularExpressions;
using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>`hint`: the next hint of HINTS.md, one at a time; the count is remembered in .exercisekit/state.json.</summary>
internal static partial class HintCommand
{
    public static int Run(string workingDirectory, string id, TextWriter output, TextWriter errors)
    {
        return ExitCode.Guard(
            errors,
            () =>
            {
                var catalog = ExerciseCatalog.Load(KitLayout.Find(workingDirectory));
                var exercise = catalog.Select([id]).Single();
                var hints = Parse(File.ReadAllText(Path.Combine(exercise.ExerciseDirectory, "HINTS.md")));
                if (hints.Count == 0)
                {
                    throw new KitException($"{exercise.Id}/HINTS.md has no '## Hint N' sections.");
                }

                var state = LearnerState.Load(catalog.Layout);
                var shown = state.HintsShown.GetValueOrDefault(exercise.Id);
                var next = Math.Min(shown + 1, hints.Count);
                output.WriteLine($"{exercise.Id} · hint {next} of {hints.Count}");
                output.WriteLine();
                output.WriteLine(hints[next - 1]);
                output.WriteLine();
                output.WriteLine(
                    next < hints.Count
                        ? "Try again before asking for the next one: run `hint` again when you are stuck."
                        : "That was the last hint; the reference solution is not part of your copy."
                );
                state.HintsShown[exercise.Id] = next;
                state.Save(catalog.Layout);
                return ExitCode.Success;
            }
        );
    }

    /// <summary>The text of each "## Hint N" section, in order.</summary>
    public static IReadOnlyList<string> Parse(string markdown) =>
        HintHeading().Split(markdown).Skip(1).Select(section => section.Trim()).Where(section => section.Length > 0).ToList();

    [GeneratedRegex(@"^## Hint \d+\s*$", RegexOptions.Multiline)]
    private static partial Regex HintHeading();
}
