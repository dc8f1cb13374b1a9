using MathNet.Numerics;

namespace Zhizao.Anomaly.Univariate;

/// <summary>What <see cref="BocpdDetector"/> returns as its score.</summary>
public enum BocpdScore
{
    /// <summary>Posterior probability that the current run began within the last <see cref="BocpdOptions.ShortRun"/> samples (0–1).</summary>
    ChangeProbability,

    /// <summary>−log predictive density of the standardised value, minus that of a standard normal at its mean (≥ 0).</summary>
    Surprise,
}

/// <summary>Options of <see cref="BocpdDetector"/>, with documented defaults.</summary>
public sealed record BocpdOptions
{
    /// <summary>Fewest finite training values accepted (default 30).</summary>
    public int MinimumTrainingCount { get; init; } = 30;

    /// <summary>Expected run length between change points, the inverse of the constant hazard (default 250 samples).</summary>
    public double ExpectedRunLength { get; init; } = 250;

    /// <summary>Run lengths kept; longer runs share the last slot (default 100), which bounds the cost per update.</summary>
    public int MaxRunLength { get; init; } = 100;

    /// <summary>Run lengths at most this long count as "recent change" (default 5).</summary>
    public int ShortRun { get; init; } = 5;

    /// <summary>The score returned (default <see cref="BocpdScore.ChangeProbability"/>).</summary>
    public BocpdScore Score { get; init; } = BocpdScore.ChangeProbability;

    internal BocpdOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 3, nameof(MinimumTrainingCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpectedRunLength, 1.0, nameof(ExpectedRunLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRunLength, 2, nameof(MaxRunLength));
        ArgumentOutOfRangeException.ThrowIfNegative(ShortRun, nameof(ShortRun));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ShortRun, MaxRunLength, nameof(ShortRun));
        return this;
    }
}

/// <summary>
/// Bayesian online change-point detection (Adams &amp; MacKay 2007) on values standardised by the training median and robust σ:
/// a Normal-Gamma model per run length (Student-t predictive), a constant hazard,
/// and the run-length distribution truncated to <see cref="BocpdOptions.MaxRunLength"/> slots (O(MaxRunLength) per update).
/// The prior knows the training scale (α₀ = β₀ = 5: variance near 1 with ten pseudo-observations, so a single 3σ value is not
/// mistaken for a new regime) but not the level of a new regime (κ₀ = 0.1). A constant training period throws.
/// </summary>
public sealed class BocpdDetector : IUnivariateDetector
{
    private const double StandardNormalMeanSurprise = 1.4189385332046727; // ½ log(2πe)
    private const double PriorKappa = 0.1;
    private const double PriorAlpha = 5;
    private const double PriorBeta = 5;

    private readonly BocpdOptions _options;
    private readonly double _hazard;
    private readonly double[] _probability;
    private readonly double[] _mean;
    private readonly double[] _beta;
    private readonly double[] _next;
    private readonly double[] _weighted;
    private readonly double[] _logNormaliser;
    private readonly double[] _kappa;
    private readonly double[] _nu;
    private double _center = double.NaN;
    private double _scale;

    /// <summary>Creates a detector; its buffers are sized once by <see cref="BocpdOptions.MaxRunLength"/>.</summary>
    public BocpdDetector(BocpdOptions? options = null)
    {
        _options = (options ?? new BocpdOptions()).Validated();
        _hazard = 1.0 / _options.ExpectedRunLength;
        var slots = _options.MaxRunLength;
        _probability = new double[slots];
        _mean = new double[slots];
        _beta = new double[slots];
        _next = new double[slots];
        _weighted = new double[slots];
        _logNormaliser = new double[slots];
        _kappa = new double[slots];
        _nu = new double[slots];
        for (var r = 0; r < slots; r++)
        {
            // A run of length r has seen r values: κ = κ₀ + r, α = α₀ + r/2, ν = 2α.
            _kappa[r] = PriorKappa + r;
            _nu[r] = 2.0 * (PriorAlpha + (0.5 * r));
            _logNormaliser[r] = SpecialFunctions.GammaLn(0.5 * (_nu[r] + 1)) - SpecialFunctions.GammaLn(0.5 * _nu[r]) - (0.5 * Math.Log(_nu[r] * Math.PI));
        }
    }

