namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK4005: task.Result, task.Wait() or GetAwaiter().GetResult() inside an async method, lambda or local function.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitInAsyncAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4005_BlockingWaitInAsync);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Task is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                if (!operation.Operation.IsInAsyncCode(operation.ContainingSymbol))
                {
                    return;
                }

                var blocking = operation.Operation switch
                {
                    IPropertyReferenceOperation { Property.Name: "Result" } result
                        when KnownTypes.Inherits(result.Property.ContainingType, types.Task) => ".Result",
                    IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAll" } wait
                        when KnownTypes.Inherits(wait.TargetMethod.ContainingType, types.Task) => $".{wait.TargetMethod.Name}()",
                    IInvocationOperation
                    {
                        TargetMethod.Name: "GetResult",
                        Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter" }
                    } => ".GetAwaiter().GetResult()",
                    _ => null,
                };
                if (blocking is not null)
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK4005_BlockingWaitInAsync, operation.Operation.Syntax.GetLocation(), blocking)
                    );
                }
            },
            OperationKind.PropertyReference,
            OperationKind.Invocation
        );
    }
}
