namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK4003: Thread.Sleep inside a loop — polling instead of waiting for the event itself.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PollingWithSleepAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4003_PollingWithSleep);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        start.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (
                    invocation.TargetMethod.Name == "Sleep"
                    && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Thread)
                    && invocation.EnclosingLoop() is not null
                )
                {
                    operation.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4003_PollingWithSleep, invocation.Syntax.GetLocation()));
                }
            },
            OperationKind.Invocation
        );
    }
}
