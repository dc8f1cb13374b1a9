using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>The shared NAB corpus and profiles, read once per test class; missing data fails with SharedData's message.</summary>
public sealed class NabSharedData : IAsyncLifetime
{
    public string Root { get; private set; } = "";

    public NabCorpus Corpus { get; private set; } = new([]);

    public IReadOnlyDictionary<string, NabProfile> Profiles { get; private set; } = new Dictionary<string, NabProfile>();

    public async Task InitializeAsync()
    {
        Root = SharedData.Resolve("nab");
        Corpus = await NabCorpus.LoadAsync(Root, CancellationToken.None);
        Profiles = await NabProfile.LoadAllAsync(Path.Combine(Root, "config", "profiles.json"), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public Task<NabDetectorResults> ResultsAsync(string detector) =>
        NabDetectorResults.LoadAsync(Path.Combine(Root, "results"), detector, Corpus, CancellationToken.None);
}
