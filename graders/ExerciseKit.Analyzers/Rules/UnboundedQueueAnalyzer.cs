using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK4004: Channel.CreateUnbounded, or a BlockingCollection created without a bounded capacity.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedQueueAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4004_UnboundedQueue);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        start.RegisterOperationAction(
            operation =>
            {
                var unbounded = operation.Operation switch
                {
                    IInvocationOperation { TargetMethod.Name: "CreateUnbounded" } call
                        when SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, types.Channel) =>
                        "Channel.CreateUnbounded",
                    IObjectCreationOperation creation
                        when KnownTypes.Inherits(creation.Type, types.BlockingCollection)
                            && !creation.Arguments.Any(a => a.Parameter?.Name == "boundedCapacity") => "BlockingCollection",
                    _ => null,
                };
                if (unbounded is not null)
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK4004_UnboundedQueue, operation.Operation.Syntax.GetLocation(), unbounded)
                    );
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation
        );
    }
}
