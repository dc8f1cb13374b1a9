using Zhizao.Core.Text;

namespace Zhizao.Core.Tests.Text;

public sealed class CsvLineTests
{
    [Fact]
    public void Quoted_fields_keep_delimiters_and_doubled_quotes()
    {
        Assert.Equal(["a", "b;c", "say \"hi\"", ""], CsvLine.Split("a;\"b;c\";\"say \"\"hi\"\"\";", ';'));
        Assert.Equal(["H1", "605", ""], CsvLine.Split("\"H1\",605,"));
    }

    [Fact]
    public void A_quote_left_open_is_null()
    {
        Assert.Null(CsvLine.Split("a,\"b,c"));
    }
}
