using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK1002 on sigmoids that learners write stably in other ways than the kit's reference answer.</summary>
public sealed partial class OverflowProneFormAnalyzerTests
{
    [Fact]
    public Task Sigmoids_that_branch_on_the_sign_of_z_are_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new OverflowProneFormAnalyzer(),
            """
            public static class SignBranches
            {
                public static Tensor WhereOnSign(Tensor z) => where(z >= 0, 1 / (1 + exp(-z)), exp(z) / (1 + exp(z)));

                public static Tensor NegativeBranchFirst(Tensor z) => where(z < 0, exp(z) / (1 + exp(z)), 1 / (1 + exp(-z)));

                public static Tensor MaskInALocal(Tensor z)
                {
                    using var isPositive = z.ge(0);
                    return where(isPositive, 1 / (1 + (-z).exp()), z.exp() / (1 + z.exp()));
                }

                public static Tensor InstanceWhere(Tensor z) => (1 / (1 + exp(-z))).where(z >= 0, exp(z) / (1 + exp(z)));

                public static Tensor SafeInputsForBothBranches(Tensor z)
                {
                    var nonNegative = where(z >= 0, z, zeros_like(z));
                    var nonPositive = where(z < 0, z, zeros_like(z));
                    return where(z >= 0, 1 / (1 + exp(-nonNegative)), exp(nonPositive) / (1 + exp(nonPositive)));
                }

                public static Tensor MaskedAssignment(Tensor z)
                {
                    var result = empty_like(z);
                    var positive = z >= 0;
                    result[positive] = 1 / (1 + exp(-z[positive]));
                    var e = exp(z[~positive]);
                    result[~positive] = e / (1 + e);
                    return result;
                }

                public static Tensor Ternary(Tensor z) => z.item<double>() >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));

                public static Tensor IfElse(Tensor z)
                {
                    if ((z < 0).item<bool>())
                    {
                        var e = exp(z);
                        return e / (1 + e);
                    }
                    else
                    {
                        return 1 / (1 + exp(-z));
                    }
                }

                public static Tensor EarlyReturn(Tensor z)
                {
                    if (z.item<double>() < 0)
                    {
                        return exp(z) / (1 + exp(z));
                    }

                    return 1 / (1 + exp(-z));
                }

                public static Tensor SwitchOnTheSign(Tensor z) =>
                    z.item<double>() switch
                    {
                        >= 0 => 1 / (1 + exp(-z)),
                        _ => exp(z) / (1 + exp(z)),
                    };

                public static Tensor PerElement(Tensor z)
                {
                    var result = empty_like(z);
                    for (var i = 0; i < z.shape[0]; i++)
                    {
                        var zi = z[i];
                        result[i] = zi.item<double>() >= 0 ? 1 / (1 + exp(-zi)) : exp(zi) / (1 + exp(zi));
                    }

                    return result;
                }
            }
            """
        );

    [Fact]
    public Task Sigmoids_whose_exponent_is_clamped_are_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new OverflowProneFormAnalyzer(),
            """
            public static class Clamps
            {
                public static Tensor Clamped(Tensor z) => 1 / (1 + exp(-z.clamp(-500, 500)));

                public static Tensor ClampedInALocal(Tensor z)
                {
                    var safe = clamp(z, min: -30, max: 30);
                    return 1 / (1 + exp(-safe));
                }

                public static Tensor Clipped(Tensor z) => 1 / (1 + (-z.clip(-60, 60)).exp());

                public static Tensor LowerBoundOnly(Tensor z) => 1 / (1 + exp(-z.clamp_min(-700)));

                public static Tensor OfARelu(Tensor z) => 1 / (1 + exp(-z.relu()));
            }
            """
        );

    [Fact]
    public Task Library_functions_and_log_space_losses_are_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new OverflowProneFormAnalyzer(),
            """
            public static class LibraryForms
            {
                public static Tensor Builtin(Tensor z) => sigmoid(z);

                public static Tensor Tanh(Tensor z) => 0.5 * (1 + tanh(z / 2));

                public static Tensor WithLogits(Tensor z, Tensor y) => nn.functional.binary_cross_entropy_with_logits(z, y);

                public static Tensor LogSigmoid(Tensor z, Tensor y) =>
                    -(y * nn.functional.logsigmoid(z) + (1 - y) * nn.functional.logsigmoid(-z)).mean();

                public static Tensor Softplus(Tensor z, Tensor y) => (nn.functional.softplus(z) - y * z).mean();

                public static Tensor LogSoftmax(Tensor logits) => logits.log_softmax(1);

                public static Tensor ClampedProbability(Tensor z) => log(sigmoid(z).clamp(1e-12, 1 - 1e-12));
            }
            """
        );

    [Fact]
    public Task Guards_that_do_not_protect_the_exponent_are_still_reported() =>
        AnalyzerHarness.VerifyAsync(
            new OverflowProneFormAnalyzer(),
            """
            public static class Unguarded
            {
                public static Tensor WrongBranch(Tensor z) => where(z >= 0, exp(z) / (1 + exp(z)), 1 / (1 + [|exp(-z)|]));

                public static Tensor OtherTensorsSign(Tensor z, Tensor x) => where(x >= 0, 1 / (1 + [|exp(-z)|]), exp(z) / (1 + exp(z)));

                public static Tensor WrongTernaryBranch(Tensor z) => z.item<double>() >= 0 ? exp(z) / (1 + exp(z)) : 1 / (1 + [|exp(-z)|]);

                public static Tensor UpperBoundOnly(Tensor z) => 1 / (1 + [|exp(-z.clamp(max: 30))|]);

                public static Tensor BoundTooLow(Tensor z) => where(z >= -1000, 1 / (1 + [|exp(-z)|]), exp(z) / (1 + exp(z)));

                public static Tensor ReassignedMask(Tensor z, Tensor x)
                {
                    var mask = z >= 0;
                    mask = x >= 0;
                    return where(mask, 1 / (1 + [|exp(-z)|]), exp(z) / (1 + exp(z)));
                }

                public static Tensor GuardThatFallsThrough(Tensor z)
                {
                    if (z.item<double>() < 0)
                    {
                        Console.WriteLine("negative");
                    }

                    return 1 / (1 + [|exp(-z)|]);
                }
            }
            """
        );
}
