using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Grading;

/// <summary>
/// Signs every passed test, so that the grading host can tell a pass the framework reported from one that learner
/// code running in the same process forged (a rewritten result file, text printed to look like a result). The host
/// writes a fresh random key to the grader's stdin and names a file in <see cref="FileVariable"/>; this framework
/// reads the key once, before any test (and so any learner code) runs, and appends HMAC-SHA256(key, test name) for
/// each test xunit reports as passed. Without the variable (an IDE, `dotnet test`) nothing is read or written.
/// </summary>
public sealed class SigningTestFramework : XunitTestFramework
{
    public const string FileVariable = "EXERCISEKIT_VERDICTS";

    /// <summary>
    /// Set by a host that starts the grader before the learner's assembly is final (a warm start): names that
    /// assembly, which must not be loaded yet when the key arrives, or this run would grade the previous build.
    /// </summary>
    public const string NotYetLoadedVariable = "EXERCISEKIT_NOT_YET_LOADED";

    /// <summary>What the verdict file holds instead of signatures when a warm start loaded the learner's code too early.</summary>
    public const string StaleMarker = "stale: the learner's assembly was loaded before the key arrived";

    public SigningTestFramework() { }

    public SigningTestFramework(string? configFileName)
        : base(configFileName) { }

    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly) =>
        new SigningExecutor(base.CreateExecutor(assembly), assembly);

    /// <summary>The host's side: the line a passed test's verdict file holds.</summary>
    public static string Signature(byte[] key, string testName) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(testName)));

    private sealed class SigningExecutor(ITestFrameworkExecutor inner, Assembly graders) : ITestFrameworkExecutor, IAsyncDisposable
    {
        public async ValueTask RunTestCases(
            IReadOnlyCollection<ITestCase> testCases,
            IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions,
            CancellationToken? cancellationToken = null
        )
        {
            if (
                GraderSession.IsActive
                    ? GraderSession.IsFirstRunWaiting
                    : !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(FileVariable))
            )
            {
                await GraderWarmUp.RunAsync(inner, graders, executionOptions); // a host's key is coming: get ready meanwhile
            }
            await inner.RunTestCases(
                testCases,
                VerdictLog.Current is { } log ? new SigningSink(executionMessageSink, log) : executionMessageSink,
                executionOptions,
                cancellationToken
            );
        }

        public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }

    private sealed class SigningSink(IMessageSink inner, VerdictLog log) : IMessageSink
    {
        private readonly ConcurrentDictionary<string, string> names = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestStarting starting:
                    names[starting.TestUniqueID] = starting.TestDisplayName;
                    break;
                case ITestPassed passed when names.TryGetValue(passed.TestUniqueID, out var name):
                    log.Passed(name);
                    break;
            }
            return inner.OnMessage(message);
        }
    }

    internal sealed class VerdictLog
    {
        private readonly byte[] key;
        private readonly string path;

        internal VerdictLog(byte[] key, string path) => (this.key, this.path) = (key, path);

        // Read once, when the framework starts the run: before any test, and so before any learner code. Lazy, not a
        // static initializer, which the runtime may run early: the warm-up before it must not wait for the key.
        private static readonly Lazy<VerdictLog?> Log = new(Open);

        public static VerdictLog? Current => GraderSession.IsActive ? GraderSession.CurrentLog() : Log.Value;

        public void Passed(string testName)
        {
            lock (this)
            {
                File.AppendAllText(path, Signature(key, testName) + "\n");
            }
        }

        internal static bool IsLoaded(string? assemblyName) =>
            assemblyName is { Length: > 0 } && AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == assemblyName);

        private static VerdictLog? Open()
        {
            var path = Environment.GetEnvironmentVariable(FileVariable);
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }
            Environment.SetEnvironmentVariable(FileVariable, null);
            var line = Console.In.ReadLine() ?? "";
            if (IsLoaded(Environment.GetEnvironmentVariable(NotYetLoadedVariable)))
            {
                File.WriteAllText(path, StaleMarker + "\n");
                Environment.Exit(0); // the host discards this run and starts a cold one
            }
            return new VerdictLog(Convert.FromHexString(line.Trim()), path);
        }
    }
}
