using MathNet.Numerics.LinearAlgebra;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>
/// A linear health index: the least-squares combination of the normalised sensors that best tracks the (capped)
/// remaining life in the training runs. Averaging all sensors this way removes most of their independent noise,
/// which trees over single sensors cannot do; its rolling features are the strongest single signal.
/// </summary>
public static class HealthIndex
{
    private const double Ridge = 1e-6;

    /// <summary>
    /// Fits weights (intercept first) of <paramref name="targets"/> on <paramref name="rows"/> (each of equal length)
    /// by ridge-stabilised normal equations.
    /// </summary>
    public static double[] Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Count == 0 || rows.Count != targets.Count)
            throw new ArgumentException($"{rows.Count} rows for {targets.Count} targets");
        var p = rows[0].Length + 1;
        var gram = Matrix<double>.Build.Dense(p, p);
        var moment = Vector<double>.Build.Dense(p);
        var x = new double[p];
        for (var i = 0; i < rows.Count; i++)
        {
            x[0] = 1.0;
            rows[i].CopyTo(x, 1);
            for (var a = 0; a < p; a++)
            {
                moment[a] += x[a] * targets[i];
                for (var b = 0; b < p; b++)
                    gram[a, b] += x[a] * x[b];
            }
        }
        for (var a = 1; a < p; a++)
            gram[a, a] += Ridge * rows.Count;
        return gram.Solve(moment).ToArray();
    }

    /// <summary>The index of one normalised row under <paramref name="weights"/> (intercept first).</summary>
    public static double Evaluate(double[] weights, ReadOnlySpan<double> row)
    {
        var value = weights[0];
        for (var k = 0; k < row.Length; k++)
            value += weights[k + 1] * row[k];
        return value;
    }
}
