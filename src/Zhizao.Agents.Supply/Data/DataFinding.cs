using System.Text;
using System.Text.Json.Serialization;

namespace Zhizao.Agents.Supply.Data;

/// <summary>How serious a finding about an input file is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>Noted, nothing changed that the user needs to check (rows sorted, step inferred, column ignored).</summary>
    Info,
    /// <summary>Kept, but repaired or suspicious (gaps filled, duplicates summed, short or all-zero series).</summary>
    Warning,
    /// <summary>Data rejected: a line, a cell, an item, or the whole file.</summary>
    Error,
}

/// <summary>What a finding is about; the counts of a read are keyed by it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingKind>))]
public enum FindingKind
{
    // Whole file refused.
    /// <summary>The file has no header line.</summary>
    EmptyFile,
    /// <summary>The first line looks like data, not a header.</summary>
    MissingHeader,
    /// <summary>A required column is absent.</summary>
    MissingColumn,
    /// <summary>Two header columns name the same thing.</summary>
    DuplicateColumn,
    /// <summary>The file exceeds the size bound.</summary>
    FileTooLarge,
    /// <summary>The file exceeds the row bound.</summary>
    TooManyRows,
    /// <summary>The file is not UTF-8 text.</summary>
    NotUtf8,
    /// <summary>No usable row remained.</summary>
    NoData,
    /// <summary>Timestamps are not equally spaced (e.g. monthly dates).</summary>
    IrregularSpacing,

    // One line or cell rejected (counted).
    /// <summary>A quantity that is not a finite number.</summary>
    NonNumericQuantity,
    /// <summary>A negative quantity: returns are not demand.</summary>
    NegativeQuantity,
    /// <summary>A date or timestamp that cannot be read.</summary>
    InvalidDate,
    /// <summary>An empty item id.</summary>
    MissingItem,
    /// <summary>A line with a different number of fields than the header (or an unbalanced quote).</summary>
    WrongFieldCount,
    /// <summary>A timestamp between the steps of its item's series.</summary>
    OffGrid,
    /// <summary>An item whose dates span more periods than the bound (usually a mistyped year).</summary>
    SeriesTooLong,
    /// <summary>An inventory field with an invalid value.</summary>
    InvalidValue,
    /// <summary>A second inventory row for the same item.</summary>
    DuplicateItem,

    // Kept, repaired or flagged.
    /// <summary>Several rows for the same item and date, summed.</summary>
    DuplicatesSummed,
    /// <summary>Missing periods inside a series, filled with zero demand.</summary>
    GapFilled,
    /// <summary>A gap longer than a quarter of the series' span.</summary>
    LongGap,
    /// <summary>A series shorter than the minimum for model-based forecasting.</summary>
    FewObservations,
    /// <summary>A series whose every value is zero.</summary>
    AllZero,
    /// <summary>Negative stock on hand (backorders), kept.</summary>
    NegativeOnHand,
    /// <summary>An item present in one file but not the other.</summary>
    UnmatchedItem,

    // Notes.
    /// <summary>Rows were not in date order and were sorted.</summary>
    Unsorted,
    /// <summary>The step of the series, inferred from the data.</summary>
    StepInferred,
    /// <summary>A column that is not used.</summary>
    IgnoredColumn,
}

/// <summary>
/// One finding about an input file: where (file, 1-based line, column), the value at fault, the item concerned,
/// and what was done about it.
/// </summary>
/// <param name="Severity">Error: data rejected; Warning: kept but repaired or flagged; Info: noted.</param>
/// <param name="Kind">What the finding is about.</param>
/// <param name="File">The file name used in messages.</param>
/// <param name="Line">1-based line number (the header is line 1), or null for a finding about a series or the file.</param>
/// <param name="Column">The column name as written in the header, or null.</param>
/// <param name="Value">The offending value as written, or null.</param>
/// <param name="ItemId">The item concerned, or null.</param>
/// <param name="Message">A complete sentence saying what is wrong and what was done.</param>
public sealed record DataFinding(
    FindingSeverity Severity,
    FindingKind Kind,
    string File,
    long? Line,
    string? Column,
    string? Value,
    string? ItemId,
    string Message)
{
    /// <summary>"demand.csv: line 17, column quantity: …".</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
            text.Append(": line ").Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Column is not null)
            text.Append(Line is null ? ": column " : ", column ").Append(Column);
        return text.Append(": ").Append(Message).ToString();
    }
}

/// <summary>Raised when a whole input file is refused; <see cref="Findings"/> says why (at least one error).</summary>
public sealed class SupplyFileException : Exception
{
    /// <summary>Creates the exception from the findings that refuse the file.</summary>
    public SupplyFileException(IReadOnlyList<DataFinding> findings)
        : base(string.Join(Environment.NewLine, findings)) => Findings = findings;

    /// <summary>Creates the exception from one finding.</summary>
    public SupplyFileException(DataFinding finding)
        : this([finding])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SupplyFileException(string message) : base(message) => Findings = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SupplyFileException(string message, Exception innerException) : base(message, innerException) => Findings = [];

    /// <summary>Creates the exception with no detail.</summary>
    public SupplyFileException() => Findings = [];

    /// <summary>Why the file was refused.</summary>
    public IReadOnlyList<DataFinding> Findings { get; }
}
