namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// The tries of a speed-up measurement, each judged by its medians. A try during which other programs kept the machine
/// busy proves nothing either way (one busy core brings a parallel loader's speed-up down to about 1.3× and a serial
/// one's up to about 1.25×): only undisturbed tries can reach the bar, and disturbed ones are kept apart for the feedback.
/// </summary>
internal sealed class SpeedUpTries(double disturbedAbove)
{
    private static readonly (double One, double Two) None = (0, double.PositiveInfinity);

    private (double One, double Two) bestUndisturbed = None;
    private (double One, double Two) bestDisturbed = None;

    public int Count { get; private set; }

    public int Disturbed { get; private set; }

    public int Undisturbed => Count - Disturbed;

    /// <summary>The best undisturbed try; the best disturbed one if every try was disturbed.</summary>
    public (double One, double Two) Best => Undisturbed > 0 ? bestUndisturbed : bestDisturbed;

    public double BestRatio => Best.One / Best.Two;

    /// <summary>The largest share of the machine that other programs used during a disturbed try.</summary>
    public double MostOthersUsed { get; private set; }

    public bool Reached(double required) => Undisturbed > 0 && BestRatio >= required;

    /// <param name="othersShare">The share of the machine other programs used meanwhile; null if unknown (counted as undisturbed).</param>
    public void Add(double one, double two, double? othersShare)
    {
        Count++;
        if (othersShare > disturbedAbove)
        {
            Disturbed++;
            MostOthersUsed = Math.Max(MostOthersUsed, othersShare.Value);
            bestDisturbed = Better(bestDisturbed, (one, two));
        }
        else
        {
            bestUndisturbed = Better(bestUndisturbed, (one, two));
        }
    }

    private static (double One, double Two) Better((double One, double Two) best, (double One, double Two) next) =>
        next.One / next.Two > best.One / best.Two ? next : best;
}
