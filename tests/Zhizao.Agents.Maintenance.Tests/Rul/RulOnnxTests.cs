using System.Diagnostics;
using Zhizao.Agents.Maintenance.Rul;
using Xunit.Abstractions;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

[Collection(CmapssCollection.Name)]
public sealed class RulOnnxTests(CmapssData data, ITestOutputHelper output)
{
    [CmapssFact]
    public void ONNX_Runtime_scores_every_FD001_test_row_as_MLNET_does_within_1e_3()
    {
        var model = data.Trained.Model;
        using var buffer = new MemoryStream();
        model.ExportOnnx(buffer);
        using var onnx = RulOnnxModel.Load(buffer.ToArray(), model.Parameters);
        var test = CmapssReader.ReadFile(CmapssData.TestFile);
        var rows = test.SelectMany(model.Parameters.Pipeline.Transform).ToArray();

        var expected = model.Score(rows);
        var actual = onnx.Score(rows);

        Assert.Equal(expected.Length, actual.Length);
        var maxDiff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"{rows.Length} rows, max |ONNX − ML.NET| = {maxDiff:E2}, onnx {buffer.Length} bytes");
        Assert.True(maxDiff < 1e-3, $"max difference {maxDiff}");
        var ml = model.Predict(test);
        var served = onnx.Predict(test);
        Assert.All(ml.Zip(served), p => Assert.Equal(p.First.Rul, p.Second.Rul, 1e-3));
        Assert.Equal(100, served.Count);
        Assert.True(ml.Select(p => p.Rul).Distinct().Count() > 50, "predictions vary between engines");
    }

    [CmapssFact]
    public void Per_prediction_cost_of_ONNX_and_MLNET_is_measured()
    {
        var model = data.Trained.Model;
        using var buffer = new MemoryStream();
        model.ExportOnnx(buffer);
        using var onnx = RulOnnxModel.Load(buffer.ToArray(), model.Parameters);
        var rows = CmapssReader.ReadFile(CmapssData.TestFile).Select(r => model.Parameters.Pipeline.Transform(r)[^1]).ToArray();
        double PerRow(Func<IReadOnlyList<float[]>, float[]> score, bool single)
        {
            score(rows);
            var watch = Stopwatch.StartNew();
            const int Rounds = 20;
            for (var round = 0; round < Rounds; round++)
            {
                if (single)
                {
                    foreach (var row in rows)
                        score([row]);
                }
                else
                {
                    score(rows);
                }
            }
            return watch.Elapsed.TotalMicroseconds / (Rounds * rows.Length);
        }
        var onnxSingle = PerRow(onnx.Score, single: true);
        var mlSingle = PerRow(model.Score, single: true);
        var onnxBatch = PerRow(onnx.Score, single: false);
        var mlBatch = PerRow(model.Score, single: false);
        output.WriteLine($"per prediction: ONNX {onnxSingle:F1} µs single / {onnxBatch:F1} µs in a batch of {rows.Length}; ML.NET {mlSingle:F1} µs single / {mlBatch:F1} µs batched");
        Assert.True(onnxSingle > 0 && mlSingle > 0);
    }
}
