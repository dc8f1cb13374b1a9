using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Access;
using Zhizao.Core.Storage;
using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Tokens;

/// <summary>
/// OAuth clients, one JSON document per client in the <see cref="Collection"/> collection, with an in-memory snapshot for the
/// per-request checks (is the client still there and not revoked). Call <see cref="LoadAsync"/> at start and whenever another
/// instance may have written.
/// </summary>
public sealed class OAuthClientStore
{
    /// <summary>The document collection.</summary>
    public const string Collection = "oauth-clients";

    private readonly IDocumentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, (OAuthClient Client, long Revision)> _clients =
        ImmutableDictionary.Create<string, (OAuthClient, long)>(StringComparer.Ordinal);

    /// <summary>Creates the store.</summary>
    public OAuthClientStore(IDocumentStore store, TimeProvider time, ILogger<OAuthClientStore> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>(Re)reads every client from the document store.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var documents = await _store.ListAsync(Collection, null, cancellationToken);
        lock (_gate)
        {
            _clients = documents
                .Select(d => (Client: Documents.Read<OAuthClient>(d), d.Revision))
                .Select(e => _clients.TryGetValue(e.Client.ClientId, out var mine) && mine.Revision > e.Revision ? mine : e)
                .ToImmutableDictionary(e => e.Client.ClientId, StringComparer.Ordinal);
        }
    }

    /// <summary>A client; null when unknown.</summary>
    public OAuthClient? Get(string clientId) => Volatile.Read(ref _clients).TryGetValue(clientId, out var e) ? e.Client : null;

    /// <summary>Every client, by id.</summary>
    public IReadOnlyList<OAuthClient> List() =>
        [.. Volatile.Read(ref _clients).Values.Select(e => e.Client).OrderBy(c => c.ClientId, StringComparer.Ordinal)];

    /// <summary>Creates a client. For secret clients the result carries the secret, which is not stored and cannot be shown again.</summary>
    public async Task<IdentityResult<CreatedClient>> CreateAsync(ClientRegistration registration, CancellationToken cancellationToken)
    {
        if (Validate(registration) is { } invalid)
            return IdentityResult.Fail<CreatedClient>(IdentityErrors.ClientInvalid, invalid);
        var publicJwk = registration.PublicJwk is null ? null : EcPublicKey.FromJwk(registration.PublicJwk).ToJwk();
        var secret = publicJwk is null ? ClientSecretHash.NewSecret() : null;
        var client = new OAuthClient(
            registration.ClientId ?? "zc_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15)),
            registration.Name.Trim(), registration.Kind, registration.Workspace, registration.Role,
            [.. registration.Scopes.Distinct(StringComparer.Ordinal)], [.. registration.Assets], registration.AgentId,
            secret is null ? null : ClientSecretHash.Create(secret), publicJwk, _time.GetUtcNow());
        if (!await _store.TryInsertAsync(Collection, client.ClientId, Documents.Write(client), _time.GetUtcNow(), cancellationToken))
            return IdentityResult.Fail<CreatedClient>(IdentityErrors.ClientExists, $"client {client.ClientId} exists");
        Remember(client, 1);
        Log.ClientCreated(_logger, client.ClientId, client.Kind.ToString(), client.Workspace);
        return IdentityResult.Ok(new CreatedClient(client, secret));
    }

    /// <summary>Revokes a client: it can no longer get tokens and the tokens it holds stop validating at once.</summary>
    public async Task<IdentityResult<OAuthClient>> RevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        var (result, written, revision) = await Documents.UpdateAsync<OAuthClient, OAuthClient>(_store, Collection, clientId, _time, client =>
        {
            if (client is null)
                return new(null, IdentityResult.Fail<OAuthClient>(IdentityErrors.ClientUnknown, $"no client {clientId}"));
            if (client.IsRevoked)
                return new(null, IdentityResult.Ok(client));
            var revoked = client with { RevokedAt = _time.GetUtcNow() };
            return new(revoked, IdentityResult.Ok(revoked));
        }, cancellationToken);
        if (written is not null)
        {
            Remember(written, revision);
            Log.ClientRevoked(_logger, clientId);
        }
        return result;
    }

    private void Remember(OAuthClient client, long revision)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(client.ClientId, out var current) || current.Revision < revision)
                _clients = _clients.SetItem(client.ClientId, (client, revision));
        }
    }

    private static string? Validate(ClientRegistration registration)
    {
        if (string.IsNullOrWhiteSpace(registration.Name))
            return "the client name is empty";
        if (string.IsNullOrWhiteSpace(registration.Workspace) || string.IsNullOrWhiteSpace(registration.Role))
            return "the client needs a workspace and a role";
        if (registration.ClientId is { } id && (id.Length is 0 or > 200 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            return "the client id must be 1–200 characters without spaces";
        if (registration.Scopes.Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
            return "scopes must be non-empty and contain no spaces";
        if (registration.Kind == PrincipalKind.Agent && string.IsNullOrWhiteSpace(registration.AgentId))
            return "an agent client needs the agent id it acts as";
        if (registration.Kind != PrincipalKind.Agent && registration.AgentId is not null)
            return "only agent clients carry an agent id";
        if (registration.PublicJwk is { } jwk)
        {
            try
            {
                EcPublicKey.FromJwk(jwk);
            }
            catch (FormatException e)
            {
                return $"the client's public key is not usable: {e.Message}";
            }
        }
        return null;
    }
}
