namespace Zhizao.Forecasting.Seasonality;

/// <summary>
/// Parameters of <see cref="Stl"/>, named and defaulted as R's <c>stats::stl</c>. Windows are numbers of points (forced odd
/// and at least 3); a null window takes R's default for the period.
/// </summary>
/// <param name="SeasonalWindow">Span of the cycle-subseries loess (R's <c>s.window</c>); null means "periodic": one mean
/// per phase, constant over the years.</param>
/// <param name="SeasonalDegree">Degree of the cycle-subseries loess, 0 or 1 (R's <c>s.degree</c>; forced to 0 when periodic).</param>
/// <param name="TrendWindow">Span of the trend loess (R's <c>t.window</c>); default nextodd(⌈1.5·m / (1 − 1.5 / s.window)⌉).</param>
/// <param name="TrendDegree">Degree of the trend loess, 0 or 1 (R's <c>t.degree</c>).</param>
/// <param name="LowPassWindow">Span of the low-pass loess (R's <c>l.window</c>); default nextodd(m).</param>
/// <param name="Robust">Robust fitting: 15 outer iterations of bisquare weights with 1 inner pass each; otherwise 2 inner
/// passes and no outer loop (R's defaults for <c>robust</c> TRUE and FALSE).</param>
/// <param name="InnerIterations">Inner passes, overriding the default chosen by <paramref name="Robust"/>.</param>
/// <param name="OuterIterations">Robustness iterations, overriding the default chosen by <paramref name="Robust"/>.</param>
public sealed record StlOptions(
    int? SeasonalWindow = null,
    int SeasonalDegree = 0,
    int? TrendWindow = null,
    int TrendDegree = 1,
    int? LowPassWindow = null,
    bool Robust = false,
    int? InnerIterations = null,
    int? OuterIterations = null)
{
    /// <summary>The parameters with every default resolved for period <paramref name="period"/> and <paramref name="length"/> values.</summary>
    internal StlParameters Resolve(int period, int length)
    {
        if (SeasonalDegree is < 0 or > 1 || TrendDegree is < 0 or > 1)
        {
            throw new ArgumentException($"STL degrees must be 0 or 1, not seasonal {SeasonalDegree} / trend {TrendDegree}.");
        }

        var periodic = SeasonalWindow is null;
        // R replaces "periodic" by a window far wider than the series, which turns the cycle-subseries loess into a mean.
        var seasonal = NextOdd(Math.Max(3, SeasonalWindow ?? ((10 * length) + 1)));
        var trend = NextOdd(Math.Max(3, TrendWindow ?? (int)Math.Ceiling(1.5 * period / (1 - (1.5 / seasonal)))));
        var lowPass = NextOdd(Math.Max(3, LowPassWindow ?? period));
        return new StlParameters(
            periodic,
            seasonal,
            periodic ? 0 : SeasonalDegree,
            Jump(seasonal),
            trend,
            TrendDegree,
            Jump(trend),
            lowPass,
            TrendDegree,
            Jump(lowPass),
            InnerIterations ?? (Robust ? 1 : 2),
            OuterIterations ?? (Robust ? 15 : 0));
    }

    private static int NextOdd(int window) => window % 2 == 0 ? window + 1 : window;

    private static int Jump(int window) => (int)Math.Ceiling(window / 10.0);
}

/// <summary>Resolved STL parameters (spans odd and at least 3, jumps ⌈span / 10⌉ as R).</summary>
internal sealed record StlParameters(
    bool Periodic,
    int SeasonalSpan,
    int SeasonalDegree,
    int SeasonalJump,
    int TrendSpan,
    int TrendDegree,
    int TrendJump,
    int LowPassSpan,
    int LowPassDegree,
    int LowPassJump,
    int Inner,
    int Outer);
