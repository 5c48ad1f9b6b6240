// Compiled into every exercise's grader project (graders/Directory.Build.targets), not into ExerciseKit.Grading: it
// needs the grader's own xunit runner and the extensions list the testing platform generates for that project.

namespace ExerciseKit.Graders;

/// <summary>
/// The grader's Main, in place of the one xunit generates: the same two ways in (the testing platform for `dotnet
/// test`, xunit's console runner for the grading host), plus a session that grades several exercises in one process.
/// </summary>
internal static class GraderEntryPoint
{
    public static int Main(string[] args)
    {
        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
        {
            return Xunit
                .MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions)
                .GetAwaiter()
                .GetResult();
        }
        if (!args.Contains("-list"))
        {
            // The subject's runtime and libraries load beside the graders' own start, not after it.
            ExerciseKit.Grading.Boundary.SubjectProcess.Prestart();
        }
        if (args.Contains(ExerciseKit.Grading.GraderSession.Argument))
        {
            return ExerciseKit.Grading.GraderSession.Run(args, RunOnce);
        }
        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }

    private static int RunOnce(System.Reflection.Assembly? graders, string[] args)
    {
        using var runner = new Xunit.Runner.InProc.SystemConsole.ConsoleRunner(args, graders);
        return runner.EntryPoint(TextReader.Null, Console.Out).GetAwaiter().GetResult();
    }
}
