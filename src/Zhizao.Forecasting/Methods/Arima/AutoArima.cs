namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>
/// Automatic ARIMA model selection as R's <c>forecast::auto.arima</c> (Hyndman and Khandakar 2008) with its defaults:
/// D by the seasonal-strength test (m ≥ 2), d by repeated KPSS tests on the seasonally differenced series, then the
/// stepwise search over (p, q, P, Q, constant) ranked by AICc from R's four starting models. With the approximation
/// (n &gt; 150 or m &gt; 12 by default) every candidate is fitted by conditional sum of squares and ranked by the offset
/// criterion; the best candidates are then refitted by exact likelihood until one is accepted. Otherwise each candidate
/// is fitted by CSS followed by exact maximum likelihood. Stateless and thread-safe.
/// </summary>
public static class AutoArima
{
    private static readonly AutoArimaOptions Defaults = new();

    /// <summary>One stepwise move: changes to (p, q, P, Q) and whether the constant is toggled.</summary>
    private static readonly (int P, int Q, int SeasonalP, int SeasonalQ, bool Toggle)[] Moves =
    [
        (0, 0, -1, 0, false), (0, 0, 0, -1, false), (0, 0, 1, 0, false), (0, 0, 0, 1, false),
        (0, 0, -1, -1, false), (0, 0, -1, 1, false), (0, 0, 1, -1, false), (0, 0, 1, 1, false),
        (-1, 0, 0, 0, false), (0, -1, 0, 0, false), (1, 0, 0, 0, false), (0, 1, 0, 0, false),
        (-1, -1, 0, 0, false), (-1, 1, 0, 0, false), (1, -1, 0, 0, false), (1, 1, 0, 0, false),
        (0, 0, 0, 0, true),
    ];

    /// <summary>
    /// Selects and fits a model to <paramref name="values"/> (oldest first, finite) with seasonal period
    /// <paramref name="period"/> (1 for none). Returns null when no candidate can be estimated (R stops with "No suitable
    /// ARIMA model found").
    /// </summary>
    public static ArimaModel? Fit(IReadOnlyList<double> values, int period, AutoArimaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        options ??= Defaults;
        options.Validate();
        var y = values.ToArray();
        var n = y.Length;
        if (n == 0)
        {
            throw new ArgumentException("auto-ARIMA needs at least one value.", nameof(values));
        }

        if (UnitRootTests.IsConstant(y))
        {
            return Degenerate(y, y, new ArimaOrder(0, 0, 0, 0, 0, 0, period), options.AllowMean, "constant series: ARIMA(0,0,0) with its mean, zero-width intervals");
        }

        var m = period;
        var maxP = m > 1 ? Math.Min(options.MaxSeasonalAr, n / 3 / m) : 0;
        var maxQ = m > 1 ? Math.Min(options.MaxSeasonalMa, n / 3 / m) : 0;
        var maxp = Math.Min(options.MaxAr, n / 3);
        var maxq = Math.Min(options.MaxMa, n / 3);
        var criterion = n <= 3 ? InformationCriterion.Aic : options.Criterion;

        var seasonalD = m > 1 ? UnitRootTests.SeasonalDifferences(y, m, options.SeasonalStrengthThreshold, options.MaxSeasonalDifferences) : 0;
        var dx = y;
        for (var i = 0; i < seasonalD; i++)
        {
            dx = UnitRootTests.Difference(dx, m);
        }

        var d = UnitRootTests.Differences(dx, options.KpssAlpha, options.MaxDifferences);
        while (d > 0 && dx.Length - d < 1)
        {
            d--;
        }

        var w = dx;
        for (var i = 0; i < d; i++)
        {
            w = UnitRootTests.Difference(w, 1);
        }

        if (w.Length == 0)
        {
            return null;
        }

        if (UnitRootTests.IsConstant(w))
        {
            return Degenerate(y, w, new ArimaOrder(0, d, 0, 0, seasonalD, 0, m), true, "the differenced series is constant: a deterministic trend, zero-width intervals");
        }

        if (m > 1)
        {
            maxp = maxP > 0 ? Math.Min(maxp, m - 1) : maxp;
            maxq = maxQ > 0 ? Math.Min(maxq, m - 1) : maxq;
        }

        var approximation = options.Approximation ?? (n > 150 || m > 12);
        var offset = 0.0;
        if (approximation)
        {
            // auto.arima: −2·loglik − n·log σ² of the exact (0,d,0)(0,D,0) fit, with σ² = Σw²/n*.
            var sumSquares = w.Sum(v => v * v);
            offset = ArimaEstimator.WhiteNoiseDeviance(w) - (n * Math.Log(Math.Max(sumSquares / w.Length, double.Epsilon)));
        }

        var search = new Search(w, d, seasonalD, m, !approximation, offset, criterion);
        var constant = (options.AllowDrift && d + seasonalD == 1) || (options.AllowMean && d + seasonalD == 0);
        var startp = Math.Min(n < 10 ? Math.Min(options.StartAr, 1) : options.StartAr, maxp);
        var startq = Math.Min(n < 10 ? Math.Min(options.StartMa, 1) : options.StartMa, maxq);
        var startP = Math.Min(n < 10 ? 0 : options.StartSeasonalAr, maxP);
        var startQ = Math.Min(n < 10 ? 0 : options.StartSeasonalMa, maxQ);
        var state = (p: startp, q: startq, P: startP, Q: startQ);
        search.Try(startp, startq, startP, startQ, constant);
        if (search.Try(0, 0, 0, 0, constant))
        {
            state = (0, 0, 0, 0);
        }

        if (maxp > 0 || maxP > 0)
        {
            var ar = (p: maxp > 0 ? 1 : 0, P: m > 1 && maxP > 0 ? 1 : 0);
            if (search.Try(ar.p, 0, ar.P, 0, constant))
            {
                state = (ar.p, 0, ar.P, 0);
            }
        }

        if (maxq > 0 || maxQ > 0)
        {
            var ma = (q: maxq > 0 ? 1 : 0, Q: m > 1 && maxQ > 0 ? 1 : 0);
            if (search.Try(0, ma.q, 0, ma.Q, constant))
            {
                state = (0, ma.q, 0, ma.Q);
            }
        }

        if (constant && search.Try(0, 0, 0, 0, false))
        {
            state = (0, 0, 0, 0);
        }

        var allowToggle = (options.AllowDrift && d + seasonalD == 1) || (options.AllowMean && d + seasonalD == 0);
        var startCount = -1;
        while (startCount < search.Count && search.Count < options.MaxModels)
        {
            startCount = search.Count;
            foreach (var move in Moves)
            {
                var (p, q, sp, sq) = (state.p + move.P, state.q + move.Q, state.P + move.SeasonalP, state.Q + move.SeasonalQ);
                var c = move.Toggle ? !constant : constant;
                if ((move.Toggle && !allowToggle) || p < 0 || q < 0 || sp < 0 || sq < 0 || p > maxp || q > maxq || sp > maxP || sq > maxQ
                    || search.Seen(p, q, sp, sq, c))
                {
                    continue;
                }

                if (search.Count >= options.MaxModels)
                {
                    break;
                }

                if (search.Try(p, q, sp, sq, c))
                {
                    state = (p, q, sp, sq);
                    constant = c;
                    if (!move.Toggle)
                    {
                        break;
                    }
                }
            }
        }

        return search.Finish(y, approximation);
    }

