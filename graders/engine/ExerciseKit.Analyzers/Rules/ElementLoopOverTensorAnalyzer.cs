namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK1003: tensor.item() inside a loop — element-by-element arithmetic that one tensor operation would do.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ElementLoopOverTensorAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK1003_ElementLoopOverTensor);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Tensor is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (
                    invocation.TargetMethod.Name == "item"
                    && types.IsTensor(invocation.Instance?.Type)
                    && invocation.EnclosingLoop() is not null
                )
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK1003_ElementLoopOverTensor, invocation.Syntax.GetLocation())
                    );
                }
            },
            OperationKind.Invocation
        );
    }
}
