using Zhizao.Identity.Tokens;

namespace Zhizao.Identity.Tests.Tokens;

public sealed class ReplayCacheTests
{
    [Fact]
    public void An_id_is_refused_until_it_expires_and_then_forgotten()
    {
        var clock = TestSupport.Clock();
        var cache = new ReplayCache(10, clock);
        var expires = clock.GetUtcNow().AddMinutes(5);

        Assert.Equal(ReplayCache.Outcome.Fresh, cache.TryUse("a", expires));
        Assert.Equal(ReplayCache.Outcome.Replayed, cache.TryUse("a", expires));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ReplayCache.Outcome.Fresh, cache.TryUse("b", clock.GetUtcNow().AddMinutes(1)));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_full_cache_refuses_new_ids_instead_of_forgetting_live_ones()
    {
        var clock = TestSupport.Clock();
        var cache = new ReplayCache(2, clock);
        var expires = clock.GetUtcNow().AddMinutes(5);
        cache.TryUse("a", expires);
        cache.TryUse("b", expires);

        Assert.Equal(ReplayCache.Outcome.Full, cache.TryUse("c", expires));
        Assert.Equal(ReplayCache.Outcome.Replayed, cache.TryUse("a", expires));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ReplayCache.Outcome.Fresh, cache.TryUse("c", clock.GetUtcNow().AddMinutes(5)));
    }
}
