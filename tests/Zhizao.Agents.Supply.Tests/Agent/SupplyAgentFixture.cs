using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Agents.Supply.Agent;
using Zhizao.Agents.Supply.Data;
using Zhizao.Agents.Supply.Tests.Data;
using Zhizao.Core.Agents;

namespace Zhizao.Agents.Supply.Tests.Agent;

/// <summary>The agent on a fixed clock, and the sample files read as the CLI reads them.</summary>
internal static class SupplyAgents
{
    public static readonly AgentCaller Caller = new("test", "operator");

    /// <summary>2026-05-10 09:00 in Shanghai: the demo history ends on 2026-05-09.</summary>
    public static readonly DateTimeOffset Now = new(2026, 5, 10, 1, 0, 0, TimeSpan.Zero);

    public static SupplyAgent Create() => new(new FakeTimeProvider(Now), NullLogger<SupplyAgent>.Instance);

    public static async Task<SupplyData> SampleAsync(bool withInventory = true) => new(
        await DemandFile.ReadAsync(Files.Sample("demand.example.csv")),
        withInventory ? await InventoryFile.ReadAsync(Files.Sample("inventory.example.csv")) : null,
        "file", "demand.example.csv");

    public static async Task<SupplyData> CsvAsync(string csv) => new(await Files.Demand(csv), null, "file", "demand.csv");

    /// <summary>Runs a skill that must succeed; the output (read back from its JSON text, as a client sees it) never holds NaN or infinities.</summary>
    public static async Task<JsonObject> OkAsync(this Task<SkillResult> call)
    {
        var result = await call;
        Assert.True(result.IsSuccess, result.Error?.Message);
        var text = result.Output!.ToJsonString();
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Runs a skill that must fail with <paramref name="type"/>; returns the message.</summary>
    public static async Task<string> FailsAsync(this Task<SkillResult> call, string type = "invalid-input")
    {
        var result = await call;
        Assert.False(result.IsSuccess, "the call succeeded");
        Assert.Equal(type, result.Error!.Type);
        return result.Error.Message;
    }

    public static JsonObject Input(string json) => JsonNode.Parse(json)!.AsObject();
}
