namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK4004: Channel.CreateUnbounded, or a BlockingCollection created without a bounded capacity. An unbounded channel
/// whose every write waits first on a semaphore that the type releases is bounded after all (see
/// <see cref="SemaphoreBoundedChannels"/>), so it is judged once the whole type has been seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedQueueAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4004_UnboundedQueue);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        start.RegisterSymbolStartAction(
            type =>
            {
                var channels = new SemaphoreBoundedChannels();
                type.RegisterOperationBlockAction(block =>
                {
                    // A nested type is analysed on its own.
                    if (!SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type.Symbol))
                    {
                        return;
                    }

                    var operations = block.OperationBlocks.SelectMany(b => b.SelfAndDescendants()).ToList();
                    foreach (var operation in operations)
                    {
                        var unbounded = Unbounded(operation, types);
                        if (unbounded is "Channel.CreateUnbounded" && channels.TryTrack(operation))
                        {
                            continue;
                        }

                        if (unbounded is not null)
                        {
                            block.ReportDiagnostic(
                                Diagnostic.Create(Descriptors.EK4004_UnboundedQueue, operation.Syntax.GetLocation(), unbounded)
                            );
                        }
                    }

                    channels.Collect(operations);
                });
                type.RegisterSymbolEndAction(end =>
                {
                    foreach (var where in channels.Unbounded())
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4004_UnboundedQueue, where, "Channel.CreateUnbounded"));
                    }
                });
            },
            SymbolKind.NamedType
        );
    }

    private static string? Unbounded(IOperation operation, KnownTypes types) =>
        operation switch
        {
            IInvocationOperation { TargetMethod.Name: "CreateUnbounded" } call
                when SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, types.Channel) => "Channel.CreateUnbounded",
            IObjectCreationOperation creation
                when KnownTypes.Inherits(creation.Type, types.BlockingCollection)
                    && !creation.Arguments.Any(a => a.Parameter?.Name == "boundedCapacity") => "BlockingCollection",
            _ => null,
        };
}
