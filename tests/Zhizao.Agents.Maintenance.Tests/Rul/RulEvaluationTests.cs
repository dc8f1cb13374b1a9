using Zhizao.Agents.Maintenance.Rul;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

public sealed class RulEvaluationTests
{
    [Fact]
    public void Rmse_and_PHM08_score_match_hand_computed_values()
    {
        RulPrediction[] predictions = [new(1, 110, 100, 120), new(2, 37, 30, 40)];
        var evaluation = RulEvaluation.Compute(predictions, [100.0, 50.0]);
        Assert.Equal(Math.Sqrt((100 + 169) / 2.0), evaluation.Rmse, 12);
        // Late by 10: e^1 − 1; early by 13: e^1 − 1.
        Assert.Equal(2 * (Math.E - 1), evaluation.Score, 12);
        Assert.Equal(0.5, evaluation.BandCoverage);
    }
}
