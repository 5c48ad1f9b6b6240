using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK4001 stream by stream: draining one pipe does not drain the other.</summary>
public sealed partial class WaitForExitBeforeReadingOutputAnalyzerTests
{
    [Fact]
    public Task Waiting_before_one_of_the_pipes_is_read_is_reported_even_if_the_other_was_read_first() =>
        AnalyzerHarness.VerifyAsync(
            new WaitForExitBeforeReadingOutputAnalyzer(),
            """
            using System.Diagnostics;

            public static class HalfDrained
            {
                public static string StderrTouchedFirst(Process child)
                {
                    var errors = child.StandardError.ReadToEndAsync();
                    [|child.WaitForExit()|];
                    return child.StandardOutput.ReadToEnd() + errors.Result;
                }

                public static string StderrEventsOnly(Process child)
                {
                    child.BeginErrorReadLine();
                    [|child.WaitForExit()|];
                    return child.StandardOutput.ReadToEnd();
                }

                public static string ReaderKeptButNotRead(Process child)
                {
                    var reader = child.StandardOutput;
                    [|child.WaitForExit()|];
                    return reader.ReadToEnd();
                }

                public static string StderrAfterTheWait(Process child)
                {
                    var output = child.StandardOutput.ReadToEnd();
                    [|child.WaitForExit()|];
                    return output + child.StandardError.ReadToEnd();
                }
            }
            """
        );

    [Fact]
    public Task Draining_every_pipe_that_is_read_before_waiting_is_fine() =>
        AnalyzerHarness.VerifyAsync(
            new WaitForExitBeforeReadingOutputAnalyzer(),
            """
            using System.Diagnostics;
            using System.Text;

            public static class Drained
            {
                public static string BothStartedBeforeTheWait(Process child)
                {
                    var errors = child.StandardError.ReadToEndAsync();
                    var output = child.StandardOutput.ReadToEnd();
                    child.WaitForExit();
                    return output + errors.Result;
                }

                public static string Events(Process child)
                {
                    var output = new StringBuilder();
                    child.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
                    child.ErrorDataReceived += (_, e) => { };
                    child.BeginOutputReadLine();
                    child.BeginErrorReadLine();
                    child.WaitForExit();
                    return output.ToString();
                }

                public static async Task<string> Awaited(Process child)
                {
                    var output = child.StandardOutput.ReadToEndAsync();
                    var errors = child.StandardError.ReadToEndAsync();
                    await child.WaitForExitAsync();
                    return await output + await errors;
                }

                public static async Task Copied(Process child, Stream sink)
                {
                    await child.StandardOutput.BaseStream.CopyToAsync(sink);
                    await child.WaitForExitAsync();
                }

                public static List<string> LineByLine(Process child)
                {
                    var lines = new List<string>();
                    using var reader = child.StandardOutput;
                    while (reader.ReadLine() is { } line)
                    {
                        lines.Add(line);
                    }

                    child.WaitForExit();
                    return lines;
                }

                public static (string, string) TwoChildren(Process first, Process second)
                {
                    var a = first.StandardOutput.ReadToEnd();
                    first.WaitForExit();
                    var b = second.StandardOutput.ReadToEnd();
                    second.WaitForExit();
                    return (a, b);
                }

                public static int ExitCodeOnly(Process child)
                {
                    child.WaitForExit();
                    return child.ExitCode;
                }
            }
            """
        );
}
