namespace ExerciseKit.Analyzers.Rules;

/// <summary>EK3003: a submodule held in a property of a module instead of a field.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SubmodulePropertyAnalyzer : KitAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK3003_SubmoduleProperty);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Module is null)
        {
            return;
        }

        start.RegisterSymbolAction(
            symbol =>
            {
                var property = (IPropertySymbol)symbol.Symbol;
                if (
                    !property.IsStatic
                    && types.IsModule(property.Type)
                    && types.IsModule(property.ContainingType)
                    && IsAutoProperty(property)
                )
                {
                    symbol.ReportDiagnostic(Diagnostic.Create(Descriptors.EK3003_SubmoduleProperty, property.Locations[0], property.Name));
                }
            },
            SymbolKind.Property
        );
    }

    private static bool IsAutoProperty(IPropertySymbol property) =>
        property
            .ContainingType.GetMembers()
            .OfType<IFieldSymbol>()
            .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));
}
