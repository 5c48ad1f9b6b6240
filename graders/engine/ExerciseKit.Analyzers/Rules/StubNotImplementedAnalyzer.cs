namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK0001: a member still throws NotImplementedException — the learner's to-do list, right in the IDE.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StubNotImplementedAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK0001_StubNotImplemented);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        var notImplemented = start.Compilation.GetTypeByMetadataName("System.NotImplementedException");
        if (notImplemented is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var thrown = ((IThrowOperation)operation.Operation).Exception?.WithoutConversions();
                if (thrown is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, notImplemented))
                {
                    var member = operation.ContainingSymbol.OwningMember();
                    operation.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK0001_StubNotImplemented,
                            operation.Operation.Syntax.GetLocation(),
                            member?.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)
                        )
                    );
                }
            },
            OperationKind.Throw
        );
    }
}
