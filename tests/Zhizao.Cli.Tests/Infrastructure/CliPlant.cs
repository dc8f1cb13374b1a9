namespace Zhizao.Cli.Tests.Infrastructure;

/// <summary>A one-machine plant for the CLI tests: site/l1/m1 with float signals temp (°C) and pressure (bar) and an int counter.</summary>
public sealed record CliPlant(string Id, string Site)
{
    public static CliPlant Create(string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new CliPlant($"{name}-{suffix}", $"site-{suffix}");
    }

    public string MachinePath => $"{Site}/l1/m1";
    public string Temp => $"{MachinePath}/temp";
    public string Pressure => $"{MachinePath}/pressure";
    public string Strokes => $"{MachinePath}/strokes";

    public string Yaml => $"""
        schemaVersion: 1
        id: {Id}
        sites:
          - id: {Site}
            timeZone: Asia/Shanghai
            lines:
              - id: l1
                machines:
                  - id: m1
                    signals:
                      - id: temp
                        unit: "°C"
                        dataType: float
                      - id: pressure
                        unit: bar
                        dataType: float
                      - id: strokes
                        unit: "1"
                        dataType: int
        """;

    /// <summary>Writes the plant file into <paramref name="directory"/> and returns its path.</summary>
    public string WriteTo(TempDirectory directory)
    {
        var path = directory.File("plant.yaml");
        System.IO.File.WriteAllText(path, Yaml);
        return path;
    }
}
