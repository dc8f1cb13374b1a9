using System.Text;
using System.Text.Json.Nodes;
using Zhizao.Identity.Json;

namespace Zhizao.Identity.Tests.Json;

public sealed class JsonCanonicalizerTests
{
    [Fact]
    public void Rfc8785_primitive_data_types_example_gives_the_published_output()
    {
        // RFC 8785 §3.2.2, input and expected output copied from the RFC.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        var canonical = JsonCanonicalizer.Canonicalize(JsonNode.Parse(input));

        Assert.Equal(expected, Encoding.UTF8.GetString(canonical));
        // RFC 8785 §3.2.4 gives the UTF-8 bytes of that output.
        Assert.Equal(
            Convert.FromHexString(
                "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a" +
                "5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d3237" +
                "5d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d"),
            canonical);
    }

    [Fact]
    public void Rfc8785_sorting_example_orders_members_by_utf16_code_units()
    {
        // RFC 8785 §3.2.3: property names sorted as UTF-16 code units (the emoji's high surrogate D83D sorts before FB33).
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = JsonCanonicalizer.CanonicalizeToString(JsonNode.Parse(input));

        var names = JsonNode.Parse(canonical)!.AsObject().Select(p => p.Value!.GetValue<string>()).ToArray();
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            names);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", canonical, StringComparison.Ordinal);
    }

    [Theory]
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_are_written_as_the_rfc_appendix_b_table_says(ulong bits, string expected) =>
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));

    [Theory]
    [InlineData(0x7fffffffffffffffUL)]
    [InlineData(0x7ff0000000000000UL)]
    public void NaN_and_infinity_have_no_canonical_form(ulong bits) =>
        Assert.Throws<FormatException>(() => JsonCanonicalizer.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create("a\ud800b")));

    [Fact]
    public void Numbers_built_in_memory_read_like_parsed_ones()
    {
        var built = new JsonObject { ["b"] = 4.50m, ["a"] = 10, ["c"] = 1e30, ["d"] = new JsonArray(1.5f, -0.0) };

        Assert.Equal("""{"a":10,"b":4.5,"c":1e+30,"d":[1.5,0]}""", JsonCanonicalizer.CanonicalizeToString(built));
    }

    [Fact]
    public void Nested_objects_are_sorted_at_every_level_and_whitespace_is_dropped()
    {
        var node = JsonNode.Parse("""{ "z": { "b": [ {"y":1,"x":2} ], "a": "\u001f\t" }, "A": true }""");

        Assert.Equal("""{"A":true,"z":{"a":"\u001f\t","b":[{"x":2,"y":1}]}}""", JsonCanonicalizer.CanonicalizeToString(node));
    }
}
