using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.LimitMonitor;

/// <summary>
/// The built-in signal-limit monitor: watches the point stream, raises an alarm when a signal leaves the normal
/// range of its plant file and clears it when it is back (with on-delay, deadband and off-delay), and offers
/// skills to list alarms, check a value and acknowledge an alarm.
/// </summary>
public sealed partial class LimitMonitorAgent(
    CatalogService catalog, IStore store, LimitMonitorOptions options, TimeProvider time, ILogger<LimitMonitorAgent> logger)
    : IAgent, IPointStreamSubscriber
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "cn.zhizao/limit-monitor";

    private readonly Dictionary<int, (LimitEvaluator Evaluator, long? AlarmId)> _state = [];
    private readonly Lock _lock = new();

    public AgentDescriptor Descriptor { get; } = LimitMonitorDescriptor.Create();

    /// <summary>Restores active alarms from the store so that a restart neither repeats nor forgets them.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var active = await store.Metadata.ListAlarmsAsync(activeOnly: true, limit: 10_000, cancellationToken);
        var current = catalog.Current;
        lock (_lock)
        {
            foreach (var alarm in active.Where(a => a.Source == AgentId))
            {
                if (!current.TryGet(alarm.SignalId, out var signal) || signal.Definition.Normal is not { } range)
                    continue;
                var evaluator = new LimitEvaluator(range, options);
                evaluator.Restore(Enum.Parse<LimitCondition>(alarm.Condition, ignoreCase: true));
                _state[alarm.SignalId] = (evaluator, alarm.Id);
            }
        }
    }

    public async ValueTask OnPointsAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        var current = catalog.Current;
        List<(SignalRecord Signal, LimitEvaluator Evaluator, LimitCondition Condition, DataPoint Point)>? changes = null;
        lock (_lock)
        {
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                if (!current.TryGet(point.SignalId, out var signal) || signal.Definition.Normal is not { } range)
                    continue;
                if (!_state.TryGetValue(point.SignalId, out var entry) || entry.Evaluator.Range != range)
                {
                    // A new range (plant re-imported) keeps the alarm in force, so that it can still clear.
                    var evaluator = new LimitEvaluator(range, options);
                    if (entry.Evaluator is { } previous)
                        evaluator.Restore(previous.Active);
                    entry = (evaluator, entry.AlarmId);
                }
                if (entry.Evaluator.Observe(point.Value) is { } condition)
                    (changes ??= []).Add((signal, entry.Evaluator, condition, point));
                _state[point.SignalId] = entry;
            }
        }
        if (changes is null)
            return;
        foreach (var change in changes)
            await ApplyAsync(change.Signal, change.Evaluator, change.Condition, change.Point, cancellationToken);
    }

    private async Task ApplyAsync(SignalRecord signal, LimitEvaluator evaluator, LimitCondition condition, DataPoint point, CancellationToken cancellationToken)
    {
        var at = Timestamps.FromMicros(point.TimestampMicros);
        // The alarm in force is read now, not when the batch was evaluated: an earlier change of the same
        // batch may have raised it (a batch can carry a raise and its clear).
        if (CurrentAlarm(signal.Id) is { } id)
        {
            await store.Metadata.ClearAlarmAsync(id, at, cancellationToken);
            LogCleared(logger, signal.Path.ToString());
            SetAlarm(signal.Id, null);
        }
        if (condition == LimitCondition.Normal)
            return;
        var limit = evaluator.LimitOf(condition);
        var range = evaluator.Range;
        var excess = Math.Abs(point.Value - limit) / (range.Max - range.Min);
        var unit = signal.Definition.Unit;
        var inv = CultureInfo.InvariantCulture;
        var message = condition == LimitCondition.High
            ? string.Create(inv, $"{signal.Path} high: {point.Value:G6} {unit} > {limit:G6} {unit} ({signal.Definition.Description.Zh} 超上限)")
            : string.Create(inv, $"{signal.Path} low: {point.Value:G6} {unit} < {limit:G6} {unit} ({signal.Definition.Description.Zh} 低于下限)");
        var alarm = await store.Metadata.RaiseAlarmAsync(new AlarmRecord(
            0, AgentId, signal.Id, signal.Path.ToString(), excess > 0.1 ? "high" : "medium", condition.ToString().ToLowerInvariant(),
            message, point.Value, limit, at, null, null), cancellationToken);
        SetAlarm(signal.Id, alarm.Id);
        LogRaised(logger, signal.Path.ToString(), condition.ToString());
    }

    private long? CurrentAlarm(int signalId)
    {
        lock (_lock)
            return _state.TryGetValue(signalId, out var entry) ? entry.AlarmId : null;
    }

    private void SetAlarm(int signalId, long? alarmId)
    {
        lock (_lock)
        {
            if (_state.TryGetValue(signalId, out var entry))
                _state[signalId] = (entry.Evaluator, alarmId);
        }
    }

    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken)
    {
        // Input of the wrong shape is the caller's mistake: it is answered with invalid-input, never an exception.
        if (input is not (null or JsonObject))
            return SkillResult.Fail("invalid-input", "the skill input must be a JSON object");
        switch (skill)
        {
            case "alarms":
                {
                    if (!TryRead(input, "activeOnly", out bool? activeOnlyInput) || !TryRead(input, "limit", out int? limitInput))
                        return SkillResult.Fail("invalid-input", "'activeOnly' must be a boolean and 'limit' an integer");
                    var activeOnly = activeOnlyInput ?? true;
                    var limit = Math.Clamp(limitInput ?? 100, 1, 1000);
                    var alarms = await store.Metadata.ListAlarmsAsync(activeOnly, limit, cancellationToken);
                    return SkillResult.Ok(new JsonObject { ["alarms"] = LimitMonitorDescriptor.ToJson(alarms) });
                }
            case "check":
                {
                    var path = input?["signal"] is JsonValue text && text.TryGetValue<string>(out var p) ? p : null;
                    if (path is null || !TryRead(input, "value", out double? value) || value is null)
                        return SkillResult.Fail("invalid-input", "'signal' (text) and 'value' (number) are required");
                    if (!catalog.Current.TryGet(path, out var signal))
                        return SkillResult.Fail("not-found", $"unknown signal '{path}'");
                    if (signal.Definition.Normal is not { } range)
                        return SkillResult.Ok(new JsonObject { ["signal"] = path, ["condition"] = "no-range" });
                    var condition = value > range.Max ? "high" : value < range.Min ? "low" : "normal";
                    return SkillResult.Ok(new JsonObject { ["signal"] = path, ["condition"] = condition, ["min"] = range.Min, ["max"] = range.Max, ["unit"] = signal.Definition.Unit });
                }
            case "acknowledge":
                {
                    if (!TryRead(input, "id", out long? id) || id is null)
                        return SkillResult.Fail("invalid-input", "'id' (alarm id) is required");
                    var done = await store.Metadata.AcknowledgeAlarmAsync(id.Value, time.GetUtcNow(), cancellationToken);
                    return done
                        ? SkillResult.Ok(new JsonObject { ["id"] = id.Value, ["acknowledged"] = true, ["by"] = caller.PrincipalId })
                        : SkillResult.Fail("not-found", $"no unacknowledged alarm {id.Value}");
                }
            default:
                return SkillResult.Fail("unknown-skill", $"the limit monitor has no skill '{skill}' (skills: alarms, check, acknowledge)");
        }
    }

    private static bool TryRead<T>(JsonNode? input, string name, out T? value)
        where T : struct => SkillInput.TryRead(input, name, out value);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Alarm raised on {Signal}: {Condition}")]
    private static partial void LogRaised(ILogger logger, string signal, string condition);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Alarm cleared on {Signal}")]
    private static partial void LogCleared(ILogger logger, string signal);
}
