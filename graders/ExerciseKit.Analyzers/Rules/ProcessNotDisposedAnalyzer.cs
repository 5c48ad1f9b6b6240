using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK4002: a Process created (new Process / Process.Start) into a local that is neither declared with using,
/// disposed, returned nor handed to a field or property (which then owns it).
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

        start.RegisterOperationBlockAction(block =>
        {
            var operations = block.OperationBlocks.SelectMany(b => b.SelfAndDescendants()).ToList();
            foreach (var creation in operations.Where(o => Creates(o, types)))
            {
                if (!IsOwned(creation, operations))
                {
                    block.ReportDiagnostic(Diagnostic.Create(Descriptors.EK4002_ProcessNotDisposed, creation.Syntax.GetLocation()));
                }
            }
        });
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

    private static bool IsOwned(IOperation creation, IReadOnlyList<IOperation> block)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation or IObjectOrCollectionInitializerOperation)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IUsingOperation or IReturnOperation or IArgumentOperation:
                return true;
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
                return true;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                if (IsUsingDeclaration(declarator))
                {
                    return true;
                }

                return block
                    .OfType<ILocalReferenceOperation>()
                    .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol))
                    .Any(r => r.Parent is IInvocationOperation { TargetMethod.Name: "Dispose" } || IsHandedOn(r));
            default:
                return false;
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
                or ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation };
}
