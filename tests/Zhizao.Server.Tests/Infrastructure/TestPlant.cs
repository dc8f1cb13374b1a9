namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>
/// A small plant with ids unique to one test: site/l1/m1 with <c>temp</c> (float °C, normal [0, 10]), <c>count</c> (int),
/// <c>running</c> (bool) and <c>pressure</c> (float bar, normal [0, 100]).
/// </summary>
public sealed record TestPlant(string Id, string Site)
{
    public const string Line = "l1";
    public const string Machine = "m1";

    /// <summary>A plant and site whose ids start with <paramref name="name"/> and end with a random suffix.</summary>
    public static TestPlant Create(string name) => new(Unique(name), Unique("site"));

    public static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    public string MachinePath => $"{Site}/{Line}/{Machine}";
    public string Temp => $"{MachinePath}/temp";
    public string Count => $"{MachinePath}/count";
    public string Running => $"{MachinePath}/running";
    public string Pressure => $"{MachinePath}/pressure";

    /// <summary>The MQTT topic of one signal of the machine (or of the machine itself when <paramref name="signal"/> is null).</summary>
    public string Topic(string? signal = null) => signal is null ? $"zhizao/{MachinePath}" : $"zhizao/{MachinePath}/{signal}";

    /// <summary>The plant file as JSON; <paramref name="extraSignal"/> adds a float signal (to test updates).</summary>
    public string Json(string? extraSignal = null)
    {
        var extra = extraSignal is null ? "" : $$""", { "id": "{{extraSignal}}", "unit": "%", "dataType": "float" }""";
        return $$"""
        {
          "schemaVersion": 1,
          "id": "{{Id}}",
          "name": { "en": "Test plant", "zh": "测试工厂" },
          "sites": [
            {
              "id": "{{Site}}",
              "timeZone": "Asia/Shanghai",
              "lines": [
                {
                  "id": "{{Line}}",
                  "machines": [
                    {
                      "id": "{{Machine}}",
                      "kind": "press",
                      "signals": [
                        { "id": "temp", "unit": "°C", "dataType": "float", "normal": { "min": 0, "max": 10 } },
                        { "id": "count", "unit": "1", "dataType": "int" },
                        { "id": "running", "unit": "1", "dataType": "bool" },
                        { "id": "pressure", "unit": "bar", "dataType": "float", "normal": { "min": 0, "max": 100 } }{{extra}}
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;
    }

    /// <summary>The same plant file as YAML.</summary>
    public string Yaml() => $"""
        schemaVersion: 1
        id: {Id}
        name:
          en: Test plant
          zh: 测试工厂
        sites:
          - id: {Site}
            timeZone: Asia/Shanghai
            lines:
              - id: {Line}
                machines:
                  - id: {Machine}
                    kind: press
                    signals:
                      - id: temp
                        unit: "°C"
                        dataType: float
                        normal: {"{"} min: 0, max: 10 {"}"}
                      - id: count
                        unit: "1"
                        dataType: int
                      - id: running
                        unit: "1"
                        dataType: bool
                      - id: pressure
                        unit: bar
                        dataType: float
                        normal: {"{"} min: 0, max: 100 {"}"}
        """;
}
