namespace Zhizao.Ingestion;

/// <summary>Limits and batching of the ingestion pipeline. The defaults suit the embedded demo and the benchmarks.</summary>
public sealed class IngestionOptions
{
    /// <summary>Most points written in one store transaction (requests are merged up to this size).</summary>
    public int MaxBatchPoints { get; set; } = 100_000;

    /// <summary>Write requests waiting for the store; when full, producers wait (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Most points one ingest call may carry.</summary>
    public int MaxPointsPerCall { get; set; } = 1_000_000;

    /// <summary>Earliest accepted timestamp.</summary>
    public DateTimeOffset EarliestTimestamp { get; set; } = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far in the future (relative to the server clock) a timestamp may be.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Checks the options; returns the problems found.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxBatchPoints is < 1 or > 10_000_000)
            yield return "Ingestion:MaxBatchPoints must be in [1, 10000000]";
        if (QueueCapacity is < 1 or > 100_000)
            yield return "Ingestion:QueueCapacity must be in [1, 100000]";
        if (MaxPointsPerCall < 1)
            yield return "Ingestion:MaxPointsPerCall must be positive";
        if (MaxFutureSkew < TimeSpan.Zero)
            yield return "Ingestion:MaxFutureSkew must not be negative";
    }
}
