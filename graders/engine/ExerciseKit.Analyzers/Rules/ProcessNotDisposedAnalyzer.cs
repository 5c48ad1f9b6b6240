using System.Collections.Concurrent;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK4002: a Process created (new Process / Process.Start) that nobody disposes: a local that is neither declared
/// with using, disposed, returned nor handed on; or a field of the type that no member of the type disposes. The
/// process is followed through other locals and pattern variables it is copied into (see <see cref="ProcessAliases"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessNotDisposedAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4002_ProcessNotDisposed);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Process is not { } process)
        {
            return;
        }

        start.RegisterSymbolStartAction(
            type =>
            {
                // A field is only as good as its owner: remember where processes went into fields and which fields get disposed.
                var storedInFields = new ConcurrentBag<(IFieldSymbol Field, Location Where)>();
                var disposedFields = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);

                type.RegisterOperationBlockAction(block =>
                {
                    var operations = block.OperationBlocks.SelectMany(b => b.SelfAndDescendants()).ToList();
                    foreach (var creation in operations.Where(o => Creates(o, types)))
                    {
                        var fate = ProcessAliases.Follow(creation, operations, process);
                        if (fate.Released)
                        {
                            continue;
                        }

                        if (fate.Field is not null)
                        {
                            storedInFields.Add((fate.Field, creation.Syntax.GetLocation()));
                        }
                        else
                        {
                            block.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4002_ProcessNotDisposed, creation.Syntax.GetLocation()));
                        }
                    }
                    var released = operations
                        .OfType<IFieldReferenceOperation>()
                        .Where(r => ProcessAliases.Follow(r, operations, process).Released);
                    foreach (var reference in released)
                    {
                        disposedFields[reference.Field] = true;
                    }
                });

                type.RegisterSymbolEndAction(end =>
                {
                    foreach (var (field, where) in storedInFields.Where(s => !disposedFields.ContainsKey(s.Field)))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4002_ProcessNotDisposed, where));
                    }
                });
            },
            SymbolKind.NamedType
        );
    }

    private static bool Creates(IOperation operation, KnownTypes types) =>
        operation switch
        {
            IObjectCreationOperation creation => SymbolEqualityComparer.Default.Equals(creation.Type, types.Process),
            IInvocationOperation { TargetMethod: { Name: "Start", IsStatic: true } start } => SymbolEqualityComparer.Default.Equals(
                start.ContainingType,
                types.Process
            ),
            _ => false,
        };
}
