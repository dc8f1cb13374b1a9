namespace Zhizao.Anomaly.Tests.Univariate;

/// <summary>Constructed signals: a sine of the given period plus seeded Gaussian noise, one sample per minute.</summary>
internal static class Signals
{
    public const long MinuteMicros = 60_000_000;

    public static (long[] Times, double[] Values) SineWithNoise(int count, int period, double amplitude, double noise, int seed)
    {
        var random = new Random(seed);
        var times = new long[count];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = i * MinuteMicros;
            values[i] = 10 + (amplitude * Math.Sin(2 * Math.PI * i / period)) + (noise * Gaussian(random));
        }
        return (times, values);
    }

    /// <summary>Fits on the first <paramref name="training"/> samples and returns the scores of the rest.</summary>
    public static double[] FitAndScore(IUnivariateDetector detector, long[] times, double[] values, int training)
    {
        detector.Fit(times.AsSpan(0, training), values.AsSpan(0, training));
        var scores = new double[values.Length - training];
        for (var i = training; i < values.Length; i++)
            scores[i - training] = detector.Update(times[i], values[i]);
        return scores;
    }

    public static double Max(double[] scores, int from, int to) => scores[from..to].Max();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
