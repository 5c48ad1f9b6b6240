namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK0002: APIs exercise code has no business using, because they reach around the graders rather than solve the
/// task: reflection and code loading (read or change the graders' state), interop and unsafe memory, ending the
/// process, process-wide hooks, the grading process's standard input and output streams, and the network. Applies to the learner-editable files named in the MSBuild property
/// <c>ExerciseKitEditableFiles</c> (all files when it is absent); the given files of an exercise may use them.
/// A warning while learning, an error when grading (modes/grading.globalconfig).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiNotAllowedAnalyzer : KitAnalyzer
{
    public const string EditableProperty = "build_property.ExerciseKitEditableFiles";

    private static readonly ImmutableArray<(string Prefix, string Why)> BannedNamespaces = ImmutableArray.Create(
        ("System.Reflection", "reflection can read and change the graders' private state"),
        ("System.Runtime.Loader", "loading code at run time"),
        ("System.Net", "exercise code needs no network"),
        ("System.Runtime.Intrinsics", "hardware intrinsics are not part of any exercise")
    );

    private static readonly ImmutableDictionary<string, string> BannedTypes = new Dictionary<string, string>
    {
        ["System.Runtime.InteropServices.Marshal"] = "raw memory and native interop",
        ["System.Runtime.InteropServices.NativeLibrary"] = "loading native code",
        ["System.Runtime.InteropServices.NativeMemory"] = "raw memory",
        ["System.Runtime.InteropServices.GCHandle"] = "pinning and raw object handles",
        ["System.Runtime.CompilerServices.Unsafe"] = "unchecked memory access",
        ["System.Runtime.CompilerServices.RuntimeHelpers"] = "runtime internals",
        ["System.AppDomain"] = "process-wide hooks (ProcessExit, UnhandledException, assembly loading)",
        ["System.Activator"] = "creating types by name",
    }.ToImmutableDictionary();

    private static readonly ImmutableDictionary<string, string> BannedMembers = new Dictionary<string, string>
    {
        ["System.Environment.Exit"] = "ending the grading process",
        ["System.Environment.FailFast"] = "ending the grading process",
        ["System.Environment.GetCommandLineArgs"] = "the grading process's command line",
        ["System.Environment.CommandLine"] = "the grading process's command line",
        ["System.Type.GetType"] = "finding types by name",
        ["System.Type.InvokeMember"] = "reflection",
        ["System.AppContext.SetData"] = "process-wide settings",
        ["System.AppContext.SetSwitch"] = "process-wide settings",
        ["System.Console.In"] = StandardInput,
        ["System.Console.Read"] = StandardInput,
        ["System.Console.ReadLine"] = StandardInput,
        ["System.Console.ReadKey"] = StandardInput,
        ["System.Console.OpenStandardInput"] = StandardInput,
        ["System.Console.SetIn"] = StandardInput,
        ["System.Console.SetOut"] = "the grading process's standard output, which carries the graders' messages to the host",
        ["System.Console.SetError"] = "the grading process's standard error",
    }.ToImmutableDictionary();

    private const string StandardInput =
        "the grading process's standard input belongs to the host (exercise code reads its data from its arguments)";

    private static readonly ImmutableDictionary<string, string> BannedAttributes = new Dictionary<string, string>
    {
        ["System.Runtime.CompilerServices.ModuleInitializerAttribute"] = "code that runs before the graders ask for it",
        ["System.Runtime.CompilerServices.UnsafeAccessorAttribute"] = "reaching private members of other types",
        ["System.Runtime.InteropServices.LibraryImportAttribute"] = "native interop",
    }.ToImmutableDictionary();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK0002_ApiNotAllowed);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        var editable =
            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(EditableProperty, out var list)
            && !string.IsNullOrWhiteSpace(list)
                ? list.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(f => f.Trim())
                    .ToImmutableHashSet(StringComparer.Ordinal)
                : null;
        bool Applies(SyntaxTree tree) => editable is null || editable.Contains(System.IO.Path.GetFileName(tree.FilePath));

        start.RegisterOperationAction(
            context =>
            {
                if (!Applies(context.Operation.Syntax.SyntaxTree))
                {
                    return;
                }
                var (symbol, returned) = context.Operation switch
                {
                    IInvocationOperation invocation => ((ISymbol?)invocation.TargetMethod, invocation.TargetMethod.ReturnType),
                    IPropertyReferenceOperation property => (property.Property, property.Property.Type),
                    IFieldReferenceOperation { Field.ContainingType.TypeKind: TypeKind.Enum } => (null, null), // a flag value does nothing alone
                    IFieldReferenceOperation field => (field.Field, field.Field.Type),
                    IObjectCreationOperation creation => (creation.Constructor, creation.Type),
                    IEventReferenceOperation @event => (@event.Event, null),
                    _ => (null, (ITypeSymbol?)null),
                };
                if (symbol is not null && Why(symbol, returned) is { } why)
                {
                    context.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK0002_ApiNotAllowed, context.Operation.Syntax.GetLocation(), Name(symbol), why)
                    );
                }
            },
            OperationKind.Invocation,
            OperationKind.PropertyReference,
            OperationKind.FieldReference,
            OperationKind.ObjectCreation,
            OperationKind.EventReference
        );

        start.RegisterSymbolAction(
            context =>
            {
                foreach (var attribute in context.Symbol.GetAttributes())
                {
                    var name = attribute.AttributeClass?.ToDisplayString();
                    if (
                        name is not null
                        && BannedAttributes.TryGetValue(name, out var why)
                        && attribute.ApplicationSyntaxReference is { } syntax
                        && Applies(syntax.SyntaxTree)
                    )
                    {
                        context.ReportDiagnostic(
                            Diagnostic.Create(
                                Descriptors.EK0002_ApiNotAllowed,
                                syntax.GetSyntax(context.CancellationToken).GetLocation(),
                                name,
                                why
                            )
                        );
                    }
                }
                if (
                    context.Symbol is IMethodSymbol method
                    && method.GetDllImportData() is not null
                    && method.Locations.FirstOrDefault() is { } where
                    && where.SourceTree is { } tree
                    && Applies(tree)
                )
                {
                    context.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK0002_ApiNotAllowed, where, "extern " + method.Name, "native interop")
                    );
                }
            },
            SymbolKind.Method,
            SymbolKind.NamedType
        );
    }

    /// <summary>
    /// Members of the banned namespaces that only read a type's name: an error message that says which exception
    /// it caught (`e.GetType().Name`) reaches nothing of the graders.
    /// </summary>
    private static readonly ImmutableHashSet<string> NamesOnly = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "System.Reflection.MemberInfo.Name"
    );

    private static string? Why(ISymbol symbol, ITypeSymbol? returned)
    {
        var type = symbol.ContainingType;
        var member = type is null ? symbol.Name : $"{type.OriginalDefinition.ToDisplayString()}.{symbol.Name}";
        if (NamesOnly.Contains(member))
        {
            return null;
        }
        if (BannedMembers.TryGetValue(member, out var why))
        {
            return why;
        }
        foreach (var candidate in new[] { type, returned as INamedTypeSymbol })
        {
            if (candidate is null)
            {
                continue;
            }
            var name = candidate.OriginalDefinition.ToDisplayString();
            if (BannedTypes.TryGetValue(name, out why))
            {
                return why;
            }
            var space = candidate.ContainingNamespace?.ToDisplayString() ?? "";
            foreach (var (prefix, reason) in BannedNamespaces)
            {
                if (space == prefix || space.StartsWith(prefix + ".", StringComparison.Ordinal))
                {
                    return reason;
                }
            }
        }
        return null;
    }

    private static string Name(ISymbol symbol) =>
        symbol.ContainingType is { } type
            ? $"{type.Name}.{(symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "new" : symbol.Name)}"
            : symbol.Name;
}
