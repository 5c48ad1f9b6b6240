namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK4001: Process.WaitForExit(…) earlier in a method than the first read of a redirected stream of the same process
/// that the method reads. Each pipe counts on its own: draining stderr does not drain stdout. A child that writes more
/// than a pipe's buffer blocks until someone reads it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WaitForExitBeforeReadingOutputAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4001_WaitForExitBeforeReadingOutput);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Process is not { } process)
        {
            return;
        }

        start.RegisterOperationBlockAction(block =>
        {
            var operations = block.OperationBlocks.SelectMany(b => b.SelfAndDescendants()).ToList();
            var reads = PipeReads.In(operations, process);
            if (reads.Count == 0)
            {
                return;
            }

            foreach (var wait in operations.OfType<IInvocationOperation>())
            {
                if (
                    wait.TargetMethod.Name is "WaitForExit" or "WaitForExitAsync"
                    && SymbolEqualityComparer.Default.Equals(wait.TargetMethod.ContainingType, process)
                    && PipeReads.FirstReadsAfter(reads, PipeReads.ProcessOf(wait.Instance), wait.Syntax.SpanStart)
                )
                {
                    block.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4001_WaitForExitBeforeReadingOutput, wait.Syntax.GetLocation()));
                }
            }
        });
    }
}
