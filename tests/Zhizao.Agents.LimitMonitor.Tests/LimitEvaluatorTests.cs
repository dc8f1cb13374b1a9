using Zhizao.Core.Assets;

namespace Zhizao.Agents.LimitMonitor.Tests;

public sealed class LimitEvaluatorTests
{
    // Range 0..100 with the default options: deadband 2 (2 %), three samples to raise, three to clear.
    private static LimitEvaluator Evaluator(LimitMonitorOptions? options = null) => new(new NormalRange(0, 100), options ?? new LimitMonitorOptions());

    private static List<LimitCondition?> Feed(LimitEvaluator evaluator, params double[] values) => [.. values.Select(v => evaluator.Observe(v))];

    private static LimitEvaluator Raised(LimitCondition condition)
    {
        var evaluator = Evaluator();
        var value = condition == LimitCondition.High ? 120 : -20;
        Feed(evaluator, value, value, value);
        Assert.Equal(condition, evaluator.Active);
        return evaluator;
    }

    [Fact]
    public void Raises_high_only_after_the_on_delay()
    {
        var evaluator = Evaluator();

        Assert.Equal([null, null, LimitCondition.High], Feed(evaluator, 101, 105, 101));
        Assert.Equal(LimitCondition.High, evaluator.Active);
    }

    [Fact]
    public void Raises_low_only_after_the_on_delay()
    {
        var evaluator = Evaluator();

        Assert.Equal([null, null, LimitCondition.Low], Feed(evaluator, -1, -0.5, -3));
        Assert.Equal(LimitCondition.Low, evaluator.Active);
    }

    [Fact]
    public void On_delay_needs_consecutive_samples()
    {
        var evaluator = Evaluator();

        Assert.All(Feed(evaluator, 101, 101, 50, 101, 101, -5, 101, 101), Assert.Null);
        Assert.Equal(LimitCondition.High, evaluator.Observe(101));
    }

    [Fact]
    public void Values_on_the_limits_are_normal()
    {
        var evaluator = Evaluator(new LimitMonitorOptions { OnDelaySamples = 1 });

        Assert.All(Feed(evaluator, 100, 0, 100, 0), Assert.Null);
        Assert.Equal(LimitCondition.Normal, evaluator.Active);
    }

    [Fact]
    public void An_on_delay_of_one_raises_at_once()
    {
        var evaluator = Evaluator(new LimitMonitorOptions { OnDelaySamples = 1 });

        Assert.Equal(LimitCondition.High, evaluator.Observe(100.1));
    }

    [Fact]
    public void Holds_the_alarm_while_the_value_is_within_the_deadband()
    {
        var evaluator = Raised(LimitCondition.High);

        Assert.All(Feed(evaluator, 99, 98.5, 98.01, 99.9, 99, 99, 99), Assert.Null);
        Assert.Equal(LimitCondition.High, evaluator.Active);
    }

    [Fact]
    public void Clears_after_the_off_delay_once_past_the_deadband()
    {
        var evaluator = Raised(LimitCondition.High);

        Assert.Equal([null, null, LimitCondition.Normal], Feed(evaluator, 98, 50, 97));
        Assert.Equal(LimitCondition.Normal, evaluator.Active);
    }

    [Fact]
    public void Clears_a_low_alarm_once_above_min_plus_deadband()
    {
        var evaluator = Raised(LimitCondition.Low);

        Assert.All(Feed(evaluator, 1, 1.5, 1.9), Assert.Null);
        Assert.Equal([null, null, LimitCondition.Normal], Feed(evaluator, 2, 3, 2));
    }

    [Fact]
    public void Off_delay_restarts_when_the_value_falls_back_into_the_deadband()
    {
        var evaluator = Raised(LimitCondition.High);

        Assert.All(Feed(evaluator, 97, 97, 99, 97, 97), Assert.Null);
        Assert.Equal(LimitCondition.Normal, evaluator.Observe(97));
    }

    [Fact]
    public void Chattering_across_the_limit_does_not_raise()
    {
        var evaluator = Evaluator();
        var chatter = Enumerable.Range(0, 200).Select(i => i % 3 == 2 ? 99.5 : 100.5).ToArray();

        Assert.All(Feed(evaluator, chatter), Assert.Null);
        Assert.Equal(LimitCondition.Normal, evaluator.Active);
    }

    [Fact]
    public void Chattering_around_the_limit_after_a_raise_neither_clears_nor_raises_again()
    {
        var evaluator = Raised(LimitCondition.High);
        var chatter = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 99.5 : 100.5).ToArray();

        Assert.All(Feed(evaluator, chatter), Assert.Null);
        Assert.Equal(LimitCondition.High, evaluator.Active);
    }

    [Fact]
    public void Moves_from_high_to_low_after_the_on_delay()
    {
        var evaluator = Raised(LimitCondition.High);

        Assert.Equal([null, null, LimitCondition.Low], Feed(evaluator, -10, -10, -10));
    }

    [Fact]
    public void A_zero_deadband_clears_on_values_at_the_limit()
    {
        var evaluator = Evaluator(new LimitMonitorOptions { DeadbandFraction = 0, OffDelaySamples = 1 });
        Feed(evaluator, 101, 101, 101);

        Assert.Equal(LimitCondition.Normal, evaluator.Observe(100));
    }

    [Fact]
    public void A_restored_alarm_holds_and_clears_like_a_raised_one()
    {
        var evaluator = Evaluator();
        evaluator.Restore(LimitCondition.High);

        Assert.All(Feed(evaluator, 120, 120, 99, 99), Assert.Null);
        Assert.Equal([null, null, LimitCondition.Normal], Feed(evaluator, 50, 50, 50));
    }

    [Fact]
    public void LimitOf_names_the_limit_of_each_condition()
    {
        var evaluator = new LimitEvaluator(new NormalRange(10, 80), new LimitMonitorOptions());

        Assert.Equal(80, evaluator.LimitOf(LimitCondition.High));
        Assert.Equal(10, evaluator.LimitOf(LimitCondition.Low));
    }

    [Theory]
    [InlineData(-0.1, 3, 3)]
    [InlineData(0.5, 3, 3)]
    [InlineData(0.02, 0, 3)]
    [InlineData(0.02, 3, 0)]
    public void Options_refuse_values_out_of_range(double deadband, int onDelay, int offDelay) =>
        Assert.NotEmpty(new LimitMonitorOptions { DeadbandFraction = deadband, OnDelaySamples = onDelay, OffDelaySamples = offDelay }.Validate());

    [Fact]
    public void Default_options_are_valid() => Assert.Empty(new LimitMonitorOptions().Validate());
}
