using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zhizao.Models;

/// <summary>JSON settings of model cards: camelCase, indented, non-finite metrics as named literals.</summary>
public static class ModelJson
{
    /// <summary>The options used to read and write <c>card.json</c>; use them to serve cards over the API unchanged.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
