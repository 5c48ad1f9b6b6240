namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK3001: a module (new Conv2d(…) or a torch.nn factory such as Conv2d(…)) created inside forward.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModuleCreatedInForwardAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK3001_ModuleCreatedInForward);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Module is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                if (!operation.ContainingSymbol.OwningMember().IsForwardOfModule(types))
                {
                    return;
                }

                var created = operation.Operation switch
                {
                    IObjectCreationOperation creation when types.IsModule(creation.Type) => creation.Type,
                    IInvocationOperation { TargetMethod.IsStatic: true } factory
                        when types.IsModule(factory.TargetMethod.ReturnType) && IsTorchNn(factory.TargetMethod.ContainingType) => factory
                        .TargetMethod
                        .ReturnType,
                    _ => null,
                };
                if (created is not null)
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK3001_ModuleCreatedInForward, operation.Operation.Syntax.GetLocation(), created.Name)
                    );
                }
            },
            OperationKind.ObjectCreation,
            OperationKind.Invocation
        );
    }

    private static bool IsTorchNn(INamedTypeSymbol? type) => type?.ToDisplayString() == "TorchSharp.torch.nn";
}
