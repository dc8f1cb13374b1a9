using Zhizao.Core.Access;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Zhizao.Identity.Trust;

public sealed partial class TrustStore
{
    /// <summary>
    /// Starts a domain-control proof: a random token the publisher publishes at
    /// <c>{domain}/.well-known/zhizao-publisher-verification.txt</c> or in a TXT record of <c>_zhizao-challenge.{domain}</c>.
    /// The domain must cover the namespace (<c>example.cn</c> or <c>plant1.example.cn</c> for <c>cn.example.plant1</c>).
    /// A new challenge replaces the pending one.
    /// </summary>
    public Task<IdentityResult<DomainChallenge>> CreateDomainChallengeAsync(string publisherNamespace, string domain, CancellationToken cancellationToken)
    {
        domain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (PublisherNamespace.ValidateDomain(domain) is { } invalid)
            return Task.FromResult(IdentityResult.Fail<DomainChallenge>(IdentityErrors.DomainInvalid, invalid));
        if (!PublisherNamespace.IsCoveredBy(publisherNamespace, domain))
            return Task.FromResult(IdentityResult.Fail<DomainChallenge>(IdentityErrors.DomainInvalid,
                $"domain {domain} does not cover namespace {publisherNamespace} (expected {PublisherNamespace.ToDomain(publisherNamespace)} or a parent domain of it)"));
        var challenge = new DomainChallenge(domain, "zhizao-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)), _time.GetUtcNow() + ChallengeLifetime);
        return UpdateAsync<DomainChallenge>(publisherNamespace, publisher => new(publisher with { Challenge = challenge }, IdentityResult.Ok(challenge)),
            keysChanged: false, cancellationToken);
    }

    /// <summary>
    /// Checks the pending challenge by <paramref name="method"/>; on success the publisher becomes domain-verified (an
    /// organisation-verified publisher stays so), its domain is recorded and the challenge is used up.
    /// </summary>
    public async Task<IdentityResult<Publisher>> VerifyDomainAsync(string publisherNamespace, DomainProofMethod method, CancellationToken cancellationToken)
    {
        var stored = await _store.GetAsync(Collection, publisherNamespace, cancellationToken);
        if (stored is null)
            return IdentityResult.Fail<Publisher>(IdentityErrors.PublisherUnknown, $"no publisher {publisherNamespace}");
        if (Documents.Read<Publisher>(stored).Challenge is not { } challenge)
            return IdentityResult.Fail<Publisher>(IdentityErrors.ChallengeMissing, $"publisher {publisherNamespace} has no pending domain challenge");
        if (challenge.ExpiresAt <= _time.GetUtcNow())
            return IdentityResult.Fail<Publisher>(IdentityErrors.ChallengeExpired, $"the challenge for {challenge.Domain} expired at {challenge.ExpiresAt:O}; create a new one");
        if (_domainVerifier is null || (method == DomainProofMethod.DnsTxt && !_domainVerifier.SupportsDns))
            return IdentityResult.Fail<Publisher>(IdentityErrors.MethodUnavailable, $"domain proof by {method} is not available on this installation");

        if (await _domainVerifier.CheckAsync(challenge, method, cancellationToken) is { } reason)
        {
            Log.DomainProofFailed(_logger, publisherNamespace, challenge.Domain, method.ToString(), reason);
            return IdentityResult.Fail<Publisher>(IdentityErrors.DomainUnverified, $"domain {challenge.Domain} not verified: {reason}");
        }
        var result = await UpdateAsync(publisherNamespace, publisher =>
        {
            if (publisher.Challenge?.Token != challenge.Token)
                return Refuse<Publisher>(IdentityErrors.ChallengeMissing, "the challenge was replaced or used meanwhile");
            var level = publisher.Level > IdentityLevel.DomainVerified ? publisher.Level : IdentityLevel.DomainVerified;
            var updated = publisher with
            {
                Level = level,
                LevelChangedAt = level == publisher.Level ? publisher.LevelChangedAt : _time.GetUtcNow(),
                Domain = challenge.Domain,
                Challenge = null,
            };
            return new(updated, IdentityResult.Ok(updated));
        }, keysChanged: false, cancellationToken);
        if (result.IsSuccess)
            Log.LevelChanged(_logger, publisherNamespace, result.Value!.Level.ToString());
        return result;
    }
}
