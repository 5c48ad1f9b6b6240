using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExerciseKit.Host;

namespace ExerciseKit.Cli.Release;

/// <summary>
/// Writes the student repository: the committed kit minus what only instructors may see — solutions/, the kit's own
/// tests (they read the solutions and hostile samples), CI scripts, and every hidden grader — plus a student README
/// and a GitHub Classroom workflow. Deterministic: the same commit gives the same bytes.
/// </summary>
internal static class StudentRelease
{
    private static readonly string[] InstructorOnly = ["solutions/", "tests/", ".ci/", "docs/", "graders/docs/"];

    /// <summary>Data that only hidden graders read (inputs and expected values) is named <c>*.hidden.*</c>.</summary>
    private static bool IsInstructorOnly(string file) =>
        InstructorOnly.Any(prefix => file.StartsWith(prefix, StringComparison.Ordinal))
        || (file.StartsWith("graders/", StringComparison.Ordinal) && Path.GetFileName(file).Contains(".hidden.", StringComparison.Ordinal));

    public sealed record Summary(int Files, int HiddenGradersRemoved, int HelpersRemoved, IReadOnlyList<string> RemovedProjects);

    public static Summary Write(ExerciseCatalog catalog, string target)
    {
        var layout = catalog.Layout;
        var tracked = TrackedFiles(layout.Root);
        var files = tracked.Where(f => !IsInstructorOnly(f)).ToList();
        var graders = catalog
            .Exercises.Select(e =>
                HiddenGraders.Strip(
                    files
                        .Where(f =>
                            f.StartsWith($"graders/{e.Id}/", StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal)
                        )
                        .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(layout.Root, f)), StringComparer.Ordinal)
                )
            )
            .ToList();
        var stripped = graders.SelectMany(g => g.Files).ToDictionary(StringComparer.Ordinal);
        files.RemoveAll(f => stripped.TryGetValue(f, out var text) && text is null);
        foreach (var file in files)
        {
            var source = Path.Combine(layout.Root, file);
            var destination = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (stripped.TryGetValue(file, out var text))
            {
                File.WriteAllText(destination, text);
            }
            else if (file == "README.md")
            {
                File.WriteAllText(destination, Readme(catalog));
            }
            else
            {
                File.Copy(source, destination);
            }
        }

        var removedProjects = tracked.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) && IsInstructorOnly(f)).ToList();
        WriteSolutionFile(Path.Combine(layout.Root, "ExerciseKit.sln"), Path.Combine(target, "ExerciseKit.sln"), removedProjects);
        var workflow = Path.Combine(target, ".github", "workflows", "classroom.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(workflow)!);
        File.WriteAllText(workflow, Workflow(catalog));
        return new Summary(files.Count + 1, graders.Sum(g => g.Graders), graders.Sum(g => g.Helpers), removedProjects);
    }

    private static IReadOnlyList<string> TrackedFiles(string root)
    {
        var start = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0
                ? [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)]
                : throw new KitException($"release reads the committed files with git, and `git ls-files` failed in {root}.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new KitException("release needs git (it releases the committed files, never stray local ones).");
        }
    }

    private const string SolutionFolder = "{2150E333-8FDC-42A3-9474-1A3956D46DE8}";

    // Drops the instructor-only projects from the solution file, and the solution folders that held only them: their
    // Project blocks and every line naming their GUIDs.
    private static void WriteSolutionFile(string source, string destination, IReadOnlyList<string> removed)
    {
        var lines = File.ReadAllLines(source);
        // Project("{type}") = "name", "path", "{guid}"
        var projects = lines
            .Where(l => l.StartsWith("Project(", StringComparison.Ordinal))
            .Select(l => l.Split('"'))
            .Where(parts => parts.Length > 7)
            .Select(parts => (Type: parts[1], Path: parts[5].Replace('\\', '/'), Guid: parts[7]))
            .ToList();
        // {child} = {parent}, in the NestedProjects section
        var nesting = lines
            .Select(l => l.Trim().Split(" = "))
            .Where(pair => pair.Length == 2 && pair.All(g => g.StartsWith('{') && g.EndsWith('}')))
            .Select(pair => (Child: pair[0], Parent: pair[1]))
            .ToList();
        var guids = projects.Where(p => removed.Contains(p.Path)).Select(p => p.Guid).ToHashSet(StringComparer.OrdinalIgnoreCase);
        while (
            projects
                .Where(p => p.Type == SolutionFolder && !guids.Contains(p.Guid))
                .Where(folder =>
                    !nesting.Any(n => string.Equals(n.Parent, folder.Guid, StringComparison.OrdinalIgnoreCase) && !guids.Contains(n.Child))
                )
                .ToList()
                is { Count: > 0 } emptied
        )
        {
            guids.UnionWith(emptied.Select(f => f.Guid));
        }
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (
                lines[i].StartsWith("Project(", StringComparison.Ordinal)
                && guids.Any(g => lines[i].Contains(g, StringComparison.OrdinalIgnoreCase))
            )
            {
                while (i < lines.Length && lines[i].Trim() != "EndProject")
                {
                    i++;
                }
                continue;
            }
            if (!guids.Any(g => lines[i].Contains(g, StringComparison.OrdinalIgnoreCase)))
            {
                kept.Add(lines[i]);
            }
        }
        File.WriteAllText(destination, string.Join("\r\n", kept) + "\r\n");
    }

    private static string Readme(ExerciseCatalog catalog)
    {
        var text = new StringBuilder();
        text.Append("# ExerciseKit — your exercises\n\n");
        text.Append("Hands-on C# exercises made from ML-interview study notes. Fill in a stub, run one command, get points and\n");
        text.Append("feedback that says what went wrong and why.\n\n| # | Exercise | Points |\n|---|---|---|\n");
        foreach (var exercise in catalog.Exercises)
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"| {exercise.Id[..2]} | [{exercise.Title}](exercises/{exercise.Id}/README.md) | {exercise.MaxPoints} |\n"
            );
        }
        text.Append(
            """

            ## Set up and grade

            Needs Linux x64 and the .NET SDK pinned in `global.json`; the first build downloads TorchSharp and libtorch
            (about 720 MB) and takes a few minutes.

            ```bash
            dotnet run --project graders/engine/ExerciseKit.Cli -- check                 # grade every exercise
            dotnet run --project graders/engine/ExerciseKit.Cli -- check 01-logistic-regression
            dotnet run --project graders/engine/ExerciseKit.Cli -- watch                 # re-grade on every save
            dotnet run --project graders/engine/ExerciseKit.Cli -- hint 01-logistic-regression
            dotnet run --project graders/engine/ExerciseKit.Cli -- list
            ```

            Edit only the files each exercise's README names; everything else is replaced by the course's copy when
            your work is graded. Some graders are hidden: your grade may include checks you cannot run here. Your IDE
            shows the kit's analyzer diagnostics (EK…) live; each links to a page under
            `graders/engine/ExerciseKit.Analyzers/docs/rules/`.

            Pushing runs `.github/workflows/classroom.yml`, which grades your code and reports the points to GitHub
            Classroom.

            """
        );
        return text.ToString();
    }

    private static string Workflow(ExerciseCatalog catalog) =>
        $$$"""
            # Grades the exercises on every push and reports the points to GitHub Classroom (grader result format v1).
            name: ExerciseKit autograding
            on: [push, workflow_dispatch]
            permissions:
              checks: write
              actions: read
              contents: read
            jobs:
              grade:
                runs-on: ubuntu-latest
                timeout-minutes: 30
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-dotnet@v4
                    with:
                      global-json-file: global.json
                  - id: grade
                    run: dotnet run --project graders/engine/ExerciseKit.Cli -- grade --format github-classroom --out grade.json
                  - uses: classroom-resources/autograding-grading-reporter@v1
                    env:
                      EXERCISEKIT_RESULTS: "${{ steps.grade.outputs.result }}"
                    with:
                      runners: exercisekit
            # {{{catalog.Exercises.Count}}} exercises, {{{catalog.Exercises.Sum(e => e.MaxPoints)}}} points.

            """;
}
