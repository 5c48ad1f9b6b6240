namespace ExerciseKit.Host;

/// <summary>
/// How far a grade is isolated from the host: a sandbox for the subject that runs the learner's code (or none), and
/// limits on the memory and output of the judge and its subject together. A learner's own `check` runs unsandboxed
/// with an output cap; class grading (grade-batch) runs every submission's code in the sandbox with all limits.
/// </summary>
public sealed record GradingIsolation(Sandbox? Sandbox, ProcessLimits Limits)
{
    /// <summary>
    /// Compute threads per grader run (OMP_NUM_THREADS, MKL_NUM_THREADS), or 0 for the libraries' default of one per
    /// core. Graders that run side by side must share the cores: libtorch's OpenMP threads spin while they wait, and
    /// two runs that each use every core slowed one training grader past its time limit.
    /// </summary>
    public int ThreadsPerRun { get; init; }

    /// <summary>Offers graders that time code the machine to themselves; null where there is no one to share it with.</summary>
    public IMachineTurns? Turns { get; init; }

    public static GradingIsolation Default { get; } = new(null, new ProcessLimits(OutputChars: 16 << 20));

    public static GradingIsolation Sandboxed(Sandbox sandbox, long memoryBytes = ClassMemoryBytes) =>
        new(sandbox, new ProcessLimits(OutputChars: 16 << 20, MemoryBytes: memoryBytes));

    /// <summary>Class grading's limits without the sandbox (grade-batch --no-sandbox, which warns).</summary>
    public static GradingIsolation Unsandboxed(long memoryBytes = ClassMemoryBytes) =>
        new(null, new ProcessLimits(OutputChars: 16 << 20, MemoryBytes: memoryBytes));

    private const long ClassMemoryBytes = 2L << 30;
}
