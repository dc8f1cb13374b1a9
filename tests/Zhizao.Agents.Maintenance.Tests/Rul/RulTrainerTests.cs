using Zhizao.Agents.Maintenance.Rul;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

public sealed class RulTrainerTests
{
    private static readonly RulTrainerOptions Fast = new() { Iterations = 50, LearningRate = 0.15, Leaves = 15, Threads = 1 };

    [Fact]
    public void Too_few_engines_is_a_clear_error_not_a_degenerate_model()
    {
        var runs = Enumerable.Range(1, 4).Select(u => RulFeatureTests.Run(u, 50, (_, c) => c)).ToList();
        var error = Assert.Throws<RulTrainingDataException>(() => new RulTrainer(Fast, TimeProvider.System).Train(runs));
        Assert.Contains("4 run-to-failure engines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_shorter_than_the_window_is_a_clear_error_naming_the_unit()
    {
        var runs = Enumerable.Range(1, 12).Select(u => RulFeatureTests.Run(u, u is 5 or 7 ? 29 : 50, (_, c) => c)).ToList();
        var error = Assert.Throws<RulTrainingDataException>(() => new RulTrainer(Fast, TimeProvider.System).Train(runs));
        Assert.Contains("unit 5 has 29 cycle(s) (and 1 more units", error.Message, StringComparison.Ordinal);
        Assert.Contains("window of 30 cycles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_in_training_data_is_a_clear_error()
    {
        var runs = Enumerable.Range(1, 12).Select(u => RulFeatureTests.Run(u, 50, (_, c) => c)).ToList();
        runs[3].Cycles[10].Settings[0] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => new RulTrainer(Fast, TimeProvider.System).Train(runs));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [CmapssFact]
    public void Trains_on_FD001_within_RMSE_20_and_round_trips_through_a_file_with_identical_predictions()
    {
        var train = CmapssReader.ReadFile(SharedData.Resolve("cmapss", "train_FD001.txt"));
        var test = CmapssReader.ReadFile(SharedData.Resolve("cmapss", "test_FD001.txt"));
        var truth = CmapssReader.ReadTruthFile(SharedData.Resolve("cmapss", "RUL_FD001.txt"));

        var result = new RulTrainer(Fast, TimeProvider.System).Train(train, CancellationToken.None);
        var predictions = result.Model.Predict(test);
        var evaluation = RulEvaluation.Compute(predictions, truth);

        Assert.True(evaluation.Rmse < 20, $"RMSE {evaluation.Rmse:F2}");
        Assert.All(predictions, p => Assert.True(p.Lower <= p.Rul && p.Rul <= p.Upper && p.Lower >= 0 && p.Upper <= 125, p.ToString()));
        Assert.Single(result.Model.Parameters.Pipeline.Conditions.Centroids);

        var path = Path.Combine(Path.GetTempPath(), $"rul-{Guid.NewGuid():N}.zip");
        try
        {
            result.Model.Save(path);
            var loaded = RulModel.Load(path);
            Assert.Equal(predictions, loaded.Predict(test));
            Assert.Equal(result.Model.Parameters.Pipeline.KeptSensors, loaded.Parameters.Pipeline.KeptSensors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
