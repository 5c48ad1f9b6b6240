using System.Text.Json;
using System.Text.RegularExpressions;

namespace ExerciseKit.Host;

/// <summary>Builds one exercise's grader project (and with it the learner's code) with `dotnet build`.</summary>
public static partial class GraderBuild
{
    /// <param name="sourceKey">Names the code source in artifacts/ (its restore stamp).</param>
    /// <param name="compilerCommandLine">Where the learner's project records its compiler command line (see <see cref="CompilePlan"/>).</param>
    public static async Task<GraderBuildResult> RunAsync(
        KitLayout layout,
        string graderProject,
        CodeSource source,
        string sourceKey,
        string analyzerLog,
        string? compilerCommandLine = null,
        CancellationToken cancellation = default
    )
    {
        var restore = !RestoreStamp.IsCurrent(layout, sourceKey, graderProject);
        var result = await BuildAsync(graderProject, source, analyzerLog, compilerCommandLine, restore, cancellation);
        if (!result.Succeeded && !restore && NeedsRestore(result.Log))
        {
            // Restore output gone or stale (a cleaned NuGet cache, a deleted artifacts/obj): restore and build again.
            restore = true;
            result = await BuildAsync(graderProject, source, analyzerLog, compilerCommandLine, restore, cancellation);
        }

        if (result.Succeeded && restore)
        {
            RestoreStamp.Record(layout, sourceKey, graderProject);
        }

        return result;
    }

    private static async Task<GraderBuildResult> BuildAsync(
        string graderProject,
        CodeSource source,
        string analyzerLog,
        string? compilerCommandLine,
        bool restore,
        CancellationToken cancellation
    )
    {
        Directory.CreateDirectory(Path.GetDirectoryName(analyzerLog)!);
        string[] arguments =
        [
            "build",
            graderProject,
            "-nologo",
            "-v:q",
            "-clp:NoSummary",
            $"-p:ExerciseSource={source.MsBuildValue}",
            // The learner's project compiles with the kit's analyzers in grading mode and logs them as SARIF here.
            "-p:ExerciseKitAnalyzerMode=grading",
            $"-p:ExerciseKitAnalyzerLog={analyzerLog}",
            .. (compilerCommandLine is null ? Array.Empty<string>() : [$"-p:ExerciseKitCompilerCommandLine={compilerCommandLine}"]),
            "-getProperty:TargetPath",
            "-getTargetResult:Build",
            .. (restore ? Array.Empty<string>() : ["--no-restore"]),
        ];
        var outcome = await ProcessRunner.RunAsync("dotnet", arguments, TimeSpan.FromMinutes(10), cancellation: cancellation);
        var log = outcome.StandardError + outcome.StandardOutput;
        var errors = ParseErrors(log);
        var (succeeded, assembly) = ParseResult(outcome.StandardOutput);
        if (!succeeded && errors.Count == 0)
        {
            errors =
            [
                new BuildDiagnostic(graderProject, 0, 0, "build", $"dotnet build failed (exit code {outcome.ExitCode}):\n{log.Trim()}"),
            ];
        }

        return new GraderBuildResult(succeeded && outcome.ExitCode == 0, assembly, errors, log);
    }

    // NETSDK1004: assets file missing; NETSDK1064: a package it names is missing from the cache; NU1xxx: restore problems.
    private static bool NeedsRestore(string log) =>
        log.Contains("NETSDK1004", StringComparison.Ordinal)
        || log.Contains("NETSDK1064", StringComparison.Ordinal)
        || log.Contains("project.assets.json", StringComparison.Ordinal);

    /// <summary>Reads the error lines of an MSBuild log, each once (MSBuild repeats them per project).</summary>
    public static IReadOnlyList<BuildDiagnostic> ParseErrors(string log) =>
        log.Split('\n')
            .Select(line => ErrorLine().Match(line.Trim()))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value,
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0,
                m.Groups["code"].Value,
                m.Groups["message"].Value.Trim()
            ))
            .Distinct()
            .ToList();

    private static (bool Succeeded, string? Assembly) ParseResult(string stdout)
    {
        var start = stdout.IndexOf('{');
        if (start < 0)
        {
            return (false, null);
        }

        try
        {
            using var json = JsonDocument.Parse(stdout[start..]);
            var assembly = json.RootElement.GetProperty("Properties").GetProperty("TargetPath").GetString();
            var result = json.RootElement.GetProperty("TargetResults").GetProperty("Build").GetProperty("Result").GetString();
            return (result == "Success", assembly);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (false, null);
        }
    }

    [GeneratedRegex(
        @"^(?<file>[^\s(][^(]*?)(\((?<line>\d+),(?<col>\d+)\))?\s*:\s*error\s+(?<code>[A-Za-z]+\d*)\s*:\s*(?<message>.*?)(\s+\[[^\]]+\])?$"
    )]
    private static partial Regex ErrorLine();
}
