using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ExerciseKit.Host.Authoring;

/// <summary>
/// A new exercise's three folders — exercises/, solutions/ and graders/ NN-slug — written from templates: a stub
/// that throws with a sentence, a reference answer, one public grader, metadata, a README with its points table and
/// a HINTS.md to fill in. The placeholder task works end to end (the stub is unsolved, the answer passes), so an
/// author sees the whole loop before writing the real content; the anatomy tests then fail only for what is still
/// to write (the hints, the texts). The folders are written in a staging folder and moved into place, so a failure
/// leaves nothing half-written in the kit.
/// </summary>
public static partial class ExerciseScaffold
{
    public const string FirstTask = "first-task";

    /// <summary>The placeholder class the learner edits (a class named like the namespace would hide it from the graders).</summary>
    public const string StubClass = "FirstTask";

    /// <returns>The new exercise's project files: the exercise's, the grader's and the subject's.</returns>
    /// <exception cref="KitException">A malformed id or title, or an exercise of that id or number exists.</exception>
    public static Projects Create(KitLayout layout, string id, string title, bool torch)
    {
        if (!SlugPattern().IsMatch(id))
        {
            throw new KitException($"\"{id}\" is not an exercise id: two digits, a dash and lower-case words, e.g. 05-batch-norm.");
        }
        if (string.IsNullOrWhiteSpace(title) || title.Contains('\n', StringComparison.Ordinal))
        {
            throw new KitException("--title needs the exercise's title on one line.");
        }
        var number = id[..2];
        foreach (var root in new[] { layout.Exercises, layout.Solutions, layout.Graders })
        {
            var taken = Directory.Exists(root)
                ? Directory
                    .GetDirectories(root)
                    .Select(Path.GetFileName)
                    .FirstOrDefault(n => n!.StartsWith(number + "-", StringComparison.Ordinal))
                : null;
            if (taken is not null)
            {
                throw new KitException($"{Path.GetFileName(root)}/{taken} exists already: exercise {number} is taken.");
            }
        }

        var name = ProjectName(id);
        var staging = Directory.CreateDirectory(Path.Combine(layout.Artifacts, "new-exercise", Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var files = new Dictionary<string, string>
            {
                [$"exercises/{name}.csproj"] = ExerciseProject(name, torch),
                [$"exercises/{StubClass}.cs"] = Code(
                    name,
                    "throw new NotImplementedException(\"Return the answer of the first task: replace this sentence with what the learner must return.\")"
                ),
                ["exercises/exercise.json"] = Metadata(id, title, name),
                ["exercises/README.md"] = Readme(id, title, name),
                ["exercises/HINTS.md"] =
                    $"# Hints · {id[..2]} {title}\n\n## Hint 1\n\nStill to write: a nudge, then two more hints that end near the answer.\n",
                [$"solutions/{StubClass}.cs"] = Code(name, "42"),
                [$"graders/{name}.Graders.csproj"] = GraderProject(id, torch),
                [$"graders/{name}Graders.cs"] = Graders(name),
                [$"graders/Subject/{name}.Subject.csproj"] = SubjectProject(id, torch),
            };
            if (torch)
            {
                // torch's RNG and thread pool are process-global: TorchSharp graders run one at a time.
                files["graders/xunit.runner.json"] = """
                    {
                      "$schema": "https://xunit.net/schema/current/xunit.runner.schema.json",
                      "parallelizeTestCollections": false,
                      "parallelizeAssembly": false
                    }

                    """;
            }
            foreach (var (relative, text) in files)
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text.ReplaceLineEndings("\n"), AtomicFile.Utf8);
            }
            Directory.Move(Path.Combine(staging, "exercises"), Path.Combine(layout.Exercises, id));
            Directory.Move(Path.Combine(staging, "solutions"), Path.Combine(layout.Solutions, id));
            Directory.Move(Path.Combine(staging, "graders"), Path.Combine(layout.Graders, id));
        }
        catch
        {
            Remove(layout, id);
            throw;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
        return new(
            Path.Combine(layout.Exercises, id, name + ".csproj"),
            Path.Combine(layout.Graders, id, name + ".Graders.csproj"),
            Path.Combine(layout.Graders, id, "Subject", name + ".Subject.csproj")
        );
    }

