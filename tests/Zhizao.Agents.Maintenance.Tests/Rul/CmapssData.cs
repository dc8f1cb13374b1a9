using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Models;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

/// <summary>A fact that needs the shared C-MAPSS FD001 files; skipped, saying why, when they are absent.</summary>
public sealed class CmapssFactAttribute : FactAttribute
{
    public CmapssFactAttribute()
    {
        if (CmapssData.MissingReason() is { } reason)
            Skip = reason;
    }
}

/// <summary>Test classes sharing one fast FD001 model and one registry, so that FD001 is trained twice per run, not per test.</summary>
[CollectionDefinition(Name)]
public sealed class CmapssCollection : ICollectionFixture<CmapssData>
{
    public const string Name = "C-MAPSS FD001";
}

/// <summary>
/// FD001 paths; a fast model trained directly (<see cref="Trained"/>) and the same settings trained and registered
/// through <see cref="RulModelService"/> as <c>cmapss-rul</c> version 1 (<see cref="RegisterAsync"/>), each on first use.
/// </summary>
public sealed class CmapssData : IDisposable
{
    /// <summary>Settings that train FD001 in a few seconds (the benchmark uses the defaults).</summary>
    public static readonly RulTrainerOptions Fast = new() { Iterations = 50, LearningRate = 0.15, Leaves = 15, Threads = 1 };

    public const string ModelName = "cmapss-rul";

    private readonly Lazy<RulTrainingResult> _trained;
    private readonly Lazy<Task<ModelCard>> _registered;

    public CmapssData()
    {
        _trained = new(() => new RulTrainer(Fast, TimeProvider.System).Train(CmapssReader.ReadFile(TrainFile)));
        Service = new RulModelService(new ModelRegistry(Path.Combine(Root, "models"), TimeProvider.System), TimeProvider.System);
        _registered = new(() => Service.TrainAsync(ModelName, TrainFile, "C-MAPSS FD001", Fast, CancellationToken.None));
    }

    public static string TrainFile => SharedData.Resolve("cmapss", "train_FD001.txt");

    public static string TestFile => SharedData.Resolve("cmapss", "test_FD001.txt");

    public static string TruthFile => SharedData.Resolve("cmapss", "RUL_FD001.txt");

    /// <summary>A temporary folder for this run, deleted at the end.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"zhizao-rul-tests-{Guid.NewGuid():N}");

    /// <summary>The service over the shared registry.</summary>
    public RulModelService Service { get; }

    /// <summary>The fast FD001 model, trained directly.</summary>
    public RulTrainingResult Trained => _trained.Value;

    /// <summary>Trains and registers the fast FD001 model once; later calls return the same card.</summary>
    public Task<ModelCard> RegisterAsync() => _registered.Value;

    public static string? MissingReason()
    {
        try
        {
            _ = TrainFile;
            _ = TestFile;
            _ = TruthFile;
            return null;
        }
        catch (IOException e)
        {
            return $"C-MAPSS FD001 not available: {e.Message}";
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
