using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Grading;

/// <summary>
/// Two tests no grader declares, run through xunit's own pipeline (collection, class, method, test; a pass and a
/// failure) while the learner's code compiles: the first run of each stage costs a grader tens of milliseconds of JIT.
/// Their messages go nowhere: no reporter, result file or verdict ever sees them.
/// </summary>
public sealed class PipelineWarmUp
{
    [Fact]
    public void Passes() { }

    [Fact]
    public void Fails() => throw new GradingFailure("warming up xunit's failure path");

    internal static async ValueTask RunAsync(ITestFrameworkExecutor executor, Assembly graders, ITestFrameworkExecutionOptions options)
    {
        var assembly = new XunitTestAssembly(graders, null, null, "exercisekit-warm-up-assembly");
        var collection = new XunitTestCollection(assembly, null, false, "ExerciseKit warm-up", "exercisekit-warm-up");
        var testClass = new XunitTestClass(typeof(PipelineWarmUp), collection, "exercisekit-warm-up-class");
        var cases = new[] { nameof(Passes), nameof(Fails) }
            .Select(name => new XunitTestCase(
                new XunitTestMethod(testClass, typeof(PipelineWarmUp).GetMethod(name)!, [], "exercisekit-warm-up-" + name),
                name,
                "exercisekit-warm-up-case-" + name,
                @explicit: false
            ))
            .ToArray();
        await executor.RunTestCases(cases, new Nowhere(), options);
    }

    private sealed class Nowhere : IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message) => true;
    }
}