    /// <summary>The projects of a new exercise: the learner's, the graders' (the judge) and the subject that runs the learner's code.</summary>
    public sealed record Projects(string Exercise, string Grader, string Subject);

    /// <summary>Takes a half-made exercise out again (a later step of `new` failed).</summary>
    public static void Remove(KitLayout layout, string id)
    {
        foreach (var root in new[] { layout.Exercises, layout.Solutions, layout.Graders })
        {
            var folder = Path.Combine(root, id);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>"05-batch-norm" → "BatchNorm": the projects' and namespaces' name.</summary>
    public static string ProjectName(string id) =>
        string.Concat(id[3..].Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    [GeneratedRegex("^[0-9]{2}-[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    private static string ExerciseProject(string name, bool torch) =>
        $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <RootNamespace>ExerciseKit.Exercises.{name}</RootNamespace>
              </PropertyGroup>
            {(
                torch
                    ? "  <ItemGroup>\n    <PackageReference Include=\"TorchSharp\" />\n    <PackageReference Include=\"libtorch-cpu-linux-x64\" />\n  </ItemGroup>\n"
                    : ""
            )}</Project>

            """;

    private static string GraderProject(string id, bool torch) =>
        $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- The grading libraries and the build of Subject/ come from graders/Directory.Build.targets; exercises/{id} runs only in the subject. -->
            {(torch ? "  <PropertyGroup>\n    <UsesTorch>true</UsesTorch>\n  </PropertyGroup>\n" : "")}</Project>

            """;

    private static string SubjectProject(string id, bool torch) =>
        $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- The process that runs the learner's code of {id} for its graders: the exercise and the wire come from graders/Directory.Build.targets. -->
            {(torch ? "  <PropertyGroup>\n    <UsesTorch>true</UsesTorch>\n  </PropertyGroup>\n" : "")}</Project>

            """;

    private static string Code(string name, string body) =>
        $$"""
            namespace ExerciseKit.Exercises.{{name}};

            /// <summary>Still to write: what the learner builds here, in a sentence.</summary>
            public static class {{StubClass}}
            {
                /// <summary>The first task's placeholder: rename it and give it the real signature.</summary>
                public static int Answer() => {{body}};
            }

            """;

    private static string Graders(string name) =>
        $$"""
            using ExerciseKit.Grading;
            using ExerciseKit.Grading.Boundary;
            using Xunit;

            namespace ExerciseKit.Graders.{{name}};

            public sealed class {{name}}Graders
            {
                // A placeholder that shows the loop works end to end: replace it with the task's real checks.
                [Fact, Graded("{{FirstTask}}", 1)]
                public void Answer_returns_the_first_tasks_result()
                {
                    var answer = Learner.Static<I{{StubClass}}>().Answer();
                    GradingFailure.Unless(answer == 42, $"Answer() returned {answer}; the first task expects 42.");
                }
            }

            /// <summary>The learner's {{StubClass}} as the graders call it: it runs in the subject process, never here.</summary>
            [LearnerType("ExerciseKit.Exercises.{{name}}.{{StubClass}}, {{name}}")]
            public interface I{{StubClass}}
            {
                int Answer();
            }

            """;

    private static string Metadata(string id, string title, string name) =>
        JsonSerializer.Serialize(
            new
            {
                id,
                title,
                summary = "Still to write: one sentence on what the learner builds.",
                notes = Array.Empty<string>(),
                editable = new[] { StubClass + ".cs" },
                tasks = new[]
                {
                    new
                    {
                        id = FirstTask,
                        title = "First task (rename me)",
                        points = 1,
                    },
                },
                timeLimits = new { testSeconds = 10, exerciseSeconds = 120 },
                tags = Array.Empty<string>(),
            },
            new JsonSerializerOptions { WriteIndented = true }
        ) + "\n";

    private static string Readme(string id, string title, string name) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"""
            # {id[..2]} · {title}

            Still to write: what the learner builds, and why an interviewer asks for it.

            ## The task

            Still to write. The learner edits `{StubClass}.cs` only; every member there throws `NotImplementedException`
            with a sentence until it is written.

            ## How it is graded — 1 points

            | Task | Points | What is checked |
            |---|---|---|
            | First task (rename me) | 1 | still to write |

            """
        );
}
