using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Zhizao.Registry.Gateway;

/// <summary>Checks skill inputs against their JSON schemas (JsonSchema.Net), with compiled schemas cached per agent version and skill.</summary>
public sealed class SkillSchemas
{
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="input"/> is valid; otherwise what is wrong, naming the JSON locations (at most five problems).</summary>
    public string? Check(string agentId, string version, string skill, JsonObject schema, JsonNode? input)
    {
        var compiled = _schemas.GetOrAdd($"{agentId}@{version}#{skill}", _ => JsonSchema.FromText(schema.ToJsonString()));
        // A skill called without a body gets an empty object, as the REST API has always done.
        var element = JsonSerializer.SerializeToElement(input ?? new JsonObject());
        var result = compiled.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
            return null;
        var problems = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {Describe(e.Key, e.Value)}"))
            .Distinct().Take(5).ToList();
        return problems.Count == 0 ? "the input does not match the skill's input schema" : "the input does not match the skill's input schema: " + string.Join("; ", problems);
    }

    // Times are the usual mistake: say which form is expected rather than the validator's generic "format" text.
    private static string Describe(string keyword, string message) =>
        keyword == "format" ? $"{message} (times are ISO 8601 / RFC 3339 with an offset, e.g. 2026-11-25T08:00:00Z)" : message;
}
