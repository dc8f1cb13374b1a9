using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>
/// A NAB application profile: the weights of the scoring cost matrix.
/// NAB gives true negatives no score; <see cref="TrueNegativeWeight"/> is carried for completeness.
/// </summary>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight, double TrueNegativeWeight)
{
    /// <summary>The names of NAB's three published profiles.</summary>
    public static readonly IReadOnlyList<string> PublishedNames = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"];

    /// <summary>Reads <c>config/profiles.json</c>: profile name → <c>CostMatrix</c> with tp/fp/fn/tn weights.</summary>
    public static async Task<IReadOnlyDictionary<string, NabProfile>> LoadAllAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var map = await JsonSerializer.DeserializeAsync<Dictionary<string, ProfileJson>>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path}: empty profile file");
        return map.ToDictionary(
            entry => entry.Key,
            entry => entry.Value.CostMatrix is { } m
                ? new NabProfile(entry.Key, m.TpWeight, m.FpWeight, m.FnWeight, m.TnWeight)
                : throw new InvalidDataException($"{path}: profile {entry.Key} has no CostMatrix"),
            StringComparer.Ordinal);
    }

    private sealed record ProfileJson([property: JsonPropertyName("CostMatrix")] CostMatrixJson? CostMatrix);

    private sealed record CostMatrixJson(
        [property: JsonPropertyName("tpWeight")] double TpWeight,
        [property: JsonPropertyName("fpWeight")] double FpWeight,
        [property: JsonPropertyName("fnWeight")] double FnWeight,
        [property: JsonPropertyName("tnWeight")] double TnWeight);
}
