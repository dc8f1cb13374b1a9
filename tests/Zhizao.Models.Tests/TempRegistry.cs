using Microsoft.Extensions.Time.Testing;

namespace Zhizao.Models.Tests;

/// <summary>A registry in a fresh temporary folder with a fake clock, and helpers to register small versions.</summary>
public sealed class TempRegistry : IDisposable
{
    public TempRegistry()
    {
        Directory.CreateDirectory(Root);
        Registry = new ModelRegistry(Path.Combine(Root, "models"), Time);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"zhizao-registry-{Guid.NewGuid():N}");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));

    public ModelRegistry Registry { get; }

    /// <summary>Writes a file under the temporary folder and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(Root, $"{Guid.NewGuid():N}-{name}");
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public async Task<ModelRegistration> RegistrationAsync(string name, string modelContent = "weights v1")
    {
        var data = File("train.txt", "1 2 3\n4 5 6\n");
        return new ModelRegistration
        {
            Name = name,
            Kind = "rul-regression",
            Framework = "test",
            TrainingData = await ModelDataset.DescribeAsync("toy", [data], 2, 1, CancellationToken.None),
            Parameters = new Dictionary<string, string> { ["leaves"] = "15" },
            Input = new ModelInputSchema("Features", ["a", "b", "c"]),
            Output = new ModelOutputSchema("Score.output", "cycles"),
            Artifacts = [new ModelArtifactSource("model.bin", File("model.bin", modelContent)), new ModelArtifactSource("notes.json", File("notes.json", "{}"))],
            TrainingDuration = TimeSpan.FromSeconds(2.5),
        };
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
