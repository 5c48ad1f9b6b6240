using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Grading;

/// <summary>
/// Implemented by an assembly attribute of a grader (for example TorchGraderAttribute): start-up work that needs no
/// learner code, done while a grader started ahead of its grade waits for its key. It must not touch the learner's
/// types: the framework refuses the run if the learner's assembly was loaded before the key arrived.
/// </summary>
public interface IGraderWarmUp
{
    void WarmUp();
}

/// <summary>
/// What a grader process does while a warm start waits for its key (and a cold one just before reading it): the
/// first pass through xunit's pipeline, the first failure report and, for TorchSharp graders, loading libtorch cost
/// hundreds of milliseconds that would otherwise come after the learner's code is ready.
/// </summary>
public static class GraderWarmUp
{
    private static volatile bool warmingUp;

    /// <summary>
    /// True while the warm-up runs, before the key: xunit makes the grader's assembly fixtures for it too, and one that
    /// uses learner code must leave it for the graded run (made after the key) or the run is refused as stale.
    /// </summary>
    public static bool IsWarmingUp => warmingUp;

    internal static async ValueTask RunAsync(ITestFrameworkExecutor executor, Assembly graders, ITestFrameworkExecutionOptions options)
    {
        warmingUp = true;
        try
        {
            await WarmUpAsync(executor, graders, options);
        }
        finally
        {
            warmingUp = false;
        }
    }

    private static async ValueTask WarmUpAsync(ITestFrameworkExecutor executor, Assembly graders, ITestFrameworkExecutionOptions options)
    {
        foreach (var data in graders.GetCustomAttributesData().Where(d => d.AttributeType.IsAssignableTo(typeof(IGraderWarmUp))))
        {
            foreach (var warmUp in graders.GetCustomAttributes(data.AttributeType, inherit: false).OfType<IGraderWarmUp>())
            {
                try
                {
                    warmUp.WarmUp();
                }
                catch (Exception)
                {
                    // Only time was to be saved: the first test that needs the same thing meets the failure and reports it.
                }
            }
        }
        await PipelineWarmUp.RunAsync(executor, graders, options);
    }
}

/// <summary>
/// Two tests no grader declares, run through xunit's own pipeline (collection, class, method, test; a pass and a
/// failure) before the key arrives: the first run of each stage costs a grader tens of milliseconds of JIT.
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
