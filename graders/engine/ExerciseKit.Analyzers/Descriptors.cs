namespace ExerciseKit.Analyzers;

/// <summary>Every rule of the kit, in one place. IDs: EK0xxx general, EK1xxx per track (1 maths, 2 data, 3 models, 4 concurrency).</summary>
public static class Descriptors
{
    public const string HelpBase = "https://github.com/exercisekit/exercisekit/blob/main/graders/engine/ExerciseKit.Analyzers/docs/rules/";

    public static readonly DiagnosticDescriptor EK0001_StubNotImplemented = new DiagnosticDescriptor(
        "EK0001",
        "Still to do",
        "{0} still throws NotImplementedException: this part of the exercise is not written yet",
        Category.General,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK0001.md"
    );

    public static readonly DiagnosticDescriptor EK0002_ApiNotAllowed = new DiagnosticDescriptor(
        "EK0002",
        "API not allowed in exercise code",
        "'{0}' is not allowed in exercise code ({1}); graded builds fail on it",
        Category.General,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK0002.md"
    );

    public static readonly DiagnosticDescriptor EK1001_AutogradInHandDerivedGradient = new DiagnosticDescriptor(
        "EK1001",
        "Autograd where the gradient must be derived by hand",
        "'{0}' uses autograd; this exercise asks for the gradient derived by hand with tensor operations",
        Category.Maths,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK1001.md"
    );

    public static readonly DiagnosticDescriptor EK1002_OverflowProneForm = new DiagnosticDescriptor(
        "EK1002",
        "Numerically unstable form",
        "{0} can overflow or take log(0) for large inputs; use a stable form",
        Category.Maths,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK1002.md"
    );

    public static readonly DiagnosticDescriptor EK1003_ElementLoopOverTensor = new DiagnosticDescriptor(
        "EK1003",
        "Element-by-element loop over a tensor",
        "Reading tensor elements with item() inside a loop; a whole-tensor operation does this in one call",
        Category.Maths,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK1003.md"
    );

    public static readonly DiagnosticDescriptor EK2001_EagerReadInDataset = new DiagnosticDescriptor(
        "EK2001",
        "Dataset reads files eagerly",
        "'{0}' reads or decodes files in {1}; a dataset should list files up front and decode in GetTensor",
        Category.Data,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK2001.md"
    );

    public static readonly DiagnosticDescriptor EK2002_UnsortedDirectoryListing = new DiagnosticDescriptor(
        "EK2002",
        "Directory listing used without a deterministic sort",
        "'{0}' returns files in no guaranteed order; sort them before using their order",
        Category.Data,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK2002.md"
    );

    public static readonly DiagnosticDescriptor EK2003_RepeatedDecodeInGetTensor = new DiagnosticDescriptor(
        "EK2003",
        "Same file read twice for one item",
        "'{0}' is read again in the same GetTensor call; decode each file once and reuse the result",
        Category.Data,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK2003.md"
    );

    public static readonly DiagnosticDescriptor EK3001_ModuleCreatedInForward = new DiagnosticDescriptor(
        "EK3001",
        "Module created inside forward",
        "'{0}' creates a module on every forward pass; its weights are new each call and never trained",
        Category.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK3001.md"
    );

    public static readonly DiagnosticDescriptor EK3002_RegisterComponentsMissingOrEarly = new DiagnosticDescriptor(
        "EK3002",
        "RegisterComponents missing or called too early",
        "{0}",
        Category.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK3002.md"
    );

    public static readonly DiagnosticDescriptor EK3003_SubmoduleProperty = new DiagnosticDescriptor(
        "EK3003",
        "Submodule exposed as a property",
        "'{0}' is a property; RegisterComponents registers fields only, so its parameters would not be trained or saved",
        Category.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK3003.md"
    );

    public static readonly DiagnosticDescriptor EK3004_SoftmaxInForward = new DiagnosticDescriptor(
        "EK3004",
        "Softmax in forward",
        "'{0}' in forward: cross_entropy applies log-softmax itself, so return raw logits",
        Category.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK3004.md"
    );

    public static readonly DiagnosticDescriptor EK3005_TrainingLoopWithoutDisposeScope = new DiagnosticDescriptor(
        "EK3005",
        "Training loop without a dispose scope",
        "This loop runs backward() without a NewDisposeScope() in its body; every step's tensors wait for the garbage collector",
        Category.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK3005.md"
    );

    public static readonly DiagnosticDescriptor EK4001_WaitForExitBeforeReadingOutput = new DiagnosticDescriptor(
        "EK4001",
        "WaitForExit before reading redirected output",
        "WaitForExit() before the redirected output is read: the child blocks once the pipe buffer is full, and both wait forever",
        Category.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK4001.md"
    );

    public static readonly DiagnosticDescriptor EK4002_ProcessNotDisposed = new DiagnosticDescriptor(
        "EK4002",
        "Process not disposed",
        "This Process is never disposed; it holds OS handles and pipe streams until finalization",
        Category.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK4002.md"
    );

    public static readonly DiagnosticDescriptor EK4003_PollingWithSleep = new DiagnosticDescriptor(
        "EK4003",
        "Polling with Thread.Sleep",
        "Thread.Sleep in a loop polls; wait on the thing itself (a channel read, a task, a semaphore) instead",
        Category.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK4003.md"
    );

    public static readonly DiagnosticDescriptor EK4004_UnboundedQueue = new DiagnosticDescriptor(
        "EK4004",
        "Unbounded queue between producer and consumer",
        "'{0}' has no capacity: a fast producer fills memory while a slow consumer falls behind; bound it",
        Category.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK4004.md"
    );

    public static readonly DiagnosticDescriptor EK4005_BlockingWaitInAsync = new DiagnosticDescriptor(
        "EK4005",
        "Blocking wait inside async code",
        "'{0}' blocks a thread inside async code and can deadlock; await it instead",
        Category.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK4005.md"
    );

    public static readonly DiagnosticDescriptor EK4006_LockOnThis = new DiagnosticDescriptor(
        "EK4006",
        "lock (this)",
        "lock (this) lets any caller holding a reference take the same lock; lock a private readonly object",
        Category.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "EK4006.md"
    );

    private static class Category
    {
        public const string General = "ExerciseKit.General";
        public const string Maths = "ExerciseKit.Maths";
        public const string Data = "ExerciseKit.Data";
        public const string Models = "ExerciseKit.Models";
        public const string Concurrency = "ExerciseKit.Concurrency";
    }
}
