namespace ExerciseKit.Analyzers;

/// <summary>
/// What every kit analyzer does the same way: concurrent, generated code skipped, and the library types resolved
/// once per compilation before the rule registers its actions.
/// </summary>
public abstract class KitAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => Register(start, new KnownTypes(start.Compilation)));
    }

    /// <summary>Registers the rule's actions; return without registering when the compilation lacks what the rule is about.</summary>
    protected abstract void Register(CompilationStartAnalysisContext start, KnownTypes types);
}
