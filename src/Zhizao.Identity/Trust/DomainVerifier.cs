using System.Text;

namespace Zhizao.Identity.Trust;

/// <summary>Looks up DNS TXT records (<see cref="DnsClientTxtResolver"/> with DnsClient.NET; a zone in memory in unit tests).</summary>
public interface IDnsTxtResolver
{
    /// <summary>The strings of every TXT record of <paramref name="name"/> (each record's character-strings joined); empty when none.</summary>
    Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken);
}

/// <summary>
/// Checks a domain challenge: the token must appear in the well-known file (tried over https, then http, as ACME's HTTP-01 does)
/// or in a TXT record of <c>_zhizao-challenge.{domain}</c>.
/// </summary>
/// <param name="http">The client that fetches the well-known file (its handler decides redirects and timeouts).</param>
/// <param name="dns">The TXT resolver; without one the DNS method is unavailable.</param>
public sealed class DomainVerifier(HttpClient http, IDnsTxtResolver? dns = null)
{
    /// <summary>Bytes read from the well-known file at most.</summary>
    public const int MaxFileBytes = 8 * 1024;

    private static readonly string[] Schemes = ["https", "http"];

    /// <summary>True when a DNS resolver is configured.</summary>
    public bool SupportsDns => dns is not null;

    /// <summary>Null when the domain holds the token; otherwise why not.</summary>
    public async Task<string?> CheckAsync(DomainChallenge challenge, DomainProofMethod method, CancellationToken cancellationToken)
    {
        if (method == DomainProofMethod.DnsTxt)
        {
            if (dns is null)
                return "no DNS resolver is configured";
            var records = await dns.ResolveTxtAsync(challenge.DnsName, cancellationToken);
            return records.Any(r => r.Trim() == challenge.Token) ? null : $"no TXT record of {challenge.DnsName} holds the token";
        }

        var reasons = new List<string>();
        foreach (var scheme in Schemes)
        {
            var url = new Uri($"{scheme}://{challenge.Domain}{DomainChallenge.WellKnownPath}");
            try
            {
                var text = await FetchAsync(url, cancellationToken);
                if (text is null)
                    reasons.Add($"{url} did not answer 200");
                else if (text.Split('\n').Any(line => line.Trim() == challenge.Token))
                    return null;
                else
                    reasons.Add($"{url} does not hold the token");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                reasons.Add($"{url}: {e.Message}");
            }
        }
        return string.Join("; ", reasons);
    }

    private async Task<string?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            return null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxFileBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
            read += n;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
