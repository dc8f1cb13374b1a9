using System.Text.Json.Nodes;

namespace Zhizao.Protocols.A2A.Tests.Infrastructure;

/// <summary>Request params in both protocol versions.</summary>
internal static class Messages
{
    /// <summary>1.0 SendMessage params with the given parts (each a JSON part object).</summary>
    public static JsonObject V1(JsonNode[] parts, JsonObject? metadata = null, JsonObject? configuration = null)
    {
        var message = new JsonObject { ["messageId"] = Guid.NewGuid().ToString(), ["role"] = "ROLE_USER", ["parts"] = new JsonArray(parts) };
        if (metadata is not null)
            message["metadata"] = metadata;
        var parameters = new JsonObject { ["message"] = message };
        if (configuration is not null)
            parameters["configuration"] = configuration;
        return parameters;
    }

    /// <summary>1.0 params calling <paramref name="skill"/> with <paramref name="input"/> through a data part envelope.</summary>
    public static JsonObject V1Call(string skill, JsonNode? input, bool returnImmediately = false) =>
        V1([new JsonObject { ["data"] = new JsonObject { ["skill"] = skill, ["input"] = input } }],
            configuration: returnImmediately ? new JsonObject { ["returnImmediately"] = true } : null);

    /// <summary>0.3 message/send params calling <paramref name="skill"/> with <paramref name="input"/>.</summary>
    public static JsonObject V03Call(string skill, JsonNode? input, bool? blocking = null)
    {
        var parameters = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["kind"] = "message", ["messageId"] = Guid.NewGuid().ToString(), ["role"] = "user",
                ["parts"] = new JsonArray(new JsonObject { ["kind"] = "data", ["data"] = new JsonObject { ["skill"] = skill, ["input"] = input } }),
            },
        };
        if (blocking is { } b)
            parameters["configuration"] = new JsonObject { ["blocking"] = b };
        return parameters;
    }

    public static JsonObject AddInput(double a, double b) => new() { ["a"] = a, ["b"] = b };

    public static JsonObject Id(string id) => new() { ["id"] = id };
}
