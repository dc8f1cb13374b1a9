namespace Zhizao.Identity.Tokens;

/// <summary>Settings of the platform's token issuer. The server binds and checks them at start (<see cref="Validate"/>).</summary>
public sealed class TokenOptions
{
    /// <summary>The <c>iss</c> of issued tokens (the server's public base address).</summary>
    public string Issuer { get; set; } = "http://localhost:5080";

    /// <summary>The <c>aud</c> of issued tokens: Zhizao's APIs.</summary>
    public string Audience { get; set; } = "zhizao";

    /// <summary>The token endpoint's URL: the required <c>aud</c> of client assertions (RFC 7523 §3).</summary>
    public string TokenEndpoint { get; set; } = "http://localhost:5080/oauth/token";

    /// <summary>Lifetime of access tokens: 10 minutes by default, 1 to 60 minutes allowed.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tolerated clock difference with clients when checking exp and nbf (default 30 s, at most 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Client assertions remembered for replay detection at most (default 100,000); when full of live ones, new assertions are refused.</summary>
    public int ReplayCacheCapacity { get; set; } = 100_000;

    /// <summary>The longest lifetime (exp − now) a client assertion may have.</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>What is wrong with these options; empty when nothing.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AccessTokenLifetime < TimeSpan.FromMinutes(1) || AccessTokenLifetime > TimeSpan.FromMinutes(60))
            errors.Add($"AccessTokenLifetime must be between 1 and 60 minutes, not {AccessTokenLifetime}");
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
            errors.Add($"ClockSkew must be between 0 and 5 minutes, not {ClockSkew}");
        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
            errors.Add("Issuer and Audience are required");
        if (!Uri.TryCreate(TokenEndpoint, UriKind.Absolute, out _))
            errors.Add($"TokenEndpoint must be an absolute URL, not \"{TokenEndpoint}\"");
        if (ReplayCacheCapacity < 1)
            errors.Add("ReplayCacheCapacity must be positive");
        return errors;
    }
}
