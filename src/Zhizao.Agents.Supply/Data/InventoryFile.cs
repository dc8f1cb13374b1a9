using Zhizao.Agents.Supply.Inventory;
using Zhizao.Core.Assets;
using static System.FormattableString;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// Reads an inventory CSV file (UTF-8, header required), one row per item:
/// <code>
/// item,on_hand,lead_time_days,service_level,moq,pack_size,on_order,on_order_due,unit_cost,review_period_days,name,unit
/// bearing-6204,640,12,95%,200,50,0,,9.80,7,Ball bearing 6204,pcs
/// </code>
/// <c>item</c>, <c>on_hand</c> and <c>lead_time_days</c> are required; the rest are optional columns and empty cells
/// take the defaults (service level and review period from <see cref="InventoryOptions"/>, MOQ 0, pack 1, on order 0,
/// unit cost 0). Service level is a fraction (0.95) or a percentage (95 or 95%). A row with an invalid value is rejected
/// with every bad field reported (line, column, value); negative stock on hand (backorders) is kept and flagged; a
/// second row for an item is rejected. The file is refused on the same grounds as a demand file.
/// </summary>
public static class InventoryFile
{
    /// <summary>The header of the required columns, as shown in messages.</summary>
    public const string RequiredHeader = "item,on_hand,lead_time_days";

    private static readonly ColumnSpec OnHand = new("on_hand", ["on_hand", "onhand", "stock", "qty_on_hand", "inventory", "库存", "现有库存"], Required: true);
    private static readonly ColumnSpec LeadTime = new("lead_time_days", ["lead_time_days", "lead_time", "leadtime", "lt", "交货期", "提前期"], Required: true);
    private static readonly ColumnSpec Service = new("service_level", ["service_level", "service", "服务水平"]);
    private static readonly ColumnSpec Moq = new("moq", ["moq", "min_order_qty", "minimum_order_quantity", "最小起订量"]);
    private static readonly ColumnSpec Pack = new("pack_size", ["pack_size", "pack", "case_size", "包装量"]);
    private static readonly ColumnSpec OnOrder = new("on_order", ["on_order", "onorder", "open_orders", "在途"]);
    private static readonly ColumnSpec OnOrderDue = new("on_order_due", ["on_order_due", "due", "due_date", "到货日期"]);
    private static readonly ColumnSpec Cost = new("unit_cost", ["unit_cost", "cost", "price", "单价"]);
    private static readonly ColumnSpec Review = new("review_period_days", ["review_period_days", "review_period", "订货周期"]);
    private static readonly ColumnSpec Name = new("name", ["name", "description", "名称"]);
    private static readonly ColumnSpec Unit = new("unit", ["unit", "uom", "单位"]);
    private static readonly ColumnSpec[] Specs = [CsvHeader.Item, OnHand, LeadTime, Service, Moq, Pack, OnOrder, OnOrderDue, Cost, Review, Name, Unit];

    /// <summary>Reads an inventory file from disk; findings name it by its file name.</summary>
    public static async Task<InventoryData> ReadAsync(string path, SupplyFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
            return await ReadAsync(stream, Path.GetFileName(path), options, cancellationToken);
    }

    /// <summary>Reads an inventory file from a stream (not closed); <paramref name="fileName"/> is used in findings.</summary>
    public static async Task<InventoryData> ReadAsync(Stream stream, string fileName, SupplyFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SupplyFileOptions.Default;
        options.Validate();
        var log = new FindingLog(fileName, options.DetailLimit);
        using var source = CsvSource.Open(stream, log, options.MaxBytes);
        var header = await source.ReadHeaderAsync(RequiredHeader, cancellationToken);
        var map = CsvHeader.Map(header, Specs, log, source.LineNumber, out var ignored);
        foreach (var i in ignored)
            log.Note(FindingSeverity.Info, FindingKind.IgnoredColumn, header[i], $"the column '{header[i]}' is not used.");
        var items = new List<ItemTerms>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        long lines = 0;
        while (await source.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            if (++lines > options.MaxRows)
                throw log.Refuse(FindingKind.TooManyRows, source.LineNumber, null, null, Invariant($"the file has more than {options.MaxRows:N0} data lines."));
            if (DemandFile.Fields(source, line, header, log) is { } fields
                && new Row(fields, header, map, log, source.LineNumber).Read() is { } terms)
            {
                if (firstLine.TryGetValue(terms.ItemId, out var first))
                    log.Add(FindingSeverity.Error, FindingKind.DuplicateItem, source.LineNumber, header[map[CsvHeader.Item]], terms.ItemId, terms.ItemId,
                        Invariant($"item '{terms.ItemId}' was already given on line {first}; row rejected."));
                else
                {
                    firstLine[terms.ItemId] = source.LineNumber;
                    items.Add(terms);
                }
            }
        }
        if (items.Count == 0)
            throw new SupplyFileException([
                new DataFinding(FindingSeverity.Error, FindingKind.NoData, fileName, null, null, null, null, Invariant($"no usable row: {lines:N0} data line(s) read, none accepted.")),
                .. log.Complete()]);
        return new InventoryData(fileName, items, log.Complete(), log.Counts(), lines);
    }

