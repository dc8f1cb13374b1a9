using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Principal = Zhizao.Core.Access.Principal;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Platform;
using Zhizao.Identity.Trust;

namespace Zhizao.Registry.Catalog;

/// <summary>
/// The registry's view of identity: cards are verified against the trust store only (never a key the signer points to), built-in cards are
/// signed with the platform key, and each publisher is owned by the workspace that registered it (collection <c>publisher-owners</c>).
/// </summary>
public sealed class IdentityCardTrust(TrustStore trustStore, EcKeyPair platformKey) : ICardTrust
{
    private readonly CardVerifier _verifier = new(trustStore);
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public JsonObject SignAsPlatform(JsonObject card)
    {
        var unsigned = card.DeepClone().AsObject();
        unsigned.Remove(CardSigner.SignaturesMember);
        return CardSigner.Sign(unsigned, platformKey);
    }

    /// <inheritdoc />
    public CardCheck Verify(JsonObject card, string publisher)
    {
        var result = _verifier.Verify(card, publisher);
        return new CardCheck(result.Valid, result.Kid, result.Type, result.Message);
    }

    /// <inheritdoc />
    public Core.Access.IdentityLevel? LevelOf(string publisher) =>
        trustStore.GetPublisher(publisher) is { } p ? (Core.Access.IdentityLevel)(int)p.Level : null;

    /// <inheritdoc />
    public string? OwnerOf(string publisher) =>
        publisher == PlatformKeyStore.Namespace ? Principal.DefaultWorkspace : _owners.GetValueOrDefault(publisher);

    /// <inheritdoc />
    public long Version => trustStore.Version;

    /// <summary>Records the workspace that owns a publisher.</summary>
    public void SetOwner(string publisher, string workspace) => _owners[publisher] = workspace;
}