    private static ArimaModel Degenerate(double[] y, double[] w, ArimaOrder order, bool constant, string note)
    {
        var mean = constant ? w.Average() : 0;
        var coefficients = new ArimaCoefficients([], [], [], [], mean);
        var innovations = w.Select(v => v - mean).ToArray();
        var sigma2 = innovations.Sum(e => e * e) / Math.Max(w.Length, 1);
        var fit = new ArimaFit(order, constant, coefficients, sigma2, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, true, innovations);
        return new ArimaModel(y, w, fit, note);
    }

    /// <summary>The candidates fitted so far and the best of them.</summary>
    private sealed class Search(double[] w, int d, int seasonalD, int period, bool exact, double offset, InformationCriterion criterion)
    {
        private readonly List<(int P, int Q, int SeasonalP, int SeasonalQ, bool Constant, double Ic)> _results = [];
        private ArimaFit? _best;

        public int Count => _results.Count;

        public bool Seen(int p, int q, int sp, int sq, bool constant) =>
            _results.Exists(r => r.P == p && r.Q == q && r.SeasonalP == sp && r.SeasonalQ == sq && r.Constant == constant);

        /// <summary>Fits a candidate; true when it beats the best so far.</summary>
        public bool Try(int p, int q, int sp, int sq, bool constant)
        {
            var fit = Estimate(p, q, sp, sq, constant, exact);
            var ic = fit?.InformationCriterion ?? double.PositiveInfinity;
            _results.Add((p, q, sp, sq, constant, ic));
            if (ic < (_best?.InformationCriterion ?? double.PositiveInfinity))
            {
                _best = fit;
                return true;
            }

            // As R, the first fitted candidate is the incumbent even when its criterion is infinite.
            _best ??= fit;
            return false;
        }

        /// <summary>The selected model: with the approximation, the best candidates refitted exactly in order of criterion.</summary>
        public ArimaModel? Finish(double[] y, bool approximation)
        {
            if (!approximation)
            {
                return _best is { InformationCriterion: < double.PositiveInfinity } ? new ArimaModel(y, w, _best) : null;
            }

            foreach (var r in _results.OrderBy(r => r.Ic))
            {
                var fit = Estimate(r.P, r.Q, r.SeasonalP, r.SeasonalQ, r.Constant, exactFit: true);
                if (fit is { InformationCriterion: < double.PositiveInfinity })
                {
                    return new ArimaModel(y, w, fit);
                }
            }

            return _best is { InformationCriterion: < double.PositiveInfinity }
                ? new ArimaModel(y, w, _best, "no candidate could be refitted by exact likelihood: conditional-sum-of-squares estimates kept")
                : null;
        }

        private ArimaFit? Estimate(int p, int q, int sp, int sq, bool constant, bool exactFit) =>
            ArimaEstimator.Fit(w, new ArimaOrder(p, d, q, sp, seasonalD, sq, period), constant, exactFit, offset, criterion);
    }
}
