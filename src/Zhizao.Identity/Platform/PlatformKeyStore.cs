using Zhizao.Core.Access;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Trust;

namespace Zhizao.Identity.Platform;

/// <summary>
/// The platform's own ES256 key: it signs Zhizao's built-in agent cards and the access tokens Zhizao issues. Generated on first
/// start and kept as a private JWK in a file readable only by its owner (mode 0600 on Unix); loaded on later starts.
/// The platform is the publisher <see cref="Namespace"/>, organisation-verified; <see cref="RegisterAsTrustRootAsync"/> puts the key
/// among the trust roots.
/// </summary>
public sealed class PlatformKeyStore : IDisposable
{
    /// <summary>The platform's publisher namespace.</summary>
    public const string Namespace = "cn.zhizao";

    /// <summary>The platform's display name as a publisher.</summary>
    public const string DisplayName = "Zhizao";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly EcKeyPair _key;

    private PlatformKeyStore(EcKeyPair key, string path)
    {
        _key = key;
        Path = path;
    }

    /// <summary>The key file.</summary>
    public string Path { get; }

    /// <summary>The key's kid (RFC 7638 thumbprint).</summary>
    public string Kid => _key.Kid;

    /// <summary>The public key.</summary>
    public EcPublicKey PublicKey => _key.PublicKey;

    /// <summary>The public JWK (publish it, e.g. as the token issuer's JWKS).</summary>
    public JsonObject PublicJwk => _key.ToPublicJwk();

    /// <summary>The key pair, for signing cards (<see cref="Cards.CardSigner"/>).</summary>
    public EcKeyPair KeyPair => _key;

    /// <summary>An ES256 signature (64 bytes, R‖S) over <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.Sign(data);

    /// <summary>Credentials for issuing JWTs with this key.</summary>
    public SigningCredentials SigningCredentials => _key.ToSigningCredentials();

    /// <summary>Loads the key from <paramref name="path"/>, or generates and saves one when the file does not exist.</summary>
    /// <exception cref="FormatException">The file exists but does not hold a P-256 private JWK.</exception>
    public static async Task<PlatformKeyStore> OpenAsync(string path, ILogger<PlatformKeyStore> logger, CancellationToken cancellationToken)
    {
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnly);
                Log.PlatformKeyModeFixed(logger, path);
            }
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            var jwk = JsonNode.Parse(text) as JsonObject ?? throw new FormatException($"{path} does not hold a JSON object");
            var loaded = new PlatformKeyStore(EcKeyPair.FromPrivateJwk(jwk), path);
            Log.PlatformKeyLoaded(logger, loaded.Kid, path);
            return loaded;
        }

        var key = EcKeyPair.Generate();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        try
        {
            // CreateNew: two processes starting at once cannot overwrite each other's key; the later one loads the file.
            await using var stream = new FileStream(path, options);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(key.ToPrivateJwk().ToJsonString()), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        catch (IOException) when (File.Exists(path))
        {
            key.Dispose();
            return await OpenAsync(path, logger, cancellationToken);
        }
        Log.PlatformKeyGenerated(logger, key.Kid, path);
        return new PlatformKeyStore(key, path);
    }

    /// <summary>
    /// Registers the platform (<see cref="Namespace"/>, organisation-verified) with this key active in the trust store. A previous
    /// platform key (the file was replaced) is retired, so cards it signed keep verifying until an administrator revokes it.
    /// </summary>
    public Task<IdentityResult<Publisher>> RegisterAsTrustRootAsync(TrustStore trustStore, CancellationToken cancellationToken) =>
        trustStore.EnsureTrustRootAsync(Namespace, DisplayName, IdentityLevel.OrganizationVerified, _key.PublicKey, retireOtherKeys: true, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
