namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK3002: a module constructor that assigns submodule fields but never calls RegisterComponents(), or assigns one
/// after calling it. Unregistered submodules are missing from parameters(), so the optimiser never updates them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegisterComponentsAnalyzer : KitAnalyzer
{
    public const string Missing = "Missing";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK3002_RegisterComponentsMissingOrEarly);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Module is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var body = (IConstructorBodyOperation)operation.Operation;
                if (operation.ContainingSymbol is not IMethodSymbol ctor || !types.IsModule(ctor.ContainingType))
                {
                    return;
                }

                if (
                    body.Initializer?.SelfAndDescendants()
                        .OfType<IInvocationOperation>()
                        .Any(i =>
                            i.TargetMethod.MethodKind == MethodKind.Constructor
                            && SymbolEqualityComparer.Default.Equals(i.TargetMethod.ContainingType, ctor.ContainingType)
                        ) == true
                )
                {
                    return; // chains to another constructor of the same type, which is checked itself
                }

                var operations = body.SelfAndDescendants().ToList();
                var moduleAssignments = operations
                    .OfType<ISimpleAssignmentOperation>()
                    .Where(a => a.Target is IFieldReferenceOperation field && types.IsModule(field.Field.Type))
                    .ToList();
                if (moduleAssignments.Count == 0)
                {
                    return;
                }

                var register = operations.OfType<IInvocationOperation>().FirstOrDefault(i => i.TargetMethod.Name == "RegisterComponents");
                if (register is null)
                {
                    var location = ctor.Locations.FirstOrDefault() ?? body.Syntax.GetLocation();
                    operation.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK3002_RegisterComponentsMissingOrEarly,
                            location,
                            ImmutableDictionary<string, string?>.Empty.Add(Missing, "true"),
                            "The constructor assigns submodule fields but never calls RegisterComponents(): their parameters are invisible to parameters() and the optimiser"
                        )
                    );
                    return;
                }

                foreach (var late in moduleAssignments.Where(a => a.Syntax.SpanStart > register.Syntax.SpanStart))
                {
                    var field = ((IFieldReferenceOperation)late.Target).Field.Name;
                    operation.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK3002_RegisterComponentsMissingOrEarly,
                            late.Syntax.GetLocation(),
                            $"'{field}' is assigned after RegisterComponents(): it is not registered; call RegisterComponents() last"
                        )
                    );
                }
            },
            OperationKind.ConstructorBody
        );
    }
}
