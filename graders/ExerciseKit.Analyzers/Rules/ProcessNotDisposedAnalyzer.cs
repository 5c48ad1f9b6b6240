using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK4002: a Process created (new Process / Process.Start) that nobody disposes: a local that is neither declared
/// with using, disposed, returned nor handed on; or a field of the type that no member of the type disposes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessNotDisposedAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK4002_ProcessNotDisposed);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Process is null)
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
                        var owner = Owner(creation, operations);
                        if (owner.Field is not null)
                        {
                            storedInFields.Add((owner.Field, creation.Syntax.GetLocation()));
                        }
                        else if (!owner.Owned)
                        {
                            block.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4002_ProcessNotDisposed, creation.Syntax.GetLocation()));
                        }
                    }
                    foreach (var reference in operations.OfType<IFieldReferenceOperation>().Where(r => IsDisposedOrHandedOn(r)))
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

    /// <summary>Owned: disposed or handed on where this block can see it. Field: stored in a field the type must dispose.</summary>
    private readonly struct Ownership(bool owned, IFieldSymbol? field = null)
    {
        public bool Owned { get; } = owned;

        public IFieldSymbol? Field { get; } = field;
    }

    private static Ownership Owner(IOperation creation, IReadOnlyList<IOperation> block)
    {
        // `Process.Start(info) ?? throw …` still hands the process on.
        var current = creation;
        var parent = creation.Parent;
        while (
            parent is IConversionOperation or IParenthesizedOperation or IObjectOrCollectionInitializerOperation
            || parent is ICoalesceOperation coalesce && coalesce.Value == current
        )
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IUsingOperation or IReturnOperation or IArgumentOperation:
                return new Ownership(owned: true);
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field }:
                return new Ownership(owned: false, field.Field);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation }:
                return new Ownership(owned: true);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                if (IsUsingDeclaration(declarator))
                {
                    return new Ownership(owned: true);
                }

                var uses = block
                    .OfType<ILocalReferenceOperation>()
                    .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol))
                    .ToList();
                var intoField = uses.Select(r => r.Parent?.SkipConversionsUp())
                    .OfType<ISimpleAssignmentOperation>()
                    .Select(a => a.Target)
                    .OfType<IFieldReferenceOperation>()
                    .FirstOrDefault();
                if (uses.Any(r => r.Parent is IInvocationOperation { TargetMethod.Name: "Dispose" } || IsHandedOn(r)))
                {
                    return new Ownership(owned: true);
                }

                return new Ownership(owned: false, intoField?.Field);
            default:
                return new Ownership(owned: false);
        }
    }

    // declarator → declaration → declaration group → using declaration (or using statement).
    private static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator)
    {
        var current = declarator.Parent;
        for (var level = 0; level < 3 && current is not null; level++, current = current.Parent)
        {
            if (current is IUsingDeclarationOperation or IUsingOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHandedOn(ILocalReferenceOperation reference) =>
        reference.Parent?.SkipConversionsUp()
            is IReturnOperation
                or IArgumentOperation
                or ISimpleAssignmentOperation { Target: IPropertyReferenceOperation };

    // worker.Dispose(), worker?.Dispose(), using (worker), or passing it on to someone else.
    private static bool IsDisposedOrHandedOn(IFieldReferenceOperation reference)
    {
        var parent = reference.Parent?.SkipConversionsUp();
        return parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" } invocation => invocation.Instance == reference
                || invocation.Instance is IConversionOperation conversion && conversion.Operand == reference,
            IConditionalAccessOperation access => access.Operation == reference
                && access.WhenNotNull is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" },
            IUsingOperation or IArgumentOperation or IReturnOperation => true,
            _ => false,
        };
    }
}
