using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK4002 on processes disposed through another name than the one they were created into.</summary>
public sealed partial class ProcessNotDisposedAnalyzerTests
{
    [Fact]
    public Task A_process_disposed_through_a_pattern_variable_or_an_alias_is_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new ProcessNotDisposedAnalyzer(),
            """
            using System.Diagnostics;

            public sealed class Aliases : IDisposable
            {
                private Process? running;

                public static void PropertyPattern(ProcessStartInfo info)
                {
                    var child = Process.Start(info);
                    if (child is { } p)
                    {
                        p.WaitForExit();
                        p.Dispose();
                    }
                }

                public static void TypePattern(ProcessStartInfo info)
                {
                    var child = Process.Start(info);
                    if (child is Process p)
                    {
                        try
                        {
                            p.WaitForExit();
                        }
                        finally
                        {
                            p.Dispose();
                        }
                    }
                }

                public static int StartedIntoAPattern(ProcessStartInfo info)
                {
                    if (Process.Start(info) is not { } child)
                    {
                        throw new InvalidOperationException("not started");
                    }

                    using (child)
                    {
                        child.WaitForExit();
                        return child.ExitCode;
                    }
                }

                public static void UsingOnAnAlias(ProcessStartInfo info)
                {
                    var started = Process.Start(info) ?? throw new InvalidOperationException();
                    using var owned = started;
                    owned.WaitForExit();
                }

                public static void FinallyThroughAnotherLocal(ProcessStartInfo info)
                {
                    Process? current = null;
                    try
                    {
                        var child = new Process { StartInfo = info };
                        current = child;
                        child.Start();
                        child.WaitForExit();
                    }
                    finally
                    {
                        current?.Dispose();
                    }
                }

                public void FinallyThroughAField(ProcessStartInfo info)
                {
                    var child = Process.Start(info)!;
                    running = child;
                    try
                    {
                        child.WaitForExit();
                    }
                    finally
                    {
                        running?.Dispose();
                        running = null;
                    }
                }

                public static void ConditionalDispose(ProcessStartInfo info)
                {
                    var child = Process.Start(info);
                    child?.WaitForExit();
                    child?.Dispose();
                }

                public void Dispose()
                {
                    if (running is { } worker)
                    {
                        worker.Kill();
                        worker.Dispose();
                    }
                }
            }

            public sealed class PatternDisposedField : IDisposable
            {
                private Process? worker;

                public void Start(ProcessStartInfo info) => worker = Process.Start(info);

                public void Dispose()
                {
                    if (worker is not { } owned)
                    {
                        return;
                    }

                    owned.Kill(entireProcessTree: true);
                    owned.Dispose();
                }
            }
            """
        );

    [Fact]
    public Task Aliases_that_nobody_disposes_are_still_reported() =>
        AnalyzerHarness.VerifyAsync(
            new ProcessNotDisposedAnalyzer(),
            """
            using System.Diagnostics;

            public static class Forgotten
            {
                public static void PatternOnly(ProcessStartInfo info)
                {
                    var child = [|Process.Start(info)|];
                    if (child is { } p)
                    {
                        p.WaitForExit();
                    }
                }

                public static void AliasOnly(ProcessStartInfo info)
                {
                    var child = [|Process.Start(info)|];
                    var other = child;
                    other?.WaitForExit();
                }

                public static void StartedIntoAPatternAndKept(ProcessStartInfo info)
                {
                    if ([|Process.Start(info)|] is { } child)
                    {
                        child.WaitForExit();
                    }
                }
            }
            """
        );
}