    /// <inheritdoc />
    public string Name => "bocpd";

    /// <summary>Posterior probability that the current run is at most <see cref="BocpdOptions.ShortRun"/> samples long.</summary>
    public double ChangeProbability { get; private set; }

    /// <summary>The most probable current run length (the last slot stands for every longer run).</summary>
    public int MostProbableRunLength { get; private set; }

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount).RequireSpread(Name);
        _center = data.Median;
        _scale = data.Scale;
        Array.Clear(_probability);
        Array.Clear(_mean);
        Array.Fill(_beta, PriorBeta);
        // The training period is one long run: start with all mass on the last slot, its statistics those of standard data.
        _probability[^1] = 1.0;
        _beta[^1] = 0.5 * _nu[^1];
        ChangeProbability = 0;
        MostProbableRunLength = _options.MaxRunLength - 1;
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (double.IsNaN(_center))
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        if (!double.IsFinite(value))
            return 0;
        var y = (value - _center) / _scale;
        var slots = _options.MaxRunLength;
        var evidence = 0.0;
        var changeMass = 0.0;
        Array.Clear(_next);
        for (var r = 0; r < slots; r++)
        {
            // Run lengths holding less than 1e-8 of the mass cannot move the score; skipping them halves the cost.
            if (_probability[r] < 1e-8)
            {
                _weighted[r] = 0;
                continue;
            }
            var predictive = _weighted[r] = _probability[r] * Predictive(r, y);
            evidence += predictive;
            changeMass += predictive * _hazard;
            _next[Math.Min(r + 1, slots - 1)] += predictive * (1 - _hazard);
        }
        var surprise = evidence > 0 ? -Math.Log(evidence) : 745.0; // 745 ≈ −log(double.Epsilon)
        if (!(evidence > 0))
        {
            // The value is impossible under every run: certainly a change.
            Array.Clear(_next);
            changeMass = evidence = 1;
        }
        _next[0] += changeMass;

        // Sufficient statistics move one slot up; slot 0 restarts from the prior. The last slot absorbs its own growth and
        // that of the slot below, and keeps the statistics of whichever brought more mass (its own, on a long stable run).
        var lastKeepsItsOwn = _weighted[slots - 1] >= _weighted[slots - 2];
        for (var r = slots - 1; r >= 1; r--)
        {
            var from = r == slots - 1 && lastKeepsItsOwn ? r : r - 1;
            var kappa = _kappa[from];
            var delta = y - _mean[from];
            _beta[r] = _beta[from] + (kappa * delta * delta / (2 * (kappa + 1)));
            _mean[r] = _mean[from] + (delta / (kappa + 1));
        }
        _mean[0] = 0;
        _beta[0] = PriorBeta;

        var shortMass = 0.0;
        var best = 0;
        for (var r = 0; r < slots; r++)
        {
            _probability[r] = _next[r] / evidence;
            if (r <= _options.ShortRun)
                shortMass += _probability[r];
            if (_probability[r] > _probability[best])
                best = r;
        }
        ChangeProbability = Math.Min(1, shortMass);
        MostProbableRunLength = best;
        return _options.Score == BocpdScore.ChangeProbability
            ? ChangeProbability
            : Math.Max(0, surprise - StandardNormalMeanSurprise);
    }

    /// <summary>Student-t predictive density of run length <paramref name="r"/> at <paramref name="y"/>.</summary>
    private double Predictive(int r, double y)
    {
        var nu = _nu[r];
        var kappa = _kappa[r];
        var alpha = 0.5 * nu;
        var scale2 = _beta[r] * (kappa + 1) / (alpha * kappa);
        var d = y - _mean[r];
        return Math.Exp(_logNormaliser[r] - (0.5 * Math.Log(scale2)) - (0.5 * (nu + 1) * Math.Log(1 + (d * d / (nu * scale2)))));
    }
}
