namespace Zhizao.Anomaly.Tests.Multivariate;

/// <summary>
/// Seeded machine signals: flow, pressure and current follow one latent process (pressure = 2·flow, current = −flow, each
/// with small noise); temperature is independent noise around 50. Rows are 1 s apart.
/// </summary>
internal sealed class PlantSignals(int seed)
{
    public static readonly string[] Names = ["flow", "pressure", "current", "temperature"];

    private readonly Random _random = new(seed);
    private int _t;

    public static long Micros(int row) => 1_700_000_000_000_000L + (row * 1_000_000L);

    public static double Latent(int t) => Math.Sin(2 * Math.PI * t / 200.0) + (0.5 * Math.Sin(2 * Math.PI * t / 37.0));

    public double[] Next()
    {
        var l = Latent(_t++);
        return [l + (0.1 * Gaussian()), (2 * l) + (0.1 * Gaussian()), -l + (0.1 * Gaussian()), 50 + Gaussian()];
    }

    public List<double[]> Take(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];

    /// <summary>Index of the next row to be generated.</summary>
    public int Position => _t;

    public double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
