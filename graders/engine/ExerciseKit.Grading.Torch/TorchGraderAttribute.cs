using System.Reflection;
using ExerciseKit.Boundary;
using ExerciseKit.Boundary.Torch;
using Xunit.v3;
using static TorchSharp.torch;

namespace ExerciseKit.Grading.Torch;

/// <summary>
/// Marks a TorchSharp grader assembly (added by graders/Directory.Build.targets when a grader sets
/// <c>UsesTorch</c>). Being an assembly attribute, it loads before any test runs, so the native settings of <see cref="TorchNativeEnvironment"/> are in place
/// before libtorch starts. With <see cref="AuditVariable"/> set to 1, no test may leave more live tensors behind
/// than it found (counted after a full garbage collection, because TorchSharp's own module initialisation leaves
/// unreachable temporaries to the finalizer): the kit's own tests run the reference solutions that way.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TorchGraderAttribute : BeforeAfterTestAttribute, IGraderWarmUp
{
    public const string AuditVariable = "EXERCISEKIT_AUDIT_TENSORS";

    private static readonly bool Audit = Environment.GetEnvironmentVariable(AuditVariable) == "1";

    // Tests run one at a time in a TorchSharp grader (xunit.runner.json), so plain statics are enough.
    private static long liveBefore;
    private static long libraryHeld;

    /// <summary>
    /// Declares tensors TorchSharp itself keeps alive for the rest of the process. Measured with 0.107.0: every
    /// Conv2d or BatchNorm2d constructed leaves 2 tensors reachable after it and its parameters are disposed.
    /// </summary>
    public static void ExpectHeldByTorchSharp(long tensors) => libraryHeld += tensors;

    public TorchGraderAttribute()
    {
        TorchNativeEnvironment.Prepare();
        Wire.Register(new TensorCodec());
    }

    /// <summary>
    /// Loads libtorch and runs a first operation with its backward pass — what every TorchSharp grader needs, nothing
    /// more (a first convolution would cost the exercises without one) — without the random number generator
    /// (graders seed it themselves) and leaving no tensor behind.
    /// </summary>
    public void WarmUp()
    {
        using var scope = NewDisposeScope();
        ones(2, 2, requires_grad: true).sigmoid().sum().backward();
    }

    public override void Before(MethodInfo methodUnderTest, IXunitTest test) =>
        (liveBefore, libraryHeld) = (Audit ? LiveAfterCollection() : 0, 0);

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (!Audit)
        {
            return;
        }

        var leaked = LiveAfterCollection() - liveBefore - libraryHeld;
        if (leaked > 0)
        {
            throw new InvalidOperationException(
                $"{methodUnderTest.Name} left {leaked} tensor(s) alive: something still references tensors the grader created (a static cache, an undisposed module)."
            );
        }
    }

    private static long LiveAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }
}
