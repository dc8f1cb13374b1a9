using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Zhizao.Core.Access;
using Zhizao.Identity.Trust;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests.Trust;

/// <summary>The DNS proof against a real DNS server: Debian's dnsmasq serving the challenge TXT record on a loopback port.</summary>
public sealed class DnsProofTests
{
    private const string Publisher = "cn.example.plant1";
    private const string Dnsmasq = "/usr/sbin/dnsmasq";

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static Process StartDnsmasq(int port, string record, string text)
    {
        Assert.True(File.Exists(Dnsmasq), $"{Dnsmasq} is missing: install Debian's dnsmasq-base (.ci/run does)");
        var start = new ProcessStartInfo(Dnsmasq)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--pid-file=",
            "--listen-address=127.0.0.1", "--bind-interfaces", $"--port={port}", $"--txt-record={record},{text}" })
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    [Fact]
    public async Task The_token_in_the_challenge_txt_record_served_by_a_real_dns_server_verifies_the_domain()
    {
        var documents = new MemoryDocumentStore();
        var port = FreeUdpPort();
        var resolver = new DnsClientTxtResolver([new IPEndPoint(IPAddress.Loopback, port)], TimeSpan.FromSeconds(2));
        using var http = new HttpClient();
        var store = TestSupport.TrustStore(documents, TestSupport.Clock(), new DomainVerifier(http, resolver));
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);
        var challenge = (await store.CreateDomainChallengeAsync(Publisher, "plant1.example.cn", default)).Value!;

        using var dns = StartDnsmasq(port, challenge.DnsName, challenge.Token);
        try
        {
            // Wait until the server answers (it binds within milliseconds; poll rather than sleep).
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await resolver.ResolveTxtAsync(challenge.DnsName, default)).Count == 0)
            {
                Assert.False(dns.HasExited, $"dnsmasq exited: {await dns.StandardError.ReadToEndAsync()}");
                Assert.True(DateTime.UtcNow < deadline, "dnsmasq did not answer within 15 s");
                await Task.Delay(100);
            }

            var verified = await store.VerifyDomainAsync(Publisher, DomainProofMethod.DnsTxt, default);
            Assert.True(verified.IsSuccess, verified.Error?.Message);
            Assert.Equal(IdentityLevel.DomainVerified, verified.Value!.Level);
            Assert.Empty(await resolver.ResolveTxtAsync("_zhizao-challenge.other.example.cn", default));
        }
        finally
        {
            dns.Kill();
            await dns.WaitForExitAsync();
        }
    }
}
