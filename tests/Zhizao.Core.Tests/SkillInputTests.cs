using System.Text.Json.Nodes;
using Zhizao.Core.Agents;

namespace Zhizao.Core.Tests;

public sealed class SkillInputTests
{
    [Fact]
    public void Numbers_read_as_the_asked_type_whether_parsed_or_built_in_memory()
    {
        var parsed = JsonNode.Parse("""{"seconds": 10, "rate": 2.5, "name": "x"}""");
        var built = new JsonObject { ["seconds"] = 10, ["rate"] = 2.5 };

        Assert.True(SkillInput.TryRead(parsed, "seconds", out double? a) && a == 10);
        Assert.True(SkillInput.TryRead(built, "seconds", out double? b) && b == 10);
        Assert.True(SkillInput.TryRead(built, "seconds", out long? c) && c == 10);
        Assert.False(SkillInput.TryRead(built, "rate", out int? _));
        Assert.False(SkillInput.TryRead(parsed, "rate", out int? _));
        Assert.False(SkillInput.TryRead(parsed, "name", out double? _));
    }

    [Fact]
    public void Absent_fields_are_fine_and_times_need_an_offset()
    {
        var input = JsonNode.Parse("""{"at": "2026-11-25T08:00:00", "utc": "2026-11-25T08:00:00Z"}""");

        Assert.True(SkillInput.TryRead(input, "missing", out int? none) && none is null);
        Assert.False(SkillInput.TryReadTime(input, "at", out _));
        Assert.True(SkillInput.TryReadTime(input, "utc", out var utc) && utc == new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    }
}
