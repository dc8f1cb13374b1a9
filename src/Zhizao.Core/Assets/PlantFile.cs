using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Zhizao.Core.Assets;

/// <summary>
/// Reads and writes plant files (JSON or YAML). A file is checked against the published schema
/// (<c>docs/schema/plant.schema.json</c>, embedded here) and then for meaning (unique ids, ranges, time zones);
/// every problem is reported with the file and the JSON pointer of the offending value.
/// </summary>
public static class PlantFile
{
    /// <summary>Largest plant file accepted, in bytes.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    /// <summary>JSON options for plant files: camelCase, enums as lower-case strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>The published JSON schema, as text.</summary>
    public static string SchemaText { get; } = ReadSchemaText();

    /// <summary>Parses a plant file; the format is chosen from the extension (.yaml/.yml, else JSON).</summary>
    /// <exception cref="PlantFileException">The file is malformed or invalid; nothing is returned.</exception>
    public static PlantModel Parse(string fileName, string content)
    {
        if (content.Length > MaxBytes)
            throw Fail(fileName, "", $"file is larger than {MaxBytes} bytes");
        var isYaml = fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        JsonNode? node;
        try
        {
            node = isYaml ? YamlToJson(content) : JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Fail(fileName, "", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }
        catch (YamlException e)
        {
            throw Fail(fileName, "", $"not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }
        if (node is null)
            throw Fail(fileName, "", "the file is empty");

        var schemaErrors = CheckSchema(fileName, node);
        if (schemaErrors.Count > 0)
            throw new PlantFileException(schemaErrors);

        var plant = node.Deserialize<PlantModel>(JsonOptions) ?? throw Fail(fileName, "", "the file is empty");
        plant = Normalize(plant);
        var errors = PlantValidator.Validate(fileName, plant);
        if (errors.Count > 0)
            throw new PlantFileException(errors);
        return plant;
    }

    /// <summary>Reads and parses a plant file from disk.</summary>
    public static async Task<PlantModel> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw Fail(path, "", "file not found");
        if (info.Length > MaxBytes)
            throw Fail(path, "", $"file is larger than {MaxBytes} bytes");
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return Parse(path, text);
    }

    /// <summary>Serialises a plant as an indented JSON plant file.</summary>
    public static string ToJson(PlantModel plant) => JsonSerializer.Serialize(plant, JsonOptions);

    private static PlantModel Normalize(PlantModel plant) => plant with
    {
        Name = plant.Name ?? new LocalizedText(plant.Id, ""),
        Revision = Math.Max(plant.Revision, 1),
        Sites = [.. plant.Sites.Select(s => s with
        {
            Name = s.Name ?? new LocalizedText(s.Id, ""),
            TimeZone = string.IsNullOrEmpty(s.TimeZone) ? "UTC" : s.TimeZone,
            Lines = [.. (s.Lines ?? []).Select(l => l with
            {
                Name = l.Name ?? new LocalizedText(l.Id, ""),
                Machines = [.. (l.Machines ?? []).Select(m => m with
                {
                    Name = m.Name ?? new LocalizedText(m.Id, ""),
                    Signals = [.. (m.Signals ?? []).Select(sig => sig with
                    {
                        Description = sig.Description ?? new LocalizedText(sig.Id, ""),
                        SamplingPeriodSeconds = sig.SamplingPeriodSeconds > 0 ? sig.SamplingPeriodSeconds : 1,
                    })],
                })],
            })],
        })],
    };

    private static List<PlantFileError> CheckSchema(string fileName, JsonNode node)
    {
        var element = JsonSerializer.SerializeToElement(node);
        var result = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<PlantFileError>();
        if (result.IsValid)
            return errors;
        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is null)
                continue;
            foreach (var (keyword, message) in detail.Errors)
            {
                var error = new PlantFileError(fileName, detail.InstanceLocation.ToString(), Describe(keyword, message, node, detail.InstanceLocation));
                if (!errors.Contains(error))
                    errors.Add(error);
            }
        }
        if (errors.Count == 0)
            errors.Add(new PlantFileError(fileName, "", "does not match the plant file schema"));
        return errors;
    }

    private static string Describe(string keyword, string message, JsonNode root, Json.Pointer.JsonPointer location)
    {
        var value = location.TryEvaluate(root, out var found) ? found?.ToJsonString() ?? "null" : null;
        if (value is { Length: > 80 })
            value = value[..80] + "…";
        return keyword switch
        {
            "pattern" => $"{value} is not a valid id: use letters, digits, '-' and '_' (at most 64 characters, starting with a letter or digit)",
            "additionalProperties" => $"unknown property ({message})",
            _ when value is not null && keyword is "type" or "enum" or "const" or "minimum" or "exclusiveMinimum" or "maxLength" or "minLength" => $"{value}: {message}",
            _ => message,
        };
    }

    private static JsonNode? YamlToJson(string content)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(content));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };

        static JsonNode? Scalar(YamlScalarNode scalar)
        {
            var value = scalar.Value ?? "";
            if (scalar.Style is ScalarStyle.Plain)
            {
                if (value is "" or "~" or "null")
                    return null;
                if (value is "true" or "false")
                    return JsonValue.Create(value == "true");
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                    return JsonValue.Create(l);
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    return JsonValue.Create(d);
            }
            return JsonValue.Create(value);
        }
    }

    private static PlantFileException Fail(string file, string path, string message) => new([new PlantFileError(file, path, message)]);

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }

    private static string ReadSchemaText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Zhizao.Core.Assets.plant.schema.json")
            ?? throw new InvalidOperationException("plant.schema.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonSchema LoadSchema() => JsonSchema.FromText(SchemaText);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
