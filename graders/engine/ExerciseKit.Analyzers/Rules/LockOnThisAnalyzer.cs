namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK4006: lock (this).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockOnThisAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4006_LockOnThis);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types) =>
        start.RegisterOperationAction(
            operation =>
            {
                var locked = ((ILockOperation)operation.Operation).LockedValue.WithoutConversions();
                if (locked is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
                {
                    operation.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4006_LockOnThis, locked.Syntax.GetLocation()));
                }
            },
            OperationKind.Lock
        );
}
