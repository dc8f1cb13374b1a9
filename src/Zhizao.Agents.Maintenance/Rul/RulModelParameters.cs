using System.Text.Json;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>A predicted remaining useful life at an engine's last observed cycle, with its uncertainty band.</summary>
/// <param name="Unit">The engine.</param>
/// <param name="Rul">Point prediction, in cycles (≥ 0).</param>
/// <param name="Lower">Lower end of the band (≥ 0).</param>
/// <param name="Upper">Upper end of the band.</param>
public sealed record RulPrediction(int Unit, double Rul, double Lower, double Upper);

/// <summary>
/// What a model carries besides its regressor: the fitted feature pipeline (operating conditions, per-condition
/// normalisation, kept sensors, health-index weights, windows), the cap and the band. Persisted as JSON; with it, any
/// regressor that maps the engineered feature vector to a score (ML.NET or its ONNX export) predicts from raw C-MAPSS rows.
/// </summary>
/// <param name="Pipeline">Fitted feature pipeline.</param>
/// <param name="Cap">Training-target cap (cycles), or <c>null</c>.</param>
/// <param name="LowerOffset">Residual quantile added to the prediction for the band's lower end (≤ 0).</param>
/// <param name="UpperOffset">Residual quantile added for the upper end (≥ 0).</param>
/// <param name="BandCoverage">Nominal central coverage of the band.</param>
public sealed record RulModelParameters(RulFeaturePipeline Pipeline, double? Cap, double LowerOffset, double UpperOffset, double BandCoverage)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the parameters as JSON to <paramref name="stream"/>.</summary>
    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    /// <summary>Reads parameters written by <see cref="Write"/>; <paramref name="source"/> names the stream in errors.</summary>
    /// <exception cref="InvalidDataException">Empty or malformed JSON.</exception>
    public static RulModelParameters Read(Stream stream, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RulModelParameters>(stream, Json) is { Pipeline: not null } parameters
                ? parameters
                : throw new InvalidDataException($"{source}: no RUL model parameters");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: malformed RUL model parameters ({e.Message})", e);
        }
    }

    /// <summary>
    /// Predicts the RUL at the last cycle of each run: the pipeline turns each history into its last feature row,
    /// <paramref name="score"/> maps the rows to raw scores, and the cap and band finish them.
    /// </summary>
    internal IReadOnlyList<RulPrediction> Predict(IReadOnlyList<EngineRun> runs, Func<IReadOnlyList<float[]>, float[]> score)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Any(r => r.Cycles.Count == 0))
            throw new ArgumentException("a run without cycles has no RUL to predict", nameof(runs));
        var rows = runs.Select(r => Pipeline.Transform(r)[^1]).ToArray();
        var scores = score(rows);
        return [.. runs.Select((run, i) => Band(run.Unit, scores[i]))];
    }

    private RulPrediction Band(int unit, double score) =>
        new(unit, Clip(score), Clip(score + LowerOffset), Clip(score + UpperOffset));

    private double Clip(double value) => Math.Clamp(value, 0.0, Cap ?? double.MaxValue);
}
