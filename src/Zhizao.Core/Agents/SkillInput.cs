using System.Text.Json.Nodes;

namespace Zhizao.Core.Agents;

/// <summary>Reads optional fields of a skill's JSON input, telling "absent" apart from "present with the wrong type".</summary>
public static class SkillInput
{
    /// <summary>Reads an optional value field; false when it is present with another type.</summary>
    public static bool TryRead<T>(JsonNode? input, string name, out T? value)
        where T : struct
    {
        value = null;
        var node = input?[name];
        if (node is null)
            return true;
        if (node is not JsonValue json)
            return false;
        if (json.TryGetValue<T>(out var read))
        {
            value = read;
            return true;
        }
        // A number built in memory keeps its CLR type (an int is not read as a double): convert numbers through the serializer,
        // which applies the same rules as for parsed JSON (10 reads as 10.0; 2.5 is not an integer).
        if (json.GetValueKind() != System.Text.Json.JsonValueKind.Number)
            return false;
        try
        {
            value = System.Text.Json.JsonSerializer.Deserialize<T>(json);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads an optional text field; false when it is present with another type.</summary>
    public static bool TryReadText(JsonNode? input, string name, out string? value)
    {
        value = null;
        var node = input?[name];
        if (node is null)
            return true;
        if (node is not JsonValue json || !json.TryGetValue<string>(out var read))
            return false;
        value = read;
        return true;
    }

    /// <summary>Reads an optional ISO 8601 time field; false when it is present but not a time with an offset.</summary>
    public static bool TryReadTime(JsonNode? input, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!TryReadText(input, name, out var text))
            return false;
        if (text is null)
            return true;
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            || !(text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
            return false;
        value = time;
        return true;
    }
}
