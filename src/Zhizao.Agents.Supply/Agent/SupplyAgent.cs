using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Agents.Supply.Data;
using Zhizao.Core.Agents;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>
/// The supply agent (运营管理 · 供应与库存): forecasts item demand, back-tests forecasting methods and checks inventory
/// (库存预警) for the demo plant's items or for data sets uploaded as CSV files. It recommends (L2): its skills read and
/// report, a person places the orders. The computing runs on the thread pool, bounded by the input limits (at most
/// 10,000 items, 366 periods ahead).
/// </summary>
/// <param name="time">The clock ("today" of the demo plant).</param>
/// <param name="logger">Logger.</param>
/// <param name="datasets">Uploaded data sets; source "dataset" is unavailable when null (the CLI alone).</param>
public sealed partial class SupplyAgent(TimeProvider time, ILogger<SupplyAgent> logger, SupplyDatasets? datasets = null) : IAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "cn.zhizao/supply";

    /// <summary>The most items one call may run on.</summary>
    public const int MaxItems = 10_000;

    /// <summary>The demo plant's seed (the same as the demo API's).</summary>
    public const int DemoSeed = 42;

    /// <summary>Days of demo history, ending yesterday.</summary>
    public const int DemoDays = 730;

    private const int MaxItemIdLength = 200;

    /// <inheritdoc />
    public AgentDescriptor Descriptor { get; } = SupplyDescriptor.Create();

    /// <inheritdoc />
    public Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken) =>
        InvokeAsync(skill, input, caller, null, cancellationToken);

    /// <summary>Invokes a skill on the demo plant or a stored data set, reporting progress (the CLI's progress bar).</summary>
    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, IProgress<SupplyProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Check(skill, input) is { } refused)
            return refused;
        var request = (JsonObject?)input ?? [];
        var fields = new SkillFields(request);
        var dataset = fields.Text("dataset", SupplyDatasets.MaxNameLength);
        var source = fields.Text("source", 20) ?? (dataset is null ? "demo" : "dataset");
        if (fields.Error is { } error)
            return SkillResult.Fail("invalid-input", error);
        SupplyData data;
        switch (source)
        {
            case "demo" when dataset is not null:
                return SkillResult.Fail("invalid-input", "'dataset' is given with source 'demo'; drop one of them");
            case "demo":
                var demo = DemoInventory.Create(DemoSeed, DemoToday().AddDays(-DemoDays), DemoDays);
                data = new SupplyData(demo.Demand, demo.Inventory, "demo", null);
                break;
            case "dataset" when dataset is null:
                return SkillResult.Fail("invalid-input", "'dataset' is required with source 'dataset': the name of an uploaded data set");
            case "dataset" when datasets is null:
                return SkillResult.Fail("invalid-input", "data sets are not available here (only on a server); use source 'demo'");
            case "dataset":
                if (await datasets.LoadAsync(dataset, cancellationToken) is not { } stored)
                    return SkillResult.Fail("not-found", $"there is no data set '{dataset}'; upload one with PUT /api/v1/supply/datasets/{{name}} (GET /api/v1/supply/datasets lists them)");
                data = new SupplyData(stored.Demand, stored.Inventory, "dataset", dataset);
                break;
            default:
                return SkillResult.Fail("invalid-input", $"'source' must be 'demo' or 'dataset', not '{source}'");
        }
        return await RunAsync(skill, request, data, progress, cancellationToken);
    }

    /// <summary>
    /// Invokes a skill on data read by the caller (the CLI's local files): the same input and output as through the
    /// gateway, without 'source' and 'dataset'.
    /// </summary>
    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, SupplyData data, IProgress<SupplyProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Check(skill, input) is { } refused)
            return refused;
        var request = (JsonObject?)input ?? [];
        if (request.ContainsKey("source") || request.ContainsKey("dataset"))
            return SkillResult.Fail("invalid-input", "'source' and 'dataset' do not apply to data given directly");
        return await RunAsync(skill, request, data, progress, cancellationToken);
    }

    private SkillResult? Check(string skill, JsonNode? input)
    {
        if (input is not (null or JsonObject))
            return SkillResult.Fail("invalid-input", "the skill input must be a JSON object");
        if (Descriptor.Skills.All(s => s.Name != skill))
            return SkillResult.Fail("unknown-skill", $"the supply agent has no skill '{skill}' (skills: {string.Join(", ", Descriptor.Skills.Select(s => s.Name))})");
        return null;
    }

    private async Task<SkillResult> RunAsync(string skill, JsonObject request, SupplyData data, IProgress<SupplyProgress>? progress, CancellationToken cancellationToken)
    {
        var fields = new SkillFields(request);
        fields.Only(skill switch { "forecast" => ForecastSkill.Fields, "backtest" => BacktestSkill.Fields, _ => InventoryCheckSkill.Fields });
        var selection = Select(fields, data);
        Func<Selection, ProgressScale, JsonObject> run;
        int units;
        switch (skill)
        {
            case "forecast":
                var forecast = ForecastSkill.Read(fields);
                run = (s, p) => ForecastSkill.Run(forecast, s, p, cancellationToken);
                units = ForecastBatch.Units(forecast.Method, selection?.Series.Count ?? 0);
                break;
            case "backtest":
                var backtest = BacktestSkill.Read(fields);
                run = (s, p) => BacktestSkill.Run(backtest, s, p, cancellationToken);
                units = backtest.Methods.Count * backtest.Folds;
                break;
            default:
                var check = InventoryCheckSkill.Read(fields);
                if (data.Inventory is null)
                    fields.Fail(data.Source == "dataset"
                        ? $"data set '{data.Dataset}' has no inventory file; upload it with PUT /api/v1/supply/datasets/{data.Dataset}/inventory"
                        : "the inventory check needs an inventory file (stock and terms per item)");
                run = (s, p) => InventoryCheckSkill.Run(check, s, p, cancellationToken);
                units = ForecastBatch.Units(check.Method, selection?.Series.Count ?? 0) + check.SigmaFolds;
                break;
        }
        if (fields.Error is { } error || selection is null)
            return SkillResult.Fail("invalid-input", fields.Error ?? "no items");

        var clock = Stopwatch.StartNew();
        var output = await Task.Run(() => run(selection, new ProgressScale(progress, units)), cancellationToken);
        LogRan(logger, skill, selection.Series.Count, data.Source, clock.Elapsed.TotalSeconds);
        return SkillResult.Ok(output);
    }

    /// <summary>The chosen items' series; null (with the error recorded) when an item is unknown or there are too many.</summary>
    private static Selection? Select(SkillFields fields, SupplyData data)
    {
        var items = fields.Texts("items", MaxItems, MaxItemIdLength);
        if (items is null)
        {
            if (data.Demand.Series.Count > MaxItems)
            {
                fields.Fail($"the data hold {data.Demand.Series.Count:N0} items, more than {MaxItems:N0} per call: choose some with 'items'");
                return null;
            }
            return new Selection(data, data.Demand.Series, null);
        }
        var chosen = items.ToHashSet(StringComparer.Ordinal);
        var series = data.Demand.Series.Where(s => chosen.Contains(s.ItemId)).ToList();
        if (series.Count < chosen.Count)
        {
            var known = data.Demand.Series.Select(s => s.ItemId).ToHashSet(StringComparer.Ordinal);
            var unknown = items.Where(i => !known.Contains(i)).ToList();
            fields.Fail($"unknown item(s) {string.Join(", ", unknown.Take(10).Select(u => $"'{u}'"))}{(unknown.Count > 10 ? $" and {unknown.Count - 10} more" : "")}; " +
                $"the data hold {known.Count:N0} items, e.g. {string.Join(", ", known.Take(5))}");
            return null;
        }
        return new Selection(data, series, chosen);
    }

    /// <summary>Today in the demo plant's time zone (as the demo API's supply items).</summary>
    private DateTimeOffset DemoToday()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        return new DateTimeOffset(local.Date, local.Offset);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Supply skill {Skill} ran on {Items} item(s) from {Source} in {Seconds:F2} s")]
    private static partial void LogRan(ILogger logger, string skill, int items, string source, double seconds);
}
