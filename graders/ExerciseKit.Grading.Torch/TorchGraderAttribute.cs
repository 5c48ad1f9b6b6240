using System.Reflection;
using Xunit.v3;
using static TorchSharp.torch;

namespace ExerciseKit.Grading.Torch;

/// <summary>
/// Marks a TorchSharp grader assembly (added by graders/Directory.Build.targets when a grader sets
/// <c>UsesTorch</c>). Being an assembly attribute, it loads before any test runs, so the oneDNN cap is in place
/// before libtorch starts. With <see cref="AuditVariable"/> set to 1, every test must dispose every tensor it
/// created: the kit's own tests run the reference solutions that way.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TorchGraderAttribute : BeforeAfterTestAttribute
{
    public const string AuditVariable = "EXERCISEKIT_AUDIT_TENSORS";

    private static readonly bool Audit = Environment.GetEnvironmentVariable(AuditVariable) == "1";

    [ThreadStatic]
    private static long liveBefore;

    public TorchGraderAttribute() => OneDnnIsaCap.Apply();

    public override void Before(MethodInfo methodUnderTest, IXunitTest test) => liveBefore = Tensor.TotalCount;

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        var leaked = Tensor.TotalCount - liveBefore;
        if (Audit && leaked > 0)
        {
            throw new InvalidOperationException(
                $"{methodUnderTest.Name} left {leaked} tensor(s) alive: wrap the grader in NewDisposeScope() or dispose what it creates."
            );
        }
    }
}
