using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Zhizao.Protocols.A2A.Cards;

/// <summary>
/// An A2A agent card, protocol version 1.0 (the version the official JavaScript SDK 1.x speaks; field names as in the specification).
/// Zhizao's own fields (grade, impact, scenario, taxonomy, benchmark scores, skill schemas) travel in the
/// <see cref="ZhizaoCardExtension"/> entry of <see cref="AgentCapabilities.Extensions"/>, so that any A2A client can read the card.
/// </summary>
public sealed record AgentCard
{
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>What the agent does.</summary>
    public required string Description { get; init; }
    /// <summary>Where and how the agent is reached (first entry preferred).</summary>
    public IReadOnlyList<AgentInterface> SupportedInterfaces { get; init; } = [];
    /// <summary>Who provides the agent.</summary>
    public AgentProvider? Provider { get; init; }
    /// <summary>The agent's semantic version.</summary>
    public required string Version { get; init; }
    /// <summary>Documentation address.</summary>
    public string? DocumentationUrl { get; init; }
    /// <summary>Protocol features and extensions.</summary>
    public AgentCapabilities Capabilities { get; init; } = new();
    /// <summary>Security schemes by name (OpenAPI-style objects).</summary>
    public IReadOnlyDictionary<string, JsonObject> SecuritySchemes { get; init; } = new Dictionary<string, JsonObject>();
    /// <summary>Which schemes a caller must satisfy.</summary>
    public IReadOnlyList<JsonObject> SecurityRequirements { get; init; } = [];
    /// <summary>Media types the agent accepts by default.</summary>
    public IReadOnlyList<string> DefaultInputModes { get; init; } = ["application/json", "text/plain"];
    /// <summary>Media types the agent answers with by default.</summary>
    public IReadOnlyList<string> DefaultOutputModes { get; init; } = ["application/json"];
    /// <summary>What the agent can do.</summary>
    public IReadOnlyList<AgentSkill> Skills { get; init; } = [];
    /// <summary>JWS signatures over the card without this field (RFC 7515 flattened, detached payload: JCS of the card).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AgentCardSignature>? Signatures { get; init; }
    /// <summary>Icon address.</summary>
    public string? IconUrl { get; init; }

    /// <summary>Serializer options for cards: camelCase, nulls omitted.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Zhizao's extension of this card, when present.</summary>
    [JsonIgnore]
    public ZhizaoCardExtension? Zhizao =>
        Capabilities.Extensions.FirstOrDefault(e => e.Uri == ZhizaoCardExtension.Uri)?.Params is { } p
            ? p.Deserialize<ZhizaoCardExtension>(JsonOptions)
            : null;

    /// <summary>The card as JSON.</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, JsonOptions)!.AsObject();

    /// <summary>Reads a card; throws <see cref="JsonException"/> when it is not one.</summary>
    public static AgentCard FromJson(JsonNode json) =>
        json.Deserialize<AgentCard>(JsonOptions) ?? throw new JsonException("the agent card is null");
}

/// <summary>One way to reach an agent.</summary>
/// <param name="Url">Endpoint address.</param>
/// <param name="ProtocolBinding">JSONRPC, GRPC or HTTP+JSON.</param>
/// <param name="ProtocolVersion">A2A protocol version spoken there ("1.0", "0.3").</param>
/// <param name="Tenant">Tenant path segment, empty when none.</param>
public sealed record AgentInterface(string Url, string ProtocolBinding = "JSONRPC", string ProtocolVersion = "1.0", string Tenant = "");

/// <summary>The organisation behind an agent.</summary>
/// <param name="Organization">Organisation name.</param>
/// <param name="Url">Organisation address.</param>
public sealed record AgentProvider(string Organization, string Url);

/// <summary>Protocol features.</summary>
public sealed record AgentCapabilities
{
    /// <summary>Supports SendStreamingMessage (SSE).</summary>
    public bool? Streaming { get; init; } = true;
    /// <summary>Supports push notifications.</summary>
    public bool? PushNotifications { get; init; } = false;
    /// <summary>Extensions the agent supports (Zhizao's registry extension among them).</summary>
    public IReadOnlyList<AgentExtension> Extensions { get; init; } = [];
    /// <summary>Serves an extended card to authenticated callers.</summary>
    public bool? ExtendedAgentCard { get; init; }
}

/// <summary>An extension declaration.</summary>
/// <param name="Uri">Extension id.</param>
/// <param name="Description">What it adds.</param>
/// <param name="Required">Whether clients must understand it.</param>
/// <param name="Params">Extension parameters.</param>
public sealed record AgentExtension(string Uri, string Description = "", bool Required = false, JsonObject? Params = null);

/// <summary>One skill of an agent card.</summary>
public sealed record AgentSkill
{
    /// <summary>Skill id (Zhizao: the skill name, e.g. <c>schedule</c>).</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>What it does.</summary>
    public required string Description { get; init; }
    /// <summary>Free tags (Zhizao adds taxonomy tags here too).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Example requests.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
    /// <summary>Accepted media types, when not the card's default.</summary>
    public IReadOnlyList<string>? InputModes { get; init; }
    /// <summary>Answered media types, when not the card's default.</summary>
    public IReadOnlyList<string>? OutputModes { get; init; }
}

/// <summary>A JWS signature of a card (flattened JSON serialization, detached payload).</summary>
/// <param name="Protected">Base64url of the protected header JSON (alg, kid, typ).</param>
/// <param name="Signature">Base64url signature.</param>
/// <param name="Header">Unprotected header.</param>
public sealed record AgentCardSignature(string Protected, string Signature, JsonObject? Header = null);
