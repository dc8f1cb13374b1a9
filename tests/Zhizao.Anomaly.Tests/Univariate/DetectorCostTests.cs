using System.Diagnostics;
using Xunit.Abstractions;
using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

/// <summary>Measures time per update (reported, not asserted: timing depends on the machine and the build).</summary>
public sealed class DetectorCostTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => ["robust-z", "cusum", "bocpd", "stuck", "variance"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Update_cost_is_reported_per_detector(string name)
    {
        IUnivariateDetector detector = name switch
        {
            "robust-z" => new RobustZDetector(),
            "cusum" => new CusumDetector(),
            "bocpd" => new BocpdDetector(),
            "stuck" => new StuckDetector(),
            _ => new VarianceDetector(),
        };
        var (times, values) = Signals.SineWithNoise(100_000, 48, 5, 0.5, seed: 14);
        detector.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));

        var started = Stopwatch.GetTimestamp();
        var sum = 0.0;
        for (var i = 1000; i < values.Length; i++)
            sum += detector.Update(times[i], values[i]);
        var elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"{name}: {elapsed.TotalNanoseconds / (values.Length - 1000):F0} ns/update");
        Assert.True(double.IsFinite(sum));
    }
}
