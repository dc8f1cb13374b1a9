using Zhizao.Forecasting.Global;

namespace Zhizao.Forecasting.Tests.Global;

public sealed class WindowFeaturesTests
{
    [Fact]
    public void Features_are_scaled_by_the_recent_level_and_aligned_to_the_target_phase()
    {
        // y_t = t + 1; period 4: 14 recent lags, 7 seasonal lags, no long cycle, 4 summary features.
        var y = Enumerable.Range(1, 100).Select(v => (double)v).ToArray();
        var layout = new WindowFeatures(4);
        Assert.Equal(2 + 14 + 7 + 4, layout.Count);

        const int origin = 49;
        var scale = layout.Scale(y, origin);
        // Level window 7 × 4 = 28 values: y[22..49] = 23..50, mean 36.5.
        Assert.Equal(36.5, scale, 12);

        var row = new float[layout.Count];
        layout.Fill(y, origin, 6, scale, row);
        Assert.Equal(6f, row[0]);
        Assert.Equal(1f, row[1]); // (6 − 1) mod 4
        Assert.Equal((float)(50 / 36.5), row[2]); // the last value
        Assert.Equal((float)(37 / 36.5), row[15]); // 14th recent value y[36]
        // Target index 55; its phase was last seen at 55 − 8 = 47 (y = 48), then 43, 39, …
        Assert.Equal((float)(48 / 36.5), row[16]);
        Assert.Equal((float)(44 / 36.5), row[17]);
        Assert.Equal((float)(24 / 36.5), row[22]);
        Assert.Equal((float)(48.5 / 36.5), row[23]); // mean of the last season (47..50)
        Assert.Equal(0f, row[25]); // no zeros
        Assert.Equal((float)Math.Log(37.5), row[26]);
    }

    [Fact]
    public void Values_before_the_history_are_missing_and_a_zero_window_takes_the_whole_history_level()
    {
        double[] y = [4, 0, 0, 0, 0];
        var layout = new WindowFeatures(1);
        var scale = layout.Scale(y, 4);
        Assert.Equal(0.8, scale, 12); // window of 28 covers everything: mean |y| = 0.8

        var row = new float[layout.Count];
        layout.Fill(y, 4, 1, scale, row);
        Assert.Equal(5f, row[6]); // y[0] / 0.8, the fifth recent value
        Assert.True(float.IsNaN(row[7])); // before the start
        Assert.Equal(0.8f, row[^2], 6); // four zeros in five values

        Assert.Equal(1, layout.Scale([0, 0, 0], 2));
    }
}
