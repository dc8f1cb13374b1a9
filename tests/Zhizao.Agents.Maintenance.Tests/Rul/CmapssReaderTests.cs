using Zhizao.Agents.Maintenance.Rul;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

public sealed class CmapssReaderTests
{
    private static string Row(int unit, int cycle, string sensor1 = "518.67") =>
        $"{unit} {cycle} -0.0007 -0.0004 100.0 {sensor1} " + string.Join(' ', Enumerable.Repeat("1.5", 20)) + "  ";

    [Fact]
    public void Reads_engines_in_order_with_settings_and_sensors()
    {
        var text = string.Join('\n', Row(1, 1), Row(1, 2), Row(2, 1), "");
        var runs = CmapssReader.Read(new StringReader(text), "mem.txt");
        Assert.Equal([1, 2], runs.Select(r => r.Unit));
        Assert.Equal([1, 2], runs[0].Cycles.Select(c => c.Cycle));
        Assert.Equal(-0.0007, runs[0].Cycles[0].Settings[0]);
        Assert.Equal(518.67, runs[0].Cycles[0].Sensors[0]);
        Assert.Equal(21, runs[0].Cycles[0].Sensors.Length);
    }

    [Fact]
    public void Wrong_column_count_names_file_and_line()
    {
        var text = string.Join('\n', Row(1, 1), "1 2 0.1 0.2 100.0 518.67");
        var error = Assert.Throws<CmapssFormatException>(() => CmapssReader.Read(new StringReader(text), "train_X.txt"));
        Assert.Equal(2, error.Line);
        Assert.StartsWith("train_X.txt:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparseable_value_names_file_line_and_column()
    {
        var text = string.Join('\n', Row(1, 1), Row(1, 2), Row(1, 3, "abc"));
        var error = Assert.Throws<CmapssFormatException>(() => CmapssReader.Read(new StringReader(text), "f.txt"));
        Assert.Equal(3, error.Line);
        Assert.Contains("sensor 1 'abc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_value_is_rejected_with_its_line()
    {
        var text = string.Join('\n', Row(1, 1), Row(1, 2, "NaN"));
        var error = Assert.Throws<CmapssFormatException>(() => CmapssReader.Read(new StringReader(text), "f.txt"));
        Assert.Equal(2, error.Line);
        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_going_backwards_is_rejected()
    {
        var text = string.Join('\n', Row(1, 2), Row(1, 1));
        var error = Assert.Throws<CmapssFormatException>(() => CmapssReader.Read(new StringReader(text), "f.txt"));
        Assert.Equal(2, error.Line);
    }
}
