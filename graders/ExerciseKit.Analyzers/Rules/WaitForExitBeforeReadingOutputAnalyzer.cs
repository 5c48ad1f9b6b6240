using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK4001: Process.WaitForExit(…) earlier in a method than the first read of the same method's
/// StandardOutput/StandardError. A child that writes more than the pipe buffer blocks until someone reads.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WaitForExitBeforeReadingOutputAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4001_WaitForExitBeforeReadingOutput);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Process is null)
        {
            return;
        }

        start.RegisterOperationBlockAction(block =>
        {
            var operations = block.OperationBlocks.SelectMany(b => b.SelfAndDescendants()).ToList();
            var firstRead = operations
                .OfType<IPropertyReferenceOperation>()
                .Where(p =>
                    p.Property.Name is "StandardOutput" or "StandardError"
                    && SymbolEqualityComparer.Default.Equals(p.Property.ContainingType, types.Process)
                )
                .Select(p => p.Syntax.SpanStart)
                .DefaultIfEmpty(-1)
                .Min();
            if (firstRead < 0)
            {
                return;
            }

            foreach (var wait in operations.OfType<IInvocationOperation>())
            {
                if (
                    wait.TargetMethod.Name is "WaitForExit" or "WaitForExitAsync"
                    && SymbolEqualityComparer.Default.Equals(wait.TargetMethod.ContainingType, types.Process)
                    && wait.Syntax.SpanStart < firstRead
                )
                {
                    block.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4001_WaitForExitBeforeReadingOutput, wait.Syntax.GetLocation()));
                }
            }
        });
    }
}
