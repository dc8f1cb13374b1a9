using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Core.Agents;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>
/// Reads the fields of a supply skill's input with bounds, keeping the first problem as a precise message
/// ("'horizon' must be a whole number from 1 to 366"): the caller checks <see cref="Error"/> once after reading.
/// </summary>
internal sealed class SkillFields(JsonObject input)
{
    /// <summary>The first problem found, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Refuses fields the skill does not know (a misspelt option must not be silently ignored).</summary>
    public void Only(IReadOnlyCollection<string> known)
    {
        var unknown = input.Select(p => p.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
            Fail($"unknown field(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the fields are {string.Join(", ", known)}");
    }

    /// <summary>An optional whole number in [min, max].</summary>
    public int Whole(string name, int min, int max, int fallback)
    {
        if (!SkillInput.TryRead<long>(input, name, out var value) || value is { } v && (v < min || v > max))
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a whole number from {min} to {max}"));
            return fallback;
        }
        return (int)(value ?? fallback);
    }

    /// <summary>An optional number; null when absent.</summary>
    public double? Number(string name, string expected)
    {
        if (!SkillInput.TryRead<double>(input, name, out var value) || value is { } v && !double.IsFinite(v))
        {
            Fail($"'{name}' must be {expected}");
            return null;
        }
        return value;
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters; null when absent.</summary>
    public string? Text(string name, int maxLength)
    {
        if (!SkillInput.TryReadText(input, name, out var value) || value is { Length: 0 } || value?.Length > maxLength)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a non-empty text of at most {maxLength} characters"));
            return null;
        }
        return value;
    }

    /// <summary>An optional array of 1 to <paramref name="maxCount"/> distinct non-empty texts; null when absent.</summary>
    public IReadOnlyList<string>? Texts(string name, int maxCount, int maxLength)
    {
        var node = input[name];
        if (node is null)
            return null;
        var message = string.Create(CultureInfo.InvariantCulture, $"'{name}' must be an array of 1 to {maxCount:N0} distinct texts of at most {maxLength} characters");
        if (node is not JsonArray array || array.Count == 0 || array.Count > maxCount)
        {
            Fail(message);
            return null;
        }
        var values = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() is not { Length: > 0 } text || text.Length > maxLength)
            {
                Fail(message);
                return null;
            }
            values.Add(text);
        }
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            Fail(message + $"; '{values.GroupBy(v => v, StringComparer.Ordinal).First(g => g.Count() > 1).Key}' is repeated");
            return null;
        }
        return values;
    }

    /// <summary>An optional array of 1 to <paramref name="maxCount"/> distinct whole numbers in [min, max], sorted.</summary>
    public IReadOnlyList<int>? Wholes(string name, int min, int max, int maxCount)
    {
        var node = input[name];
        if (node is null)
            return null;
        var message = string.Create(CultureInfo.InvariantCulture, $"'{name}' must be an array of 1 to {maxCount} distinct whole numbers from {min} to {max}");
        if (node is not JsonArray array || array.Count == 0 || array.Count > maxCount)
        {
            Fail(message);
            return null;
        }
        var values = new List<int>(array.Count);
        foreach (var item in array)
        {
            // SkillInput reads fields of objects: wrap the element to share its number rules (10.0 is 10, 2.5 is no whole number).
            if (item is not JsonValue v || !SkillInput.TryRead<long>(new JsonObject { ["value"] = v.DeepClone() }, "value", out var n) || n is null || n < min || n > max)
            {
                Fail(message);
                return null;
            }
            values.Add((int)n);
        }
        if (values.Distinct().Count() != values.Count)
        {
            Fail(message + "; a value is repeated");
            return null;
        }
        values.Sort();
        return values;
    }

    /// <summary>Records a problem (the first one is kept).</summary>
    public void Fail(string message) => Error ??= message;
}
