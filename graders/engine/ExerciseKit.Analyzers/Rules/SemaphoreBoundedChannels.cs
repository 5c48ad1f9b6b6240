using System.Collections.Concurrent;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// For EK4004: what one type does with its unbounded channels and its semaphores, gathered block by block. A channel
/// counts as bounded by a semaphore when it is written at least once and every write to it (through
/// <c>channel.Writer</c> or a local or field holding that writer) comes after a Wait/WaitAsync on a SemaphoreSlim in
/// the same function and the same loop step, and that semaphore is released somewhere in the type. A semaphore
/// waited on elsewhere, once before a loop of writes, or never released does not count.
/// </summary>
internal sealed class SemaphoreBoundedChannels
{
    private readonly ConcurrentBag<(ISymbol Channel, Location Where)> unbounded = [];
    private readonly ConcurrentDictionary<ISymbol, ISymbol> writerHolders = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentBag<Step> writes = [];
    private readonly ConcurrentBag<Step> waits = [];
    private readonly ConcurrentDictionary<ISymbol, bool> released = new(SymbolEqualityComparer.Default);

    /// <summary>Where in the code a write or a wait happens, and on what (the channel or writer holder, or the semaphore).</summary>
    private sealed class Step(ISymbol target, SyntaxNode function, SyntaxNode? loop, int position)
    {
        public ISymbol Target { get; } = target;

        public SyntaxNode Function { get; } = function;

        public SyntaxNode? Loop { get; } = loop;

        public int Position { get; } = position;
    }

    /// <summary>Remembers an unbounded channel that went into a local, field or property; false when it went anywhere else.</summary>
    public bool TryTrack(IOperation creation)
    {
        var holder = Holder(creation);
        if (holder is null)
        {
            return false;
        }

        unbounded.Add((holder, creation.Syntax.GetLocation()));
        return true;
    }

    public void Collect(IEnumerable<IOperation> block)
    {
        foreach (var operation in block)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "WriteAsync" or "TryWrite", Instance: { } writer } write
                    when write.TargetMethod.ContainingType.Name == "ChannelWriter" && WriterOf(writer) is { } target:
                    writes.Add(StepAt(write, target));
                    break;
                case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAsync", Instance: { } semaphore } wait
                    when IsSemaphore(wait) && SymbolOf(semaphore) is { } waited:
                    waits.Add(StepAt(wait, waited));
                    break;
                case IInvocationOperation { TargetMethod.Name: "Release", Instance: { } semaphore } release
                    when IsSemaphore(release) && SymbolOf(semaphore) is { } freed:
                    released[freed] = true;
                    break;
                case IPropertyReferenceOperation { Property.Name: "Writer", Instance: { } channel } writer
                    when SymbolOf(channel) is { } owner && Holder(writer) is { } holder:
                    writerHolders[holder] = owner;
                    break;
            }
        }
    }

    /// <summary>The unbounded channels no semaphore bounds.</summary>
    public IEnumerable<Location> Unbounded() => unbounded.Where(c => !IsBoundedBySemaphore(c.Channel)).Select(c => c.Where);

    private bool IsBoundedBySemaphore(ISymbol channel)
    {
        var channelWrites = writes
            .Where(w =>
                SymbolEqualityComparer.Default.Equals(w.Target, channel)
                || writerHolders.TryGetValue(w.Target, out var owner) && SymbolEqualityComparer.Default.Equals(owner, channel)
            )
            .ToList();
        return channelWrites.Count > 0 && channelWrites.All(w => waits.Any(wait => Guards(wait, w)));
    }

    private bool Guards(Step wait, Step write) =>
        wait.Function == write.Function && wait.Loop == write.Loop && wait.Position < write.Position && released.ContainsKey(wait.Target);

    private static bool IsSemaphore(IInvocationOperation call) =>
        call.TargetMethod.ContainingType is { Name: "SemaphoreSlim", ContainingNamespace: { Name: "Threading" } };

    private static Step StepAt(IOperation operation, ISymbol target) =>
        new(target, FunctionOf(operation), operation.EnclosingLoop()?.Syntax, operation.Syntax.SpanStart);

    // The lambda, local function or member body the operation runs in.
    private static SyntaxNode FunctionOf(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            if (current.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current.Parent.Syntax;
            }

            current = current.Parent;
        }

        return current.Syntax;
    }

    // channel.Writer itself names the channel; a local or field that holds a writer names itself (resolved via writerHolders).
    private static ISymbol? WriterOf(IOperation writer) =>
        writer.WithoutConversions() switch
        {
            IPropertyReferenceOperation { Property.Name: "Writer", Instance: { } channel } => SymbolOf(channel),
            var holder => SymbolOf(holder),
        };

    private static ISymbol? SymbolOf(IOperation reference) =>
        reference.WithoutConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };

    // The local, field or property a value is stored in: an initializer or a plain assignment.
    private static ISymbol? Holder(IOperation value)
    {
        var current = value;
        var parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0],
            IPropertyInitializerOperation { InitializedProperties.Length: 1 } property => property.InitializedProperties[0],
            ISimpleAssignmentOperation assignment when assignment.Value == current => SymbolOf(assignment.Target),
            _ => null,
        };
    }
}
