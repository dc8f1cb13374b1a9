using Zhizao.Agents.Supply.Agent;
using static Zhizao.Agents.Supply.Tests.Agent.SupplyAgents;

namespace Zhizao.Agents.Supply.Tests.Agent;

public sealed class BacktestSkillTests
{
    private readonly SupplyAgent _agent = Create();

    [Fact]
    public async Task Each_method_is_scored_per_item_and_overall_and_the_best_is_named()
    {
        var data = await SampleAsync(withInventory: false);

        var output = await _agent.InvokeAsync("backtest", Input("""{"methods":["snaive","ets-fast","naive"],"folds":2,"horizon":14,"level":80}"""),
            data, null, CancellationToken.None).OkAsync();

        Assert.Equal(2, output["folds"]!.GetValue<int>());
        var methods = output["methods"]!.AsArray();
        Assert.Equal(["snaive", "ets-fast", "naive"], methods.Select(m => m!["method"]!.GetValue<string>()));
        Assert.All(methods, m =>
        {
            Assert.Equal(3, m!["scoredItems"]!.GetValue<int>());
            Assert.True(m["mase"]!.GetValue<double>() > 0);
            Assert.InRange(m["coverage"]!.GetValue<double>(), 0, 1);
        });
        Assert.Equal(3, methods.Sum(m => m!["wins"]!.GetValue<int>()));
        foreach (var item in output["items"]!.AsArray())
        {
            var results = item!["results"]!.AsArray();
            Assert.All(results, r => Assert.Equal(2, r!["folds"]!.GetValue<int>()));
            var best = results.MinBy(r => r!["mase"]!.GetValue<double>())!["method"]!.GetValue<string>();
            Assert.Equal(best, item["best"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Auto_is_back_tested_beside_the_default_methods_on_a_small_data_set()
    {
        var data = await SampleAsync(withInventory: false);

        var output = await _agent.InvokeAsync("backtest", Input("""{"items":["coolant"],"folds":1,"horizon":7}"""), data, null, CancellationToken.None).OkAsync();

        Assert.Equal(["auto", "snaive", "ets-fast"], output["methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        Assert.All(output["methods"]!.AsArray(), m => Assert.Equal(1, m!["scoredItems"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_item_too_short_for_a_fold_is_listed_unscored_with_null_scores_not_nan()
    {
        var data = await CsvAsync("item,date,quantity\nnew-part,2026-01-01,4\nnew-part,2026-01-02,6\nnew-part,2026-01-03,5\n");

        var output = await _agent.InvokeAsync("backtest", Input("""{"methods":["snaive"],"horizon":7}"""), data, null, CancellationToken.None).OkAsync();

        Assert.Equal("new-part", Assert.Single(output["notScored"]!.AsArray())!.GetValue<string>());
        Assert.Null(output["methods"]![0]!["mase"]);
        Assert.Null(output["items"]![0]!["best"]);
        Assert.Contains("too little history", output["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"folds":11}""", "'folds' must be a whole number from 1 to 10")]
    [InlineData("""{"methods":["snaive","SNAIVE"]}""", "'methods' names a method twice")]
    [InlineData("""{"methods":["prophet"]}""", "unknown method 'prophet'")]
    [InlineData("""{"level":100}""", "'level' must be a whole number from 1 to 99")]
    [InlineData("""{"levels":[80]}""", "unknown field(s) 'levels'")]
    public async Task Bad_back_test_input_is_refused(string input, string message)
    {
        var error = await _agent.InvokeAsync("backtest", Input(input), Caller, CancellationToken.None).FailsAsync();

        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
