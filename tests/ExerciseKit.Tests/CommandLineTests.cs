using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>Bad input on the command line: one line on standard error and exit code 2, never a stack trace.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("ek-cli-");

    public CommandLineTests() => Directory.CreateDirectory(Path.Combine(work.FullName, "class", "alice"));

    public void Dispose() => work.Delete(recursive: true);

    private string Class => Path.Combine(work.FullName, "class");

    public static TheoryData<string> Cases =>
        [
            "grade-batch {class} --out {work}/out -j abc",
            "grade-batch {class} --out {work}/out --jobs 0",
            "grade-batch {class} --out {work}/a-file",
            "grade-batch {class} --out /proc/exercisekit-out",
            "grade-batch {class} --out {work}/out --shard 3/2",
            "grade 01-logistic-regression --format junit --out /proc/exercisekit.xml",
            "grade 01-logistic-regression --format junit --out {work}",
            "grade 01-logistic-regression --format yaml",
            "merge {work}/missing.csv --out {work}/merged.csv",
            "check 99-no-such-exercise",
            "no-such-command",
        ];

    [Theory, MemberData(nameof(Cases))]
    public async Task Bad_input_gets_one_line_and_exit_code_2(string command)
    {
        File.WriteAllText(Path.Combine(work.FullName, "a-file"), "");
        var arguments = command.Replace("{class}", Class).Replace("{work}", work.FullName).Split(' ');

        var run = await ProcessRunner.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "exercisekit.dll"), .. arguments],
            TimeSpan.FromMinutes(2),
            workingDirectory: Kit.Layout.Root,
            cancellation: TestContext.Current.CancellationToken
        );

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}\n{run.StandardOutput}\n{run.StandardError}");
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.StandardError);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", run.StandardError + run.StandardOutput);
        Assert.False(Directory.Exists(Path.Combine(work.FullName, "out", "feedback")));
    }
}
