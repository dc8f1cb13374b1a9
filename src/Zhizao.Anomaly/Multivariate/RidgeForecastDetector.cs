using MathNet.Numerics.LinearAlgebra;

namespace Zhizao.Anomaly.Multivariate;

/// <summary>
/// A learned one-step forecaster whose residuals are scored (VAR / MSET-like): every standardised column is predicted
/// from the previous <see cref="Lags"/> rows of all columns by ridge regression fitted with least squares on the normal
/// rows. The score is the Mahalanobis norm of the one-step residual under the training residual covariance (shrunk towards
/// its diagonal), divided by the number of columns so that ≈ 1 is typical. Contributions: <c>eᵢ · (Σ⁻¹e)ᵢ</c>, negative
/// terms clipped to 0. The lag buffer starts with the last training rows, so scoring continues the fitted period; a gap
/// (NaN) is filled with the column's last value. Cost per row: O(lags × columns²).
/// </summary>
public sealed class RidgeForecastDetector : IMultivariateDetector
{
    private readonly double _ridge;
    private ColumnScaler? _scaler;
    private double[,] _weights = new double[0, 0];
    private double[] _intercept = [];
    private double[,] _precision = new double[0, 0];
    private double[][] _history = [];
    private int _newest;
    private double[] _z = [];
    private double[] _residual = [];
    private double[] _weighted = [];

    /// <summary>Creates the forecaster; call <see cref="Fit"/> before scoring.</summary>
    /// <param name="lags">Previous rows used as inputs (≥ 1).</param>
    /// <param name="ridge">Ridge penalty per training row on the standardised inputs (≥ 0).</param>
    public RidgeForecastDetector(int lags = 2, double ridge = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lags, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ridge);
        Lags = lags;
        _ridge = ridge;
    }

    /// <inheritdoc />
    public string Name => "ridge-forecaster";

    /// <summary>Previous rows used as inputs.</summary>
    public int Lags { get; }

    /// <summary>Fewest training rows for a row width: twice the inputs per column, plus the lags, and at least 30.</summary>
    public int MinimumRows(int width) => Math.Max(30, (2 * ((Lags * width) + 1)) + Lags);

    /// <inheritdoc />
    public void Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scaler = ColumnScaler.Fit(rows, MinimumRows(rows.Count > 0 ? rows[0].Length : 1), Name);
        var p = scaler.Active.Length;
        var z = scaler.TrainingMatrix(rows);
        var n = rows.Count - Lags;
        var inputs = Lags * p;
        var x = Matrix<double>.Build.Dense(n, inputs + 1);
        var y = Matrix<double>.Build.Dense(n, p);
        for (var r = 0; r < n; r++)
        {
            for (var lag = 1; lag <= Lags; lag++)
            {
                for (var c = 0; c < p; c++)
                    x[r, ((lag - 1) * p) + c] = z[r + Lags - lag, c];
            }
            x[r, inputs] = 1;
            for (var c = 0; c < p; c++)
                y[r, c] = z[r + Lags, c];
        }
        var gram = x.TransposeThisAndMultiply(x);
        for (var i = 0; i < inputs; i++)
            gram[i, i] += _ridge * n;
        var solution = gram.Cholesky().Solve(x.TransposeThisAndMultiply(y));
        _weights = new double[inputs, p];
        _intercept = new double[p];
        for (var c = 0; c < p; c++)
        {
            for (var i = 0; i < inputs; i++)
                _weights[i, c] = solution[i, c];
            _intercept[c] = solution[inputs, c];
        }

        var residuals = y - (x * solution);
        var covariance = residuals.TransposeThisAndMultiply(residuals) / Math.Max(1, n - 1);
        var floor = 1e-6 * Math.Max(1e-12, covariance.Diagonal().Maximum());
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
                covariance[i, j] *= i == j ? 1 : 0.9;
            covariance[i, i] += floor;
        }
        _precision = covariance.Inverse().ToArray();

        _scaler = scaler;
        _z = new double[p];
        _residual = new double[p];
        _weighted = new double[p];
        _history = new double[Lags][];
        for (var lag = 0; lag < Lags; lag++)
        {
            _history[lag] = new double[p];
            for (var c = 0; c < p; c++)
                _history[lag][c] = z[rows.Count - Lags + lag, c];
        }
        _newest = Lags - 1;
    }

    /// <inheritdoc />
    public double Score(ReadOnlySpan<double> row, Span<double> contributions)
    {
        var scaler = _scaler ?? throw new InvalidOperationException($"{Name}: Fit before Score");
        scaler.Standardise(row, _z);
        var p = _z.Length;
        _intercept.CopyTo(_residual, 0);
        for (var lag = 1; lag <= Lags; lag++)
        {
            var previous = _history[(_newest - lag + 1 + Lags) % Lags];
            var offset = (lag - 1) * p;
            for (var i = 0; i < p; i++)
            {
                var v = previous[i];
                for (var c = 0; c < p; c++)
                    _residual[c] += _weights[offset + i, c] * v;
            }
        }
        for (var c = 0; c < p; c++)
            _residual[c] = _z[c] - _residual[c];
        var score = 0.0;
        for (var i = 0; i < p; i++)
        {
            var s = 0.0;
            for (var j = 0; j < p; j++)
                s += _precision[i, j] * _residual[j];
            _weighted[i] = Math.Max(0, _residual[i] * s) / p;
            score += _residual[i] * s;
        }
        scaler.Scatter(_weighted, contributions);
        _newest = (_newest + 1) % Lags;
        _z.CopyTo(_history[_newest], 0);
        return Math.Max(0, score) / p;
    }
}
