using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>
/// The host's half of signed verdicts (see ExerciseKit.Grading.SigningTestFramework): a pass counts only when the
/// verdict file holds HMAC-SHA256(key, test name) for it, and the key lived only in the host and in the framework.
/// </summary>
public static class SignedVerdicts
{
    public const string Unconfirmed =
        "not counted: the result file says this test passed, but the test framework never signed that verdict. "
        + "Something other than the graders wrote the result (learner code in the grading process?).";

    public static IReadOnlyDictionary<string, ReportedOutcome> Confirm(
        IReadOnlyDictionary<string, ReportedOutcome> reported,
        byte[] key,
        IEnumerable<string> signatures
    )
    {
        var signed = signatures.Select(s => s.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return reported.ToDictionary(
            entry => entry.Key,
            entry =>
                entry.Value.Result == "Pass" && !signed.Contains(SigningTestFramework.Signature(key, entry.Key))
                    ? entry.Value with
                    {
                        Result = "Fail",
                        ExceptionType = "",
                        Message = Unconfirmed,
                    }
                    : entry.Value,
            StringComparer.Ordinal
        );
    }
}
