namespace StreamMl.Tests.Support;

/// <summary>The stated detection delay of ADWIN (River's defaults) for an abrupt change of a 0/1 error rate.</summary>
/// <remarks>
/// ADWIN cuts its window W between an older part of n₀ values and a newer one of n₁ once their means differ by more than
/// ε = √(2mσ²δ′) + (2/3)mδ′, m = 1/(n₀ − ℓ + 1) + 1/(n₁ − ℓ + 1), δ′ = ln(2 ln|W| / δ) (see <c>Adwin</c>). After a
/// change of the rate from p₀ to p₁ (Δ = |p₁ − p₀|), with σ² at most p̄(1 − p̄) + Δ²/4 for the mixed window (p̄ the
/// mean of the two rates), n₁(Δ) is the smallest n₁ with ε ≤ Δ: the earliest cut if the empirical means were exact.
/// At 3·n₁ the threshold is Δ/√3 while the difference of the means has a standard deviation of about ε/4.3, so it
/// stays above the threshold with probability about 0.999; one clock more for the next check. The stated delay is
/// 3·n₁(Δ) + clock.
/// </remarks>
public static class AdwinDelay
{
    public static long Stated(double before, double after, long valuesBefore, double delta = 0.002, int clock = 32, int minWindowLength = 5)
    {
        var change = Math.Abs(after - before);
        var mean = (before + after) / 2;
        var variance = mean * (1 - mean) + change * change / 4;
        for (long n1 = minWindowLength; ; n1++)
        {
            var logTerm = Math.Log(2 * Math.Log(valuesBefore + n1) / delta);
            var m = 1.0 / (valuesBefore - minWindowLength + 1) + 1.0 / (n1 - minWindowLength + 1);
            var epsilon = Math.Sqrt(2 * m * variance * logTerm) + 2.0 / 3.0 * m * logTerm;
            if (epsilon <= change) return 3 * n1 + clock;
        }
    }
}
