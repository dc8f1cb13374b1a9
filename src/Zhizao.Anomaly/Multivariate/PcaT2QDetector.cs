using MathNet.Numerics.LinearAlgebra;
using Zhizao.Anomaly.Calibration;

namespace Zhizao.Anomaly.Multivariate;

/// <summary>
/// Principal component monitoring: PCA of the standardised normal rows keeps the components that explain
/// <see cref="ExplainedVariance"/> of the variance; a row is scored by Hotelling's T² inside the model plane and by the
/// squared prediction error Q (SPE) off it, each divided by its control limit (the <see cref="ControlQuantile"/> quantile
/// of the training values), so the score is ≈ 1 at the limit. Contributions: Q splits into squared residuals per column;
/// T² into <c>zᵢ · (P Λ⁻¹ Pᵀ z)ᵢ</c> (the standard decomposition, negative terms clipped to 0), each scaled by its limit.
/// Cost per row: O(columns × components).
/// </summary>
public sealed class PcaT2QDetector : IMultivariateDetector
{
    private ColumnScaler? _scaler;
    private double[,] _loadings = new double[0, 0];
    private double[] _eigenvalues = [];
    private double _t2Limit;
    private double _qLimit;
    private double[] _z = [];
    private double[] _t = [];
    private double[] _t2Part = [];
    private double[] _perActive = [];

    /// <summary>Creates the detector; call <see cref="Fit"/> before scoring.</summary>
    /// <param name="explainedVariance">Share of standardised variance the kept components explain, in (0, 1).</param>
    /// <param name="controlQuantile">Training quantile used as the T² and Q control limits, in (0.5, 1).</param>
    public PcaT2QDetector(double explainedVariance = 0.95, double controlQuantile = 0.99)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(explainedVariance, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(explainedVariance, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(controlQuantile, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(controlQuantile, 1);
        ExplainedVariance = explainedVariance;
        ControlQuantile = controlQuantile;
    }

    /// <inheritdoc />
    public string Name => "pca-t2q";

    /// <summary>Share of variance the kept components explain.</summary>
    public double ExplainedVariance { get; }

    /// <summary>Quantile of the training T² and Q used as control limits.</summary>
    public double ControlQuantile { get; }

    /// <summary>Number of principal components kept (after fitting).</summary>
    public int Components => _eigenvalues.Length;

    /// <summary>Fewest training rows for a row width: enough to estimate a covariance.</summary>
    public static int MinimumRows(int width) => Math.Max(20, 2 * width + 1);

    /// <inheritdoc />
    public void Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scaler = ColumnScaler.Fit(rows, MinimumRows(rows.Count > 0 ? rows[0].Length : 1), Name);
        var p = scaler.Active.Length;
        var z = Matrix<double>.Build.DenseOfArray(scaler.TrainingMatrix(rows));
        var covariance = z.TransposeThisAndMultiply(z) / (rows.Count - 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var total = order.Sum(i => Math.Max(0, evd.EigenValues[i].Real));
        // Keep at least one component and leave at least one out, so both T² and Q carry information.
        var kept = 0;
        var explained = 0.0;
        while (kept < Math.Max(1, p - 1) && explained < ExplainedVariance * total)
            explained += Math.Max(0, evd.EigenValues[order[kept++]].Real);
        kept = Math.Max(1, kept);

        _loadings = new double[p, kept];
        _eigenvalues = new double[kept];
        for (var j = 0; j < kept; j++)
        {
            _eigenvalues[j] = Math.Max(evd.EigenValues[order[j]].Real, 1e-12 * Math.Max(total, 1e-300));
            for (var i = 0; i < p; i++)
                _loadings[i, j] = evd.EigenVectors[i, order[j]];
        }
        _scaler = scaler;
        _z = new double[p];
        _t = new double[kept];
        _t2Part = new double[p];
        _perActive = new double[p];

        var t2 = new double[rows.Count];
        var q = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            scaler.StandardiseTraining(rows[r], _z);
            (t2[r], q[r]) = Statistics();
        }
        _t2Limit = Math.Max(Quantiles.Of(t2, ControlQuantile), 1e-12);
        _qLimit = Math.Max(Quantiles.Of(q, ControlQuantile), 1e-12 * p);
    }

    /// <inheritdoc />
    public double Score(ReadOnlySpan<double> row, Span<double> contributions)
    {
        var scaler = _scaler ?? throw new InvalidOperationException($"{Name}: Fit before Score");
        scaler.Standardise(row, _z);
        var (t2, q) = Statistics();
        for (var i = 0; i < _z.Length; i++)
            _perActive[i] = (Math.Max(0, _t2Part[i]) / _t2Limit) + (_perActive[i] / _qLimit);
        scaler.Scatter(_perActive, contributions);
        return (t2 / _t2Limit) + (q / _qLimit);
    }

    /// <summary>T² and Q of <see cref="_z"/>; leaves the T² decomposition in <see cref="_t2Part"/> and squared residuals in <see cref="_perActive"/>.</summary>
    private (double T2, double Q) Statistics()
    {
        var p = _z.Length;
        var k = _t.Length;
        var t2 = 0.0;
        for (var j = 0; j < k; j++)
        {
            var s = 0.0;
            for (var i = 0; i < p; i++)
                s += _loadings[i, j] * _z[i];
            _t[j] = s;
            t2 += s * s / _eigenvalues[j];
        }
        var q = 0.0;
        for (var i = 0; i < p; i++)
        {
            double projected = 0, weighted = 0;
            for (var j = 0; j < k; j++)
            {
                projected += _loadings[i, j] * _t[j];
                weighted += _loadings[i, j] * _t[j] / _eigenvalues[j];
            }
            var residual = _z[i] - projected;
            _perActive[i] = residual * residual;
            _t2Part[i] = _z[i] * weighted;
            q += residual * residual;
        }
        return (t2, q);
    }
}
