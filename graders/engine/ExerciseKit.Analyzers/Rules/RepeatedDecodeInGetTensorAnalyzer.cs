namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK2003: a dataset's GetTensor that opens or decodes the same file more than once for one item (for example once
/// to learn the size, once for the pixels). The second read is reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RepeatedDecodeInGetTensorAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK2003_RepeatedDecodeInGetTensor);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Dataset is null)
        {
            return;
        }

        start.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol { Name: "GetTensor" } method || !types.IsDataset(method.ContainingType))
            {
                return;
            }

            var reads = block
                .OperationBlocks.SelectMany(b => b.SelfAndDescendants())
                .OfType<IInvocationOperation>()
                .Where(i => EagerReadInDatasetAnalyzer.Reads(i.TargetMethod, types) && i.Arguments.Length > 0)
                .GroupBy(i => i.Arguments[0].Value.WithoutConversions().Syntax.ToString());
            foreach (var repeated in reads.Where(g => g.Count() > 1))
            {
                foreach (var again in repeated.OrderBy(i => i.Syntax.SpanStart).Skip(1))
                {
                    block.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK2003_RepeatedDecodeInGetTensor, again.Syntax.GetLocation(), repeated.Key)
                    );
                }
            }
        });
    }
}
