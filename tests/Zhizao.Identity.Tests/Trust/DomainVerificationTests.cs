using Zhizao.Core.Access;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhizao.Identity.Trust;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests.Trust;

/// <summary>
/// Domain verification against a real Kestrel server on 127.0.0.1. The test's HttpClient connects every host name to that server
/// (its own name resolution), so the verifier fetches <c>http(s)://plant1.example.cn/.well-known/…</c> as in production.
/// </summary>
public sealed class DomainVerificationTests : IAsyncLifetime
{
    private const string Publisher = "cn.example.plant1";
    private readonly MemoryDocumentStore _documents = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestSupport.Clock();
    private WebApplication _site = null!;
    private HttpClient _http = null!;
    private string? _served;
    private string? _requestedHost;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet(DomainChallenge.WellKnownPath, (HttpContext context) =>
        {
            _requestedHost = context.Request.Host.Host;
            return _served is null ? Results.NotFound() : Results.Text(_served);
        });
        await _site.StartAsync();
        var port = new Uri(_site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    private async Task<TrustStore> PublisherAsync(IDnsTxtResolver? dns = null)
    {
        var store = TestSupport.TrustStore(_documents, _clock, new DomainVerifier(_http, dns));
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);
        return store;
    }

    [Fact]
    public async Task The_token_in_the_well_known_file_makes_the_publisher_domain_verified()
    {
        var store = await PublisherAsync();
        var challenge = (await store.CreateDomainChallengeAsync(Publisher, "plant1.example.cn", default)).Value!;
        _served = "# Zhizao publisher verification\n" + challenge.Token + "\n";

        var result = await store.VerifyDomainAsync(Publisher, DomainProofMethod.WellKnownFile, default);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("plant1.example.cn", _requestedHost);
        var publisher = store.GetPublisher(Publisher)!;
        Assert.Equal((IdentityLevel.DomainVerified, "plant1.example.cn", null), (publisher.Level, publisher.Domain, publisher.Challenge));
        Assert.Equal(IdentityErrors.ChallengeMissing, (await store.VerifyDomainAsync(Publisher, DomainProofMethod.WellKnownFile, default)).Error!.Type);
    }

    [Fact]
    public async Task A_parent_domain_proves_the_namespace_but_an_unrelated_one_is_refused()
    {
        var store = await PublisherAsync();

        Assert.True((await store.CreateDomainChallengeAsync(Publisher, "Example.CN", default)).IsSuccess);
        Assert.Equal(IdentityErrors.DomainInvalid, (await store.CreateDomainChallengeAsync(Publisher, "evil.example", default)).Error!.Type);
        Assert.Equal(IdentityErrors.DomainInvalid, (await store.CreateDomainChallengeAsync(Publisher, "xample.cn", default)).Error!.Type);
        Assert.Equal(IdentityErrors.DomainInvalid, (await store.CreateDomainChallengeAsync(Publisher, "http://example.cn", default)).Error!.Type);
    }

    [Fact]
    public async Task Another_token_or_no_file_leaves_the_publisher_self_asserted()
    {
        var store = await PublisherAsync();
        await store.CreateDomainChallengeAsync(Publisher, "plant1.example.cn", default);

        var missing = await store.VerifyDomainAsync(Publisher, DomainProofMethod.WellKnownFile, default);
        _served = "zhizao-someone-elses-token";
        var wrong = await store.VerifyDomainAsync(Publisher, DomainProofMethod.WellKnownFile, default);

        Assert.Equal(IdentityErrors.DomainUnverified, missing.Error!.Type);
        Assert.Contains("did not answer 200", missing.Error.Message, StringComparison.Ordinal);
        Assert.Equal(IdentityErrors.DomainUnverified, wrong.Error!.Type);
        Assert.Contains("does not hold the token", wrong.Error.Message, StringComparison.Ordinal);
        Assert.Equal(IdentityLevel.SelfAsserted, store.GetPublisher(Publisher)!.Level);
    }

    [Fact]
    public async Task An_expired_challenge_is_refused_even_when_the_file_is_right()
    {
        var store = await PublisherAsync();
        _served = (await store.CreateDomainChallengeAsync(Publisher, "plant1.example.cn", default)).Value!.Token;
        _clock.Advance(store.ChallengeLifetime + TimeSpan.FromSeconds(1));

        var result = await store.VerifyDomainAsync(Publisher, DomainProofMethod.WellKnownFile, default);

        Assert.Equal(IdentityErrors.ChallengeExpired, result.Error!.Type);
        Assert.Null(_requestedHost);
    }

    [Fact]
    public async Task An_organisation_verified_publisher_keeps_its_level_after_a_domain_proof()
    {
        var store = await PublisherAsync();
        await store.SetOrganizationVerifiedAsync(Publisher, default);
        _served = (await store.CreateDomainChallengeAsync(Publisher, "example.cn", default)).Value!.Token;

        var result = await store.VerifyDomainAsync(Publisher, DomainProofMethod.WellKnownFile, default);

        Assert.Equal((IdentityLevel.OrganizationVerified, "example.cn"), (result.Value!.Level, result.Value.Domain));
    }

    [Fact]
    public async Task Dns_proof_is_unavailable_without_a_resolver()
    {
        var store = await PublisherAsync();
        await store.CreateDomainChallengeAsync(Publisher, "plant1.example.cn", default);

        Assert.Equal(IdentityErrors.MethodUnavailable, (await store.VerifyDomainAsync(Publisher, DomainProofMethod.DnsTxt, default)).Error!.Type);
    }

    [Fact]
    public async Task Dns_proof_looks_for_the_token_in_the_challenge_record()
    {
        // A zone in memory at the IDnsTxtResolver seam (DnsProofTests runs the real resolver against a real DNS server).
        var zone = new Dictionary<string, string[]>();
        var store = await PublisherAsync(new ZoneResolver(zone));
        var challenge = (await store.CreateDomainChallengeAsync(Publisher, "plant1.example.cn", default)).Value!;
        zone["_zhizao-challenge.plant1.example.cn"] = ["v=spf1 -all"];

        Assert.Equal(IdentityErrors.DomainUnverified, (await store.VerifyDomainAsync(Publisher, DomainProofMethod.DnsTxt, default)).Error!.Type);
        zone["_zhizao-challenge.plant1.example.cn"] = ["v=spf1 -all", challenge.Token];
        Assert.Equal(IdentityLevel.DomainVerified, (await store.VerifyDomainAsync(Publisher, DomainProofMethod.DnsTxt, default)).Value!.Level);
    }

    private sealed class ZoneResolver(Dictionary<string, string[]> zone) : IDnsTxtResolver
    {
        public Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(zone.TryGetValue(name, out var records) ? records : []);
    }
}
