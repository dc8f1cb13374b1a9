using Zhizao.Ingestion;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Server;

/// <summary>The server's options (configuration section "Zhizao"). Defaults run the embedded demo.</summary>
public sealed class ZhizaoOptions
{
    /// <summary>Storage backend: "duckdb" (embedded, default) or "postgres".</summary>
    public string Storage { get; set; } = "duckdb";

    /// <summary>Embedded store options.</summary>
    public DuckDbStoreOptions DuckDb { get; set; } = new();

    /// <summary>PostgreSQL connection string when <see cref="Storage"/> is "postgres".</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Ingestion limits and batching.</summary>
    public IngestionOptions Ingestion { get; set; } = new();

    /// <summary>Largest HTTP request body in bytes (ingest batches, plant files).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Run the demo plant: import it and publish its simulated data through MQTT.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// How far in the past the demo simulation starts: that much history is published at once on start
    /// (the default faults happen 35–70 minutes into a run, after 30 healthy minutes), then it runs in real time.
    /// </summary>
    public TimeSpan DemoBackfill { get; set; } = TimeSpan.Zero;

    /// <summary>Directory of the model registry; empty = <c>models</c> beside the embedded database file.</summary>
    public string ModelsPath { get; set; } = "";

    /// <summary>The model registry directory in effect.</summary>
    public string EffectiveModelsPath =>
        !string.IsNullOrWhiteSpace(ModelsPath) ? ModelsPath : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(DuckDb.Path)) ?? ".", "models");

    /// <summary>
    /// Directories whose files model training, evaluation and prediction may read on the server (the API takes server paths);
    /// empty = <c>model-data</c> beside the embedded database file. A path outside every root is refused.
    /// </summary>
    public List<string> ModelDataRoots { get; set; } = [];

    /// <summary>The model-data roots in effect, as full paths.</summary>
    public IReadOnlyList<string> EffectiveModelDataRoots =>
        ModelDataRoots.Count > 0
            ? [.. ModelDataRoots.Select(System.IO.Path.GetFullPath)]
            : [System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(DuckDb.Path)) ?? ".", "model-data")];

    /// <summary>Where the first admin key is written (once, mode 600) besides being shown; empty = not written.</summary>
    public string AdminKeyFile { get; set; } = "";

    /// <summary>The platform's private signing key (JWK, created on first start, mode 0600); empty: next to the store.</summary>
    public string PlatformKeyPath { get; set; } = "";

    /// <summary>The platform's signing key file in effect.</summary>
    public string EffectivePlatformKeyPath => PlatformKeyPath.Length > 0
        ? PlatformKeyPath
        : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(EffectiveModelsPath.TrimEnd('/'))) ?? ".", "platform-key.jwk");

    /// <summary>Folder of benchmark reports whose scores the registry shows on Zhizao's agents (zhizao bench writes them).</summary>
    public string BenchmarkReports { get; set; } = "bench-results";

    /// <summary>Checks the options; returns the problems found.</summary>
    public IEnumerable<string> Validate()
    {
        if (Storage is not ("duckdb" or "postgres"))
            yield return $"Zhizao:Storage must be 'duckdb' or 'postgres', not '{Storage}'";
        if (Storage == "postgres" && string.IsNullOrWhiteSpace(PostgresConnectionString))
            yield return "Zhizao:PostgresConnectionString is required when Zhizao:Storage is 'postgres'";
        if (MaxRequestBodyBytes is < 1024 or > 1024L * 1024 * 1024)
            yield return "Zhizao:MaxRequestBodyBytes must be in [1 KiB, 1 GiB]";
        if (DemoBackfill < TimeSpan.Zero || DemoBackfill > TimeSpan.FromDays(7))
            yield return "Zhizao:DemoBackfill must be in [0, 7 days]";
        foreach (var problem in DuckDb.Validate().Concat(Ingestion.Validate()))
            yield return problem;
    }
}
