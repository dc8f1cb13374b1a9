namespace Zhizao.Forecasting.Tests.Arima;

/// <summary>Reproducible Gaussian series for the ARIMA tests.</summary>
internal static class ArimaTestData
{
    public static double[] Normal(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var t = 0; t < count; t++)
        {
            values[t] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return values;
    }

    public static double[] Ar1(double phi, int count, int seed)
    {
        var e = Normal(count, seed);
        var x = new double[count];
        for (var t = 1; t < count; t++)
        {
            x[t] = (phi * x[t - 1]) + e[t];
        }

        return x;
    }

    public static double[] RandomWalk(int count, int seed)
    {
        var e = Normal(count, seed);
        var x = new double[count];
        for (var t = 1; t < count; t++)
        {
            x[t] = x[t - 1] + e[t];
        }

        return x;
    }
}
