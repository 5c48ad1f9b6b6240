namespace ExerciseKit.Host;

/// <summary>
/// The warm path of a grade: recompile only the learner's project with the command line the last full build used,
/// on the kit's compiler server (asked directly, <see cref="CompilerServerClient"/>, else through `csc /shared`), and
/// put the new assembly beside the subject that runs it.
/// Skips MSBuild's evaluation, restore, up-to-date checks and the grader's own compile. Returns null whenever it
/// cannot be sure — the public API changed, the compiler failed without a diagnostic — and the caller builds fully.
/// </summary>
public static class QuickCompile
{
    public static async Task<GraderBuildResult?> RunAsync(CompilePlan plan, CancellationToken cancellation = default)
    {
        // The learner's copy beside its subject may be gone (SharedGraderProcess removes another submission's); a grader
        // built before graders had subjects needs a full build.
        if (!File.Exists(plan.GraderAssembly) || SubjectLocation.TryOf(plan.GraderAssembly) is null)
        {
            return null;
        }

        var arguments = plan.Arguments.Where(a => !IsUngradedAnalyzer(a)).ToList();
        var (exitCode, log) = await CompileAsync(plan, arguments, cancellation);
        var errors = GraderBuild.ParseErrors(log);
        if (exitCode != 0)
        {
            return errors.Count > 0 ? new GraderBuildResult(false, null, errors, log, BuildKind.Quick) : null;
        }

        // The subject (with its probes) was compiled against the last full build's public API: if it changed, only a full build can tell.
        // Identical reference-assembly bytes settle it at once; otherwise compare the surfaces themselves (private
        // helpers, async state machines and nullable bookkeeping change the bytes without changing the API).
        var sameReference = plan.ReferenceHash is not null && plan.HashOfReference() == plan.ReferenceHash;
        if (!sameReference && PublicSurface.Of(plan.OutputAssembly, plan.SubjectFolder) != plan.Surface)
        {
            return null;
        }

        // Replaced by rename, never rewritten in place: a subject process started early may be waiting beside it.
        var symbols = Path.ChangeExtension(plan.OutputAssembly, ".pdb");
        if (File.Exists(symbols))
        {
            AtomicFile.Copy(symbols, Path.ChangeExtension(plan.SubjectCopy, ".pdb"));
        }
        AtomicFile.Copy(plan.OutputAssembly, plan.SubjectCopy);
        return new GraderBuildResult(true, plan.GraderAssembly, [], log, BuildKind.Quick);
    }

    private static async Task<(int ExitCode, string Output)> CompileAsync(
        CompilePlan plan,
        IReadOnlyList<string> arguments,
        CancellationToken cancellation
    )
    {
        var limit = TimeSpan.FromMinutes(2);
        if (await CompilerServerClient.TryCompileAsync(plan.Compiler, arguments, plan.ProjectDirectory, limit, cancellation) is { } served)
        {
            return served;
        }
        return await CompilerServerClient.CompileWithCscAsync(plan.Compiler, arguments, plan.ProjectDirectory, limit, cancellation);
    }

    // The SDK's code-quality analyzers (CAxxxx) cost a fifth of a warm compile and grade nothing: only EK rules
    // count (AnalyzerFindings). Source generators stay: the learner's code may depend on them.
    private static bool IsUngradedAnalyzer(string argument) =>
        argument.StartsWith("/analyzer:", StringComparison.OrdinalIgnoreCase)
        && Path.GetFileName(argument).Contains("NetAnalyzers", StringComparison.Ordinal);
}
