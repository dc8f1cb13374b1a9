namespace Zhizao.Agents.Maintenance.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void Missing_data_file_is_a_clear_error_naming_it()
    {
        var error = Assert.ThrowsAny<IOException>(() => SharedData.Resolve("no-such-benchmark", "file.csv"));
        Assert.True(error.Message.Contains("no-such-benchmark", StringComparison.Ordinal) || error.Message.Contains("shared/data", StringComparison.Ordinal), error.Message);
    }
}
