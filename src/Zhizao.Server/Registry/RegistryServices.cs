using Microsoft.Extensions.Options;
using Zhizao.Access.Approvals;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Benchmarks;
using Zhizao.Core.Storage;
using Zhizao.Identity.Platform;
using Zhizao.Identity.Tokens;
using Zhizao.Identity.Trust;
using Zhizao.Protocols.A2A;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Protocols.Mcp;
using Zhizao.Registry.Catalog;
using Zhizao.Registry.Gateway;
using Zhizao.Server.Apis;
using Zhizao.Server.Security;

namespace Zhizao.Server.Registry;

/// <summary>Registers identity, access, the registry, the skill gateway and the MCP and A2A protocols.</summary>
internal static partial class RegistryServices
{
    public static void Add(IServiceCollection services, IConfiguration section, ZhizaoOptions options)
    {
        var rate = section.GetSection("RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (rate.Validate().ToList() is { Count: > 0 } rateProblems)
            throw new OptionsValidationException("Zhizao:RateLimit", typeof(RateLimitOptions), rateProblems);
        var tokenOptions = section.GetSection("Tokens").Get<TokenOptions>() ?? new TokenOptions();

        services.AddSingleton(sp => PlatformKeyStore.OpenAsync(options.EffectivePlatformKeyPath, sp.GetRequiredService<ILogger<PlatformKeyStore>>(), CancellationToken.None)
            .GetAwaiter().GetResult());
        // Domain proofs: the well-known file over HTTP(S), with a bounded wait, or a TXT record through the system's resolvers.
        services.AddSingleton<IDnsTxtResolver>(_ => new DnsClientTxtResolver([], TimeSpan.FromSeconds(5)));
        services.AddHttpClient<DomainVerifier>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(sp => new TrustStore(sp.GetRequiredService<IStore>().Documents, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TrustStore>>(), sp.GetRequiredService<DomainVerifier>()));
        services.AddSingleton(sp => new IdentityCardTrust(sp.GetRequiredService<TrustStore>(), sp.GetRequiredService<PlatformKeyStore>().KeyPair));
        services.AddSingleton<ICardTrust>(sp => sp.GetRequiredService<IdentityCardTrust>());
        services.AddSingleton(sp => new OAuthClientStore(sp.GetRequiredService<IStore>().Documents, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OAuthClientStore>>()));
        services.AddSingleton(tokenOptions);
        services.AddSingleton(sp => new TokenService(sp.GetRequiredService<OAuthClientStore>(), sp.GetRequiredService<PlatformKeyStore>().KeyPair, tokenOptions,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TokenService>>()));
        services.AddSingleton<IAccessTokenValidator, PlatformTokenValidator>();
        services.AddSingleton<AuthenticationAudit>();

        services.AddSingleton(rate);
        services.AddSingleton<CallRateLimiter>();
        services.AddSingleton<AuditLog>();
        var approvalTimeout = section.GetValue<TimeSpan?>("Approvals:Timeout") ?? TimeSpan.FromMinutes(15);
        if (approvalTimeout < TimeSpan.FromSeconds(1) || approvalTimeout > TimeSpan.FromDays(7))
            throw new OptionsValidationException("Zhizao:Approvals:Timeout", typeof(TimeSpan), ["Zhizao:Approvals:Timeout must be between 1 second and 7 days"]);
        services.AddSingleton(sp => new ApprovalService(sp.GetRequiredService<IStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AuditLog>())
        {
            Timeout = approvalTimeout,
        });
        services.AddSingleton<AgentRegistry>();
        services.AddSingleton<RegistrySearch>();
        services.AddSingleton<SkillSchemas>();
        services.AddSingleton<SkillGateway>();
        services.AddSingleton<ISkillGateway>(sp => sp.GetRequiredService<SkillGateway>());
        services.AddA2A();
        services.AddA2AClient();
        services.AddSingleton<IExternalAgentClient, A2AExternalAgentClient>();
        services.AddSingleton<IA2AAgentDirectory, RegistryA2ADirectory>();
        services.AddZhizaoMcp();
        services.AddHostedService<ApprovalExpiry>();
    }

    /// <summary>Loads trust roots and clients, registers the platform as a trust root, starts the audit log and the registry.</summary>
    public static async Task StartAsync(IServiceProvider services, ZhizaoOptions options, CancellationToken cancellationToken)
    {
        var trust = services.GetRequiredService<TrustStore>();
        await trust.LoadAsync(cancellationToken);
        await services.GetRequiredService<PlatformKeyStore>().RegisterAsTrustRootAsync(trust, cancellationToken);
        var owners = services.GetRequiredService<IdentityCardTrust>();
        foreach (var doc in await services.GetRequiredService<IStore>().Documents.ListAsync(PublishersApi.OwnersCollection, null, cancellationToken))
            owners.SetOwner(doc.Key, doc.Json.Trim('"'));
        await services.GetRequiredService<OAuthClientStore>().LoadAsync(cancellationToken);
        await services.GetRequiredService<AuditLog>().StartAsync(cancellationToken);
        await services.GetRequiredService<AgentRegistry>().StartAsync(await BenchmarkScoresAsync(options, cancellationToken), cancellationToken);
        _ = services.GetRequiredService<RegistrySearch>();
    }

    /// <summary>Scores for built-in agents from the benchmark reports (bench-results/*.json), when the folder exists.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<BenchmarkScore>>> BenchmarkScoresAsync(ZhizaoOptions options, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<string, IReadOnlyList<BenchmarkScore>>();
        if (!Directory.Exists(options.BenchmarkReports))
            return scores;
        var byAgent = new Dictionary<string, List<BenchmarkScore>>();
        foreach (var file in Directory.EnumerateFiles(options.BenchmarkReports, "*.json").Order(StringComparer.Ordinal))
        {
            BenchmarkReport report;
            try
            {
                report = await BenchmarkReport.ReadAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or IOException or InvalidDataException)
            {
                continue;
            }
            var agent = report.Suite.StartsWith("scheduling", StringComparison.Ordinal) ? "cn.zhizao/scheduler"
                : report.Suite.StartsWith("maintenance", StringComparison.Ordinal) ? "cn.zhizao/maintenance" : null;
            if (agent is null)
                continue;
            if (!byAgent.TryGetValue(agent, out var list))
                byAgent[agent] = list = [];
            list.AddRange(report.Metrics.Take(2).Select(m => new BenchmarkScore(report.Suite, $"{m.Name} ({m.Unit})", m.Value, report.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), report.Command)));
        }
        foreach (var (agent, list) in byAgent)
            scores[agent] = list;
        return scores;
    }

    /// <summary>Expires overdue approvals every few seconds (each expiry is audited).</summary>
    private sealed partial class ApprovalExpiry(SkillGateway gateway, TimeProvider time, ILogger<ApprovalExpiry> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await gateway.ExpireApprovalsAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogExpiryFailed(logger, e);
                }
            }
        }

        [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Expiring approvals failed; retrying")]
        private static partial void LogExpiryFailed(ILogger logger, Exception exception);
    }
}

/// <summary>Validates platform-issued access tokens for the authentication handler.</summary>
internal sealed class PlatformTokenValidator(TokenService tokens) : IAccessTokenValidator
{
    public async Task<Security.TokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await tokens.ValidateAsync(token, cancellationToken);
        return new Security.TokenValidation(result.Principal, result.Error is null ? null : $"{result.Error}: {result.Message}");
    }
}
