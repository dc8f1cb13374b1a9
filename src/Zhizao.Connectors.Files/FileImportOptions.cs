namespace Zhizao.Connectors.Files;

/// <summary>The container format of an import file.</summary>
public enum FileFormat
{
    /// <summary>Parquet when the file starts with the Parquet magic bytes or ends in .parquet, otherwise CSV.</summary>
    Auto,
    /// <summary>Delimited text: comma, semicolon or tab separated, with a header row.</summary>
    Csv,
    /// <summary>Apache Parquet, read column-wise per row group.</summary>
    Parquet,
}

/// <summary>How rows map to points.</summary>
public enum ImportLayout
{
    /// <summary>One timestamp column and one column per signal: each non-empty cell is a point.</summary>
    Wide,
    /// <summary>One point per row: signal, timestamp, value and optionally unit columns.</summary>
    Long,
}

/// <summary>How timestamp cells are written.</summary>
public enum TimestampFormat
{
    /// <summary>
    /// Text: ISO 8601 / RFC 3339 with or without offset ("2024-03-01T08:00:00.250+08:00", "...Z"), or
    /// "yyyy-MM-dd HH:mm:ss[.fff]". Parquet timestamp columns are read natively whatever this says.
    /// </summary>
    Text,
    /// <summary>Numeric seconds since the Unix epoch (fractions allowed).</summary>
    EpochSeconds,
    /// <summary>Numeric milliseconds since the Unix epoch (fractions allowed).</summary>
    EpochMilliseconds,
}

/// <summary>
/// Options of one file import. The defaults import a comma/semicolon/tab separated wide file whose
/// timestamps are ISO 8601 in UTC, in chunks of 100,000 points with parsing overlapped with storage.
/// </summary>
public sealed record FileImportOptions
{
    /// <summary>Smallest accepted <see cref="ChunkSize"/>.</summary>
    public const int MinChunkSize = 1;

    /// <summary>Largest accepted <see cref="MaxChunksInFlight"/>.</summary>
    public const int MaxInFlightLimit = 4;

    /// <summary>CSV or Parquet; <see cref="FileFormat.Auto"/> (default) decides from the file's first bytes and extension.</summary>
    public FileFormat Format { get; init; } = FileFormat.Auto;

    /// <summary>Wide (default) or long layout.</summary>
    public ImportLayout Layout { get; init; } = ImportLayout.Wide;

    /// <summary>Which columns hold what; see <see cref="ImportMapping"/>.</summary>
    public ImportMapping Mapping { get; init; } = new();

    /// <summary>How text or integer timestamps are written (default ISO 8601 text).</summary>
    public TimestampFormat TimestampFormat { get; init; } = TimestampFormat.Text;

    /// <summary>
    /// The zone of timestamps written without an offset (default UTC), e.g. <c>TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")</c>.
    /// A local time inside a daylight-saving gap is moved forward by the gap; an ambiguous one takes the earlier instant.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>CSV separator; null (default) detects ',' ';' or tab from the header row.</summary>
    public char? Separator { get; init; }

    /// <summary>Points per <c>IngestAsync</c> call (default 100,000).</summary>
    public int ChunkSize { get; init; } = 100_000;

    /// <summary>
    /// Chunks alive at once, counting the one being parsed: 1 parses and stores strictly in turn; 2 (default)
    /// parses the next chunk while the previous one is stored.
    /// </summary>
    public int MaxChunksInFlight { get; init; } = 2;

    /// <summary>Throws <see cref="ArgumentException"/> when an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkSize, MinChunkSize, nameof(ChunkSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChunksInFlight, 1, nameof(MaxChunksInFlight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxChunksInFlight, MaxInFlightLimit, nameof(MaxChunksInFlight));
        ArgumentNullException.ThrowIfNull(Mapping, nameof(Mapping));
        ArgumentNullException.ThrowIfNull(TimeZone, nameof(TimeZone));
        if (Separator is { } sep && sep is not (',' or ';' or '\t' or '|'))
            throw new ArgumentException($"Separator '{sep}' is not supported: use ',', ';', tab or '|'.", nameof(Separator));
        Mapping.Validate();
    }
}
