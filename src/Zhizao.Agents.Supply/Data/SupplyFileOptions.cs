namespace Zhizao.Agents.Supply.Data;

/// <summary>Bounds and thresholds of the demand and inventory readers. Defaults suit files uploaded by a user.</summary>
public sealed class SupplyFileOptions
{
    /// <summary>The defaults.</summary>
    public static SupplyFileOptions Default { get; } = new();

    /// <summary>Files larger than this are refused (default 200 MB).</summary>
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>
    /// Files with more data lines, or wide files with more values, are refused (default 5,000,000); all series together
    /// may hold at most four times this many periods once gaps are filled.
    /// </summary>
    public long MaxRows { get; set; } = 5_000_000;

    /// <summary>
    /// An item whose dates span more periods is refused (default 50,000: 136 years of days, 5.7 years of hours); it is
    /// almost always a mistyped year. All series together may hold at most 4 × <see cref="MaxRows"/> periods.
    /// </summary>
    public int MaxPeriodsPerSeries { get; set; } = 50_000;

    /// <summary>Series shorter than this are flagged <see cref="SeriesFlags.FewObservations"/> (default 14 periods).</summary>
    public int MinObservations { get; set; } = 14;

    /// <summary>A gap longer than this share of the series' span is flagged <see cref="SeriesFlags.LongGap"/> (default 0.25).</summary>
    public double LongGapShare { get; set; } = 0.25;

    /// <summary>How many findings of each kind are listed in full; the rest are counted and summarised (default 20).</summary>
    public int DetailLimit { get; set; } = 20;

    /// <summary>
    /// The file is refused as not equally spaced when more than this share of rows fall between the steps of their
    /// series (default 0.1); below it those rows are rejected one by one.
    /// </summary>
    public double MaxOffGridShare { get; set; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxBytes < 1)
            problems.Add($"{nameof(MaxBytes)} must be positive");
        if (MaxRows < 1)
            problems.Add($"{nameof(MaxRows)} must be positive");
        if (MaxPeriodsPerSeries < 1)
            problems.Add($"{nameof(MaxPeriodsPerSeries)} must be positive");
        if (MinObservations < 0)
            problems.Add($"{nameof(MinObservations)} must not be negative");
        if (LongGapShare is <= 0 or > 1)
            problems.Add($"{nameof(LongGapShare)} must lie in (0, 1]");
        if (DetailLimit < 0)
            problems.Add($"{nameof(DetailLimit)} must not be negative");
        if (MaxOffGridShare is < 0 or > 1)
            problems.Add($"{nameof(MaxOffGridShare)} must lie in [0, 1]");
        if (problems.Count > 0)
            throw new ArgumentException("Invalid supply file options: " + string.Join("; ", problems) + ".");
    }
}
