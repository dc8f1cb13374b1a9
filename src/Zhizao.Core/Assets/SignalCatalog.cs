using System.Collections.Frozen;
using Zhizao.Core.Storage;

namespace Zhizao.Core.Assets;

/// <summary>An immutable snapshot of every known signal, by path text and by id.</summary>
public sealed class SignalCatalog
{
    private readonly FrozenDictionary<string, SignalRecord> _byPath;
    private readonly FrozenDictionary<int, SignalRecord> _byId;

    public SignalCatalog(IEnumerable<SignalRecord> signals)
    {
        var list = signals.ToList();
        _byPath = list.ToFrozenDictionary(s => s.Path.ToString(), StringComparer.Ordinal);
        _byId = list.ToFrozenDictionary(s => s.Id);
    }

    /// <summary>An empty catalog (no plant imported yet).</summary>
    public static SignalCatalog Empty { get; } = new([]);

    /// <summary>Number of signals.</summary>
    public int Count => _byId.Count;

    /// <summary>All signals.</summary>
    public IEnumerable<SignalRecord> All => _byId.Values;

    /// <summary>Finds a signal by its "site/line/machine/signal" path.</summary>
    public bool TryGet(string path, out SignalRecord signal) => _byPath.TryGetValue(path, out signal!);

    /// <summary>Finds a signal by id.</summary>
    public bool TryGet(int id, out SignalRecord signal) => _byId.TryGetValue(id, out signal!);
}

/// <summary>Holds the current <see cref="SignalCatalog"/>, replaced atomically when a plant is imported.</summary>
public sealed class CatalogService(IStore store)
{
    private volatile SignalCatalog _current = SignalCatalog.Empty;

    /// <summary>The catalog in force now.</summary>
    public SignalCatalog Current => _current;

    /// <summary>Reloads the catalog from the store.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        _current = new SignalCatalog(await store.Metadata.ListSignalsAsync(cancellationToken));
}
