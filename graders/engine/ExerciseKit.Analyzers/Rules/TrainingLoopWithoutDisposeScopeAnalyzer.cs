namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK3005: a loop that calls backward() on a tensor but creates no NewDisposeScope() in its body.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrainingLoopWithoutDisposeScopeAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK3005_TrainingLoopWithoutDisposeScope);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Tensor is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var loop = (ILoopOperation)operation.Operation;
                var calls = loop.Body.SelfAndDescendants().OfType<IInvocationOperation>().ToList();
                var trains = calls.Any(c => c.TargetMethod.Name == "backward" && types.IsTensor(c.Instance?.Type));
                if (trains && !calls.Any(c => c.TargetMethod.Name == "NewDisposeScope"))
                {
                    var keyword = loop.Syntax.GetFirstToken().GetLocation();
                    operation.ReportDiagnostic(Diagnostic.Create(Descriptors.EK3005_TrainingLoopWithoutDisposeScope, keyword));
                }
            },
            OperationKind.Loop
        );
    }
}