    /// <summary>One data row: each field is read and every bad one reported before the row is rejected.</summary>
    private sealed class Row(List<string> fields, string[] header, Dictionary<ColumnSpec, int> map, FindingLog log, long line)
    {
        private bool _bad;
        private string? _item;

        public ItemTerms? Read()
        {
            _item = Cell(CsvHeader.Item);
            if (_item is null)
            {
                log.Add(FindingSeverity.Error, FindingKind.MissingItem, line, header[map[CsvHeader.Item]], "", null, "the item id is empty; row rejected.");
                return null;
            }
            var onHand = Number(OnHand, double.NegativeInfinity, null);
            var lead = Whole(LeadTime, 0, 3650, null);
            var service = ServiceLevel();
            var moq = Whole(Moq, 0, int.MaxValue, 0);
            var pack = Whole(Pack, 1, int.MaxValue, 1);
            var onOrder = Number(OnOrder, 0, 0);
            var due = Cell(OnOrderDue) is { } text ? Due(text) : null;
            var cost = Number(Cost, 0, 0);
            var review = Whole(Review, 0, 3650, null);
            if (_bad || onHand is null || lead is null)
                return null;
            if (onHand < 0)
                log.Add(FindingSeverity.Warning, FindingKind.NegativeOnHand, line, header[map[OnHand]], Cell(OnHand), _item,
                    $"item '{_item}': stock on hand is negative ({Cell(OnHand)}); kept as backorders to serve first.");
            return new ItemTerms(_item, onHand.Value, (int)lead.Value, service, (int)moq!.Value, (int)pack!.Value, onOrder!.Value, due,
                (decimal)cost!.Value, (int?)review, Cell(Name) is { } n ? new LocalizedText(n) : null, Cell(Unit));
        }

        private string? Cell(ColumnSpec spec) =>
            map.TryGetValue(spec, out var i) && fields[i].Trim() is { Length: > 0 } text ? text : null;

        private double? Number(ColumnSpec spec, double min, double? empty)
        {
            if (Cell(spec) is not { } text)
                return empty ?? Reject(spec, "", $"'{spec.Name}' is required");
            return FieldParser.Number(text) is { } v && v >= min ? v
                : Reject(spec, text, double.IsNegativeInfinity(min) ? $"'{text}' is not a number" : Invariant($"'{text}' is not a number ≥ {min}"));
        }

        private double? Whole(ColumnSpec spec, int min, int max, int? empty)
        {
            if (Cell(spec) is not { } text)
                return empty ?? (spec.Required ? Reject(spec, "", $"'{spec.Name}' is required") : null);
            return FieldParser.Number(text) is { } v && v == Math.Floor(v) && v >= min && v <= max ? v
                : Reject(spec, text, Invariant($"'{text}' is not a whole number from {min} to {max:N0}"));
        }

        private double? ServiceLevel()
        {
            if (Cell(Service) is not { } text)
                return null;
            var percent = text.EndsWith('%');
            var value = FieldParser.Number(percent ? text[..^1] : text);
            if (value is { } v && (percent || v > 1))
                value = v / 100;
            return value is >= 0.5 and < 1 ? value
                : Reject(Service, text, $"'{text}' is not a service level from 50 % to below 100 % (write 0.95, 95 or 95%)");
        }

        private DateTime? Due(string text)
        {
            if (Timestamps.TryParse(text, out var time, out _))
                return time;
            Reject(OnOrderDue, text, $"'{text}' is not a date (expected yyyy-MM-dd)");
            return null;
        }

        private double? Reject(ColumnSpec spec, string value, string problem)
        {
            _bad = true;
            log.Add(FindingSeverity.Error, FindingKind.InvalidValue, line, header[map[spec]], value, _item,
                $"item '{_item}': {problem}; row rejected.");
            return null;
        }
    }
}
