using ExerciseKit.Host;
using ExerciseKit.Host.Authoring;

namespace ExerciseKit.Cli;

/// <summary>
/// `new`: an author's first step — the three folders of a new exercise (see <see cref="ExerciseScaffold"/>), its three
/// projects in ExerciseKit.sln and their lock files, so that it builds and shows as unsolved at once.
/// </summary>
internal static class NewCommand
{
    public static Task<int> RunAsync(
        string id,
        string title,
        bool torch,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation
    ) => RunAsync(KitLayout.Find(Environment.CurrentDirectory), id, title, torch, output, errors, cancellation);

    internal static async Task<int> RunAsync(
        KitLayout layout,
        string id,
        string title,
        bool torch,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation
    )
    {
        return await ExitCode.GuardAsync(
            errors,
            async () =>
            {
                var (exercise, grader, subject) = ExerciseScaffold.Create(layout, id, title, torch);
                var solution = Path.Combine(layout.Root, "ExerciseKit.sln");
                try
                {
                    await DotnetAsync(layout, ["sln", solution, "add", exercise, grader, subject], cancellation);
                    // Lock files are written here once; CI restores in locked mode and would refuse projects without them.
                    await DotnetAsync(layout, ["restore", grader, "-p:RestoreLockedMode=false"], cancellation);
                }
                catch (Exception) when (!cancellation.IsCancellationRequested)
                {
                    await RemoveAsync(layout, id, solution, exercise, grader, subject);
                    throw;
                }
                output.WriteLine($"Created exercises/{id}, solutions/{id} and graders/{id}; its three projects are in ExerciseKit.sln.");
                output.WriteLine(
                    $"The placeholder task works end to end: `check {id}` shows it unsolved, `check {id} --source solutions` passing."
                );
                output.WriteLine("Still to write: exercise.json (summary, tasks, rules), README.md, HINTS.md (three hints), the stub, the");
                output.WriteLine("reference answer and the graders; the kit's tests (ExerciseAnatomyTests) say what is missing.");
                return ExitCode.Success;
            }
        );
    }

    private static async Task RemoveAsync(KitLayout layout, string id, string solution, string exercise, string grader, string subject)
    {
        try
        {
            await DotnetAsync(layout, ["sln", solution, "remove", exercise, grader, subject], CancellationToken.None);
        }
        catch (KitException)
        {
            // not added yet
        }
        ExerciseScaffold.Remove(layout, id);
    }

    private static async Task DotnetAsync(KitLayout layout, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var run = await ProcessRunner.RunAsync(
            "dotnet",
            arguments,
            TimeSpan.FromMinutes(10),
            workingDirectory: layout.Root,
            cancellation: cancellation
        );
        if (run.ExitCode != 0)
        {
            var said = (run.StandardOutput + run.StandardError).Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "";
            throw new KitException($"`dotnet {string.Join(' ', arguments.Take(2))}` failed (exit code {run.ExitCode}): {said.Trim()}");
        }
    }
}
