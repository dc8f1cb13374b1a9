using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Zhizao.Core.Access;
using Zhizao.Core.Storage;

namespace Zhizao.Server.Security;

/// <summary>A validated caller.</summary>
public sealed record ApiPrincipal(string KeyId, string Name, string Role)
{
    /// <summary>What the key is limited to (workspace, scopes, assets, kind).</summary>
    public ApiKeyGrant Grant { get; init; } = ApiKeyGrant.Default;

    /// <summary>The caller as the access policy sees it.</summary>
    public Principal ToPrincipal() => new(KeyId, Name, Grant.Kind, Grant.Workspace, Role, Grant.Scopes, Grant.Assets, []);
}

/// <summary>
/// What an API key may do beyond its role: its workspace, explicit scopes (empty: the role's defaults), asset prefixes (empty: all)
/// and whether it stands for a person, a service or an agent. Stored as a document (collection <c>api-key-grants</c>) beside the key.
/// </summary>
public sealed record ApiKeyGrant(string Workspace, IReadOnlyList<string> Scopes, IReadOnlyList<string> Assets, PrincipalKind Kind)
{
    /// <summary>A person in the default workspace with the role's scopes.</summary>
    public static readonly ApiKeyGrant Default = new(Principal.DefaultWorkspace, [], [], PrincipalKind.Person);
}

/// <summary>
/// API keys: <c>zk_{id}_{secret}</c>. Only a salted SHA-256 of the 256-bit random secret is stored; presented
/// secrets are compared in constant time. Keys are cached in memory and reloaded when they change.
/// </summary>
public sealed class ApiKeyService(IStore store, TimeProvider time)
{
    /// <summary>Roles known to the platform (the registry issue refines them).</summary>
    public static readonly string[] Roles = ["admin", "engineer", "operator", "viewer", "device", "agent"];

    private const string GrantsCollection = "api-key-grants";
    private static readonly JsonSerializerOptions GrantJson = new(JsonSerializerDefaults.Web);
    private volatile IReadOnlyDictionary<string, ApiKeyRecord> _keys = new Dictionary<string, ApiKeyRecord>();
    private volatile IReadOnlyDictionary<string, ApiKeyGrant> _grants = new Dictionary<string, ApiKeyGrant>();

    /// <summary>Loads keys; on an empty store creates the first admin key and returns its full text (shown once).</summary>
    public async Task<string?> InitializeAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (_keys.Count > 0)
            return null;
        var (text, _) = await CreateAsync("admin (first start)", "admin", cancellationToken);
        return text;
    }

    /// <summary>Creates a key; returns its full text (never stored) and its record.</summary>
    public async Task<(string Text, ApiKeyRecord Record)> CreateAsync(string name, string role, CancellationToken cancellationToken) =>
        await CreateAsync(name, role, null, cancellationToken);

    /// <summary>Creates a key limited by <paramref name="grant"/> (null: a person in the default workspace with the role's scopes).</summary>
    public async Task<(string Text, ApiKeyRecord Record)> CreateAsync(string name, string role, ApiKeyGrant? grant, CancellationToken cancellationToken)
    {
        if (!Roles.Contains(role))
            throw new ArgumentException($"unknown role '{role}' (roles: {string.Join(", ", Roles)})", nameof(role));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var record = new ApiKeyRecord(id, name, role, Hash(salt, secret), salt, time.GetUtcNow(), null);
        // The grant is written first: a key never exists, even for a moment, with more rights than it was given.
        if (grant is not null && grant != ApiKeyGrant.Default)
            await store.Documents.PutAsync(GrantsCollection, id, JsonSerializer.Serialize(grant, GrantJson), null, time.GetUtcNow(), cancellationToken);
        await store.Metadata.AddApiKeyAsync(record, cancellationToken);
        await ReloadAsync(cancellationToken);
        return ($"zk_{id}_{secret}", record);
    }

    /// <summary>Revokes a key; false when unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var done = await store.Metadata.RevokeApiKeyAsync(id, time.GetUtcNow(), cancellationToken);
        await ReloadAsync(cancellationToken);
        return done;
    }

    /// <summary>All keys (hashes are not exposed by the API).</summary>
    public IEnumerable<ApiKeyRecord> List() => _keys.Values.OrderBy(k => k.CreatedAt);

    /// <summary>A key's grant.</summary>
    public ApiKeyGrant GrantOf(string id) => _grants.GetValueOrDefault(id) ?? ApiKeyGrant.Default;

    /// <summary>Checks a presented key text; null when malformed, unknown, revoked or wrong.</summary>
    public ApiPrincipal? Validate(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith("zk_") || text.Length > 200)
            return null;
        var rest = text[3..];
        var separator = rest.IndexOf('_');
        if (separator <= 0)
            return null;
        if (!_keys.TryGetValue(rest[..separator].ToString(), out var key) || key.RevokedAt is not null)
            return null;
        var presented = Hash(key.Salt, rest[(separator + 1)..].ToString());
        return CryptographicOperations.FixedTimeEquals(presented, key.SecretHash)
            ? new ApiPrincipal(key.Id, key.Name, key.Role) { Grant = GrantOf(key.Id) }
            : null;
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _grants = (await store.Documents.ListAsync(GrantsCollection, null, cancellationToken))
            .ToDictionary(d => d.Key, d => JsonSerializer.Deserialize<ApiKeyGrant>(d.Json, GrantJson)!, StringComparer.Ordinal);
        _keys = (await store.Metadata.ListApiKeysAsync(cancellationToken)).ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    private static byte[] Hash(byte[] salt, string secret)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(secret)];
        salt.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(secret, bytes.AsSpan(salt.Length));
        return SHA256.HashData(bytes);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
