using System.Net;
using DnsClient;

namespace Zhizao.Identity.Trust;

/// <summary>
/// TXT lookups with DnsClient.NET: the system's resolvers (/etc/resolv.conf) by default, or the name servers given (an internal DNS
/// of the plant's network). Answers are not cached, so a record just published is seen at once.
/// </summary>
public sealed class DnsClientTxtResolver : IDnsTxtResolver
{
    private readonly LookupClient _client;

    /// <summary>Creates a resolver; <paramref name="nameServers"/> empty means the system's.</summary>
    public DnsClientTxtResolver(IReadOnlyList<IPEndPoint> nameServers, TimeSpan timeout)
    {
        var options = nameServers.Count > 0 ? new LookupClientOptions([.. nameServers.Select(e => new NameServer(e))]) : new LookupClientOptions();
        options.UseCache = false;
        options.Timeout = timeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        _client = new LookupClient(options);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
        return [.. response.Answers.TxtRecords().Select(r => string.Concat(r.Text))];
    }
}
