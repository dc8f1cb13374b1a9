using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;

namespace Zhizao.Registry.Catalog;

/// <summary>The outcome of checking a card's signatures.</summary>
/// <param name="Valid">True when a signature verifies with a trusted, unrevoked key of the publisher.</param>
/// <param name="KeyId">The key that verified it (or that was named).</param>
/// <param name="ErrorType">Stable error type when not valid (signature-missing, signature-invalid, key-unknown, key-revoked, key-location-untrusted …).</param>
/// <param name="Message">In words.</param>
public sealed record CardCheck(bool Valid, string? KeyId, string? ErrorType, string? Message);

/// <summary>Signing and verifying cards against the trust roots configured in Zhizao (implemented over Zhizao.Identity).</summary>
public interface ICardTrust
{
    /// <summary>Signs a card with the platform's key (built-in agents).</summary>
    JsonObject SignAsPlatform(JsonObject card);

    /// <summary>Verifies a card's signatures with keys of <paramref name="publisher"/> resolved only from the trust roots.</summary>
    CardCheck Verify(JsonObject card, string publisher);

    /// <summary>The publisher's identity level; null when the publisher is not registered.</summary>
    IdentityLevel? LevelOf(string publisher);

    /// <summary>The workspace that owns a publisher (who may publish under it); null when unknown.</summary>
    string? OwnerOf(string publisher);

    /// <summary>Changes whenever a key changes status (so cached verifications are redone).</summary>
    long Version { get; }
}

/// <summary>Reaches external agents over A2A (implemented by Zhizao.Protocols.A2A's client).</summary>
public interface IExternalAgentClient
{
    /// <summary>Fetches the agent card published at a base URL's well-known path.</summary>
    Task<JsonObject> FetchCardAsync(Uri baseUrl, CancellationToken cancellationToken);

    /// <summary>Sends a skill call to an external agent described by <paramref name="card"/>.</summary>
    Task<SkillResult> InvokeAsync(JsonObject card, string skill, JsonNode? input, JsonObject? configuration, Principal caller, CancellationToken cancellationToken);
}
