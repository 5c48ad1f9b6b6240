namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK1001: backward(), requires_grad or torch.autograd in a project that sets the MSBuild property
/// <c>ExerciseKitForbidAutograd</c> (the hand-derived gradient exercise).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AutogradInHandDerivedGradientAnalyzer : KitAnalyzer
{
    public const string SwitchProperty = "build_property.ExerciseKitForbidAutograd";

    private static readonly ImmutableHashSet<string> AutogradMembers = ImmutableHashSet.Create(
        "backward",
        "requires_grad_",
        "requires_grad",
        "grad",
        "retain_grad"
    );

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK1001_AutogradInHandDerivedGradient);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        var forbidden =
            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(SwitchProperty, out var value)
            && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        if (!forbidden || types.Tensor is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var member = operation.Operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IPropertyReferenceOperation property => (ISymbol)property.Property,
                    _ => null,
                };
                if (member is not null && IsAutograd(member, types))
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK1001_AutogradInHandDerivedGradient,
                            operation.Operation.Syntax.GetLocation(),
                            member.Name
                        )
                    );
                }
            },
            OperationKind.Invocation,
            OperationKind.PropertyReference
        );
    }

    private static bool IsAutograd(ISymbol member, KnownTypes types)
    {
        for (var owner = member.ContainingType; owner is not null; owner = owner.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(owner, types.Autograd))
            {
                return true;
            }
        }

        return AutogradMembers.Contains(member.Name) && types.IsTensor(member.ContainingType);
    }
}
