namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK3004: softmax or log_softmax inside a module's forward; training with cross_entropy expects logits.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SoftmaxInForwardAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK3004_SoftmaxInForward);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Module is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (
                    invocation.TargetMethod.Name is "softmax" or "log_softmax" or "Softmax" or "LogSoftmax"
                    && operation.ContainingSymbol.OwningMember().IsForwardOfModule(types)
                )
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK3004_SoftmaxInForward,
                            invocation.Syntax.GetLocation(),
                            invocation.TargetMethod.Name
                        )
                    );
                }
            },
            OperationKind.Invocation
        );
    }
}
