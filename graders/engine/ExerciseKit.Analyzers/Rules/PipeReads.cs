namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// For EK4001: where a method first starts reading each redirected pipe of each process. A read is a use of
/// StandardOutput/StandardError (ReadToEnd, ReadToEndAsync, BaseStream.CopyToAsync, …) or BeginOutputReadLine/
/// BeginErrorReadLine; a reader or stream only put into a local starts reading where that local is first used.
/// </summary>
internal static class PipeReads
{
    public sealed class Read(ISymbol? process, string pipe, int position)
    {
        /// <summary>The local, parameter, field or property holding the process; null when it has no name.</summary>
        public ISymbol? Process { get; } = process;

        public string Pipe { get; } = pipe;

        public int Position { get; } = position;
    }

    public static IReadOnlyList<Read> In(IReadOnlyList<IOperation> block, INamedTypeSymbol process)
    {
        var reads = new List<Read>();
        foreach (var operation in block)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "StandardOutput" or "StandardError" } pipe
                    when SymbolEqualityComparer.Default.Equals(pipe.Property.ContainingType, process):
                    reads.Add(new Read(ProcessOf(pipe.Instance), pipe.Property.Name, StartOfReading(pipe, block)));
                    break;
                case IInvocationOperation { TargetMethod.Name: "BeginOutputReadLine" or "BeginErrorReadLine" } begin
                    when SymbolEqualityComparer.Default.Equals(begin.TargetMethod.ContainingType, process):
                    var name = begin.TargetMethod.Name == "BeginOutputReadLine" ? "StandardOutput" : "StandardError";
                    reads.Add(new Read(ProcessOf(begin.Instance), name, begin.Syntax.SpanStart));
                    break;
            }
        }

        return reads;
    }

    /// <summary>Whether some pipe of the process that is read in the method is first read after <paramref name="position"/>.</summary>
    public static bool FirstReadsAfter(IReadOnlyList<Read> reads, ISymbol? process, int position) =>
        reads
            .Where(r => process is null || r.Process is null || SymbolEqualityComparer.Default.Equals(r.Process, process))
            .GroupBy(r => r.Pipe)
            .Any(pipe => pipe.Min(r => r.Position) > position);

    public static ISymbol? ProcessOf(IOperation? instance) =>
        instance?.WithoutConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

    // var reader = child.StandardOutput; (or its BaseStream) reads nothing yet: the first use of reader does.
    private static int StartOfReading(IOperation pipe, IReadOnlyList<IOperation> block)
    {
        var value = pipe;
        var parent = pipe.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation or IPropertyReferenceOperation { Property.Name: "BaseStream" })
        {
            value = parent;
            parent = parent.Parent;
        }

        if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return pipe.Syntax.SpanStart;
        }

        return block
            .OfType<ILocalReferenceOperation>()
            .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol) && !r.IsDeclaration)
            .Select(r => r.Syntax.SpanStart)
            .DefaultIfEmpty(value.Syntax.SpanStart)
            .Min();
    }
}
