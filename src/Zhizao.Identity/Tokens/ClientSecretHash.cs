using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Zhizao.Identity.Tokens;

/// <summary>
/// A client secret as stored: a random salt and SHA-256(salt ‖ UTF-8 secret), both base64url. Secrets are 256 random bits, so a
/// fast hash is enough (no password stretching needed); presented secrets are compared in constant time.
/// </summary>
/// <param name="Salt">16 random bytes.</param>
/// <param name="Hash">SHA-256 of salt and secret.</param>
public sealed record ClientSecretHash(string Salt, string Hash)
{
    /// <summary>Salt and hash of a random secret, for clients that do not exist (comparisons take the same time either way).</summary>
    internal static readonly ClientSecretHash Decoy = Create(NewSecret());

    /// <summary>A new random secret: <c>zcs_</c> + 43 base64url characters (256 bits).</summary>
    public static string NewSecret() => "zcs_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of <paramref name="secret"/> with a fresh salt.</summary>
    public static ClientSecretHash Create(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new ClientSecretHash(Base64Url.EncodeToString(salt), Base64Url.EncodeToString(Digest(salt, secret)));
    }

    /// <summary>True when <paramref name="presented"/> is the secret; the comparison takes the same time whatever bytes differ.</summary>
    public bool Matches(string presented)
    {
        byte[] salt, expected;
        try
        {
            salt = Base64Url.DecodeFromChars(Salt);
            expected = Base64Url.DecodeFromChars(Hash);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Digest(salt, presented), expected);
    }

    private static byte[] Digest(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }
}
