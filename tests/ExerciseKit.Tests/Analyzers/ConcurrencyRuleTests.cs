using ExerciseKit.Analyzers.CodeFixes;
using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

public sealed partial class WaitForExitBeforeReadingOutputAnalyzerTests
{
    [Fact]
    public Task Waiting_before_draining_the_pipe_is_reported_but_draining_first_is_not() =>
        AnalyzerHarness.VerifyAsync(
            new WaitForExitBeforeReadingOutputAnalyzer(),
            """
            using System.Diagnostics;

            public static class Children
            {
                public static string Deadlocks(Process child)
                {
                    [|child.WaitForExit()|];
                    return child.StandardOutput.ReadToEnd();
                }

                public static string Drains(Process child)
                {
                    var output = child.StandardOutput.ReadToEnd();
                    child.WaitForExit();
                    return output;
                }
            }
            """
        );
}

public sealed partial class ProcessNotDisposedAnalyzerTests
{
    [Fact]
    public Task A_process_nobody_disposes_is_reported() =>
        AnalyzerHarness.VerifyAsync(
            new ProcessNotDisposedAnalyzer(),
            """
            using System;
            using System.Diagnostics;

            public sealed class Launcher
            {
                private Process? owned;

                public static void Forgets()
                {
                    var child = [|Process.Start("true")|];
                    child?.WaitForExit();
                }

                public static void Disposes()
                {
                    using var child = Process.Start("true");
                    child?.WaitForExit();
                }

                public static Process? HandsOver() => Process.Start("true");

                public void Keeps() => owned = new Process();

                public void KeepsOrThrows() => owned = Process.Start("true") ?? throw new InvalidOperationException();

                public static void ForgetsOrThrows()
                {
                    var child = [|Process.Start("true")|] ?? throw new InvalidOperationException();
                    child.WaitForExit();
                }

                public void Dispose() => owned?.Dispose();
            }

            public sealed class Keeper
            {
                private Process? kept;
                private Process? alsoKept;

                public void Keeps() => kept = [|Process.Start("true")|];

                public void KeepsThroughALocal()
                {
                    var child = [|new Process()|];
                    alsoKept = child;
                }

                public void Kill() => kept?.Kill();
            }
            """
        );

    [Fact]
    public Task The_fix_declares_the_process_with_using() =>
        CodeFixHarness.VerifyAsync(
            new ProcessNotDisposedAnalyzer(),
            new ProcessNotDisposedCodeFixProvider(),
            "public static class L { public static void Run() { var child = Process.Start(\"true\"); child?.WaitForExit(); } }",
            "public static class L { public static void Run() { using var child = Process.Start(\"true\"); child?.WaitForExit(); } }"
        );
}

public sealed class PollingWithSleepAnalyzerTests
{
    [Fact]
    public Task Sleeping_in_a_loop_is_reported_but_a_single_pause_is_not() =>
        AnalyzerHarness.VerifyAsync(
            new PollingWithSleepAnalyzer(),
            """
            public static class Waiting
            {
                public static void Polls(Func<bool> done)
                {
                    while (!done()) [|Thread.Sleep(10)|];
                }

                public static void Pauses() => Thread.Sleep(10);
            }
            """
        );
}

public sealed partial class UnboundedQueueAnalyzerTests
{
    [Fact]
    public Task Unbounded_queues_are_reported_but_bounded_ones_are_not() =>
        AnalyzerHarness.VerifyAsync(
            new UnboundedQueueAnalyzer(),
            """
            using System.Collections.Concurrent;
            using System.Threading.Channels;

            public static class Queues
            {
                public static Channel<int> Open() => [|Channel.CreateUnbounded<int>()|];
                public static BlockingCollection<int> Blocking() => [|new BlockingCollection<int>()|];
                public static Channel<int> Bounded() => Channel.CreateBounded<int>(8);
                public static BlockingCollection<int> BoundedBlocking() => new BlockingCollection<int>(boundedCapacity: 8);
            }
            """
        );

    [Fact]
    public Task The_fix_bounds_the_channel() =>
        CodeFixHarness.VerifyAsync(
            new UnboundedQueueAnalyzer(),
            new UnboundedQueueCodeFixProvider(),
            "public static class Q { public static Channel<int> Open() => Channel.CreateUnbounded<int>(); }",
            "public static class Q { public static Channel<int> Open() => Channel.CreateBounded<int>(16); }"
        );
}

public sealed class BlockingWaitInAsyncAnalyzerTests
{
    [Fact]
    public Task Blocking_on_a_task_inside_async_code_is_reported() =>
        AnalyzerHarness.VerifyAsync(
            new BlockingWaitInAsyncAnalyzer(),
            """
            public static class Waits
            {
                public static async Task<int> Blocks(Task<int> work, Task other)
                {
                    [|other.Wait()|];
                    await Task.Yield();
                    return [|work.Result|] + [|work.GetAwaiter().GetResult()|];
                }

                public static Func<Task<int>> Lambda(Task<int> work) => async () => { await Task.Yield(); return [|work.Result|]; };

                public static async Task<int> Awaits(Task<int> work) => await work;

                public static int Synchronous(Task<int> work) => work.Result;
            }
            """
        );
}

public sealed class LockOnThisAnalyzerTests
{
    [Fact]
    public Task Locking_this_is_reported_but_a_private_gate_is_not() =>
        AnalyzerHarness.VerifyAsync(
            new LockOnThisAnalyzer(),
            """
            public sealed class Counter
            {
                private readonly object gate = new();
                private int count;

                public void Exposed() { lock ([|this|]) { count++; } }

                public void Private() { lock (gate) { count++; } }
            }
            """
        );
}

public sealed class ApiNotAllowedAnalyzerTests
{
    [Fact]
    public Task Reflection_interop_exiting_hooks_standard_streams_and_network_are_reported() =>
        AnalyzerHarness.VerifyAsync(
            new ApiNotAllowedAnalyzer(),
            """
            using System;
            using System.Reflection;
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;

            public static class Sneaky
            {
                public static object? Peek(Type grader)
                {
                    var field = [|grader.GetField("expected", BindingFlags.NonPublic | BindingFlags.Static)|]!;
                    return [|field.GetValue(null)|];
                }

                public static void Leave() => [|Environment.Exit(0)|];

                public static Type? Find() => [|Type.GetType("ExerciseKit.Graders.Secret")|];

                public static void Hook()
                {
                    var domain = [|AppDomain.CurrentDomain|];
                    [|domain.ProcessExit|] += (_, _) => { };
                }

                public static IntPtr Raw(int size) => [|Marshal.AllocHGlobal(size)|];

                public static object Net() => [|new System.Net.Sockets.TcpClient()|];

                [[|ModuleInitializer|]]
                public static void Early() { }

                [DllImport("libc")]
                public static extern int [|getpid|]();

                public static string? Ask() => [|Console.ReadLine()|];

                public static void Answer() => [|Console.SetIn(new System.IO.StringReader("go"))|];

                public static void Silence() => [|Console.SetOut(System.IO.TextWriter.Null)|];
            }

            public static class Honest
            {
                public static double Mean(double[] values) => values.Length == 0 ? 0 : System.Linq.Enumerable.Average(values);

                public static Type What(object value) => value.GetType();

                public static string Which(Exception error) => $"{error.GetType().Name}: {error.Message} ({error.GetType().FullName})";

                public static Span<byte> Bytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan());

                public static void Say(string text) => Console.WriteLine(text);
            }
            """
        );
}
