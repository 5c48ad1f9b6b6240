using System.Reflection;
using ExerciseKit.Grading.Boundary;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Grading;

/// <summary>
/// xunit's framework for a grader process (the judge). It never runs learner code, so its results need no
/// protection: the learner's code runs in the subject process, which the entry point starts and each run's end stops
/// (the next run's first call starts another). A host that starts the
/// grader ahead of its grade (<see cref="WaitVariable"/>) gets the warm-up done while the learner's code compiles,
/// then sends one line when that code is final.
/// </summary>
public sealed class JudgeTestFramework : XunitTestFramework
{
    /// <summary>Set by a host that starts the grader before the learner's assembly is final: wait for a line on standard input.</summary>
    public const string WaitVariable = "EXERCISEKIT_WAIT";

    public JudgeTestFramework() { }

    public JudgeTestFramework(string? configFileName)
        : base(configFileName) { }

    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly) =>
        new JudgeExecutor(base.CreateExecutor(assembly), assembly);

    private sealed class JudgeExecutor(ITestFrameworkExecutor inner, Assembly graders) : ITestFrameworkExecutor, IAsyncDisposable
    {
        public async ValueTask RunTestCases(
            IReadOnlyCollection<ITestCase> testCases,
            IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions,
            CancellationToken? cancellationToken = null
        )
        {
            if (GraderSession.IsActive ? GraderSession.TakeFirstRunWait() : TakeWait())
            {
                await GraderWarmUp.RunAsync(inner, graders, executionOptions);
                _ = Console.In.ReadLine(); // the learner's assembly is final
            }
            try
            {
                await inner.RunTestCases(testCases, executionMessageSink, executionOptions, cancellationToken);
            }
            finally
            {
                SubjectProcess.Restart(null);
            }
        }

        public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

        private static bool TakeWait()
        {
            var wait = Environment.GetEnvironmentVariable(WaitVariable) == "1";
            Environment.SetEnvironmentVariable(WaitVariable, null);
            return wait;
        }
    }
}
