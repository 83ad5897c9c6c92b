using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1):
//   D and SciPy's own asymptotic p: scipy.stats.ks_2samp(A, B, method='asymp')
//     normal D=0.5                 p_asymp=0.0009240161485984675
//     ties   D=0.33181818181818185 p_asymp=0.17541390846751037
//     skewed D=0.4027777777777778  p_asymp=0.014553307426312223
//   Stephens-corrected p: scipy.stats.kstwobign.sf((sqrt(ne) + 0.12 + 0.11/sqrt(ne)) * D), ne = n·m/(n+m)
//     normal 0.0012440510494735205, ties 0.15897518283596185, skewed 0.012866144313588951
// SciPy's 'asymp' evaluates the finite-n Kolmogorov distribution at round(ne) (scipy.stats.kstwo.sf),
// which Stephens' correction approximates; at these small ne (13–15) the two differ by under 0.02.
public class KolmogorovSmirnovTests
{
    [Theory]
    [InlineData("normal", 0.5, 0.0012440510494735205, 0.0009240161485984675)]
    [InlineData("ties", 0.33181818181818185, 0.15897518283596185, 0.17541390846751037)]
    [InlineData("skewed", 0.4027777777777778, 0.012866144313588951, 0.014553307426312223)]
    public void Statistic_and_p_value_match_scipy(string sample, double d, double stephensP, double scipyAsympP)
    {
        var (a, b) = DriftSamples.Numeric(sample);

        var result = KolmogorovSmirnov.Test(a, b, DriftSamples.Small);

        DriftSamples.AssertRelative(d, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(stephensP, result.PValue!.Value, 1e-10);
        Assert.InRange(result.PValue.Value, scipyAsympP - 0.02, scipyAsympP + 0.02);
        Assert.Equal(result.PValue < 0.01, result.Drift);
        Assert.Equal(a.Length, result.ReferenceCount);
        Assert.Equal(b.Length, result.CurrentCount);
    }
}
