using System.Diagnostics;
using Zhizao.Anomaly;
using Zhizao.Anomaly.Machine;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>Life-cycle state of a machine's monitor.</summary>
public enum MonitorState
{
    /// <summary>Collecting the normal period.</summary>
    Learning,
    /// <summary>Fitted and scoring every row.</summary>
    Monitoring,
    /// <summary>The normal period could not be fitted (see the reason); call the fit skill with a better period.</summary>
    NotFitted,
}

/// <summary>
/// What one row changed for the agent to record: an anomaly event and/or an alarm action, with the machine's anomaly and
/// remaining-useful-life estimate as they were at that row (a batch holds many rows; later rows must not rewrite earlier alarms).
/// </summary>
public readonly record struct MonitorOutcome(AnomalyEvent? Event, AlarmAction Alarm, long TimestampMicros, AnomalyEvent? Current, RulEstimate? Rul, double Surprise);

/// <summary>
/// Watches one machine: aligns its numeric signals into rows, learns the normal period, then scores each row with the
/// calibrated multi-detector <see cref="MachineAnomalyDetector"/>, drives the machine's alarm policy, and tracks the
/// degradation of each signal that has a normal maximum for remaining useful life. Not thread-safe: the agent
/// serialises calls.
/// </summary>
public sealed class MachineMonitor
{
    private readonly MaintenanceOptions _options;
    private readonly Func<IReadOnlyList<string>, MachineAnomalyDetector> _detectorFactory;
    private readonly MachineFrameAssembler _frames;
    private readonly Dictionary<int, int> _columnOf;
    private readonly int _learningRows;
    private List<(long Time, double[] Row)> _learning = [];
    private MachineAnomalyDetector? _detector;
    private int[] _fitted = [];
    private double[] _projected = [];
    private DegradationTracker?[] _trackers = [];
    private readonly MachineAlarmPolicy _policy;
    private readonly List<MonitorOutcome> _outcomes = [];
    private long _scoringTicks;

    /// <summary>Creates a monitor for a machine's numeric signals (in column order).</summary>
    public MachineMonitor(string machinePath, IReadOnlyList<SignalRecord> signals, MaintenanceOptions options,
        Func<IReadOnlyList<string>, MachineAnomalyDetector> detectorFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        MachinePath = machinePath;
        Signals = signals;
        _options = options;
        _detectorFactory = detectorFactory;
        _frames = new MachineFrameAssembler(signals.Count, options.RowInterval);
        _columnOf = signals.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        _learningRows = (int)(options.NormalPeriod / options.RowInterval);
        _policy = new MachineAlarmPolicy(options.OnDelay, options.OffDelay);
    }

    /// <summary>The machine, <c>site/line/machine</c>.</summary>
    public string MachinePath { get; }

    /// <summary>The numeric signals watched, in column order.</summary>
    public IReadOnlyList<SignalRecord> Signals { get; }

    /// <summary>Current state.</summary>
    public MonitorState State { get; private set; } = MonitorState.Learning;

    /// <summary>Rows collected towards the normal period.</summary>
    public int LearningProgress => _learning.Count;

    /// <summary>Rows needed for the normal period.</summary>
    public int LearningTarget => _learningRows;

    /// <summary>Why fitting failed, when <see cref="State"/> is <see cref="MonitorState.NotFitted"/>.</summary>
    public string? NotFittedReason { get; private set; }

    /// <summary>The normal period the detectors were fitted on (Unix µs), when fitted.</summary>
    public (long From, long To)? FittedPeriod { get; private set; }

    /// <summary>Latest calibrated surprise of the combined score.</summary>
    public double LastSurprise { get; private set; }

    /// <summary>Whether the machine is anomalous at the last row.</summary>
    public bool IsAnomalous { get; private set; }

    /// <summary>The latest event of the current (or last) anomaly.</summary>
    public AnomalyEvent? CurrentAnomaly { get; private set; }

    /// <summary>Time of the last row scored.</summary>
    public long LastRowMicros { get; private set; }

    /// <summary>Points received while monitoring (after the normal period was learned).</summary>
    public long PointsMonitored { get; private set; }

    /// <summary>Time spent scoring rows while monitoring (detectors, explanation, alarm policy, trend tracking).</summary>
    public TimeSpan ScoringTime => Stopwatch.GetElapsedTime(0, _scoringTicks);

    /// <summary>Whether the alarm policy has an alarm active.</summary>
    public bool AlarmActive => _policy.Active;

    /// <summary>Restores an active alarm after a restart so that it is neither repeated nor forgotten.</summary>
    public void RestoreActiveAlarm() => _policy.RestoreActive();

    /// <summary>
    /// Adds a point of one of the machine's signals; returns what changed (events, alarm actions) for the agent to record.
    /// The returned list is reused by the next call.
    /// </summary>
    public IReadOnlyList<MonitorOutcome> Add(in DataPoint point)
    {
        _outcomes.Clear();
        if (!_columnOf.TryGetValue(point.SignalId, out var column))
            return _outcomes;
        if (State == MonitorState.Monitoring)
            PointsMonitored++;
        _frames.Add(column, point.TimestampMicros, point.Value, this, static (self, time, row) => self.OnRow(time, row));
        return _outcomes;
    }

    /// <summary>Fits the detectors on the given rows (e.g. a stored period); throws <see cref="InsufficientTrainingDataException"/> when they cannot be.</summary>
    public void Fit(IReadOnlyList<(long Time, double[] Row)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Columns that were seen in at least 90 % of the rows take part; rows missing one of them are left out.
        var present = Enumerable.Range(0, Signals.Count).Where(c => rows.Count(r => !double.IsNaN(r.Row[c])) >= 0.9 * rows.Count).ToArray();
        if (present.Length == 0)
            throw new InsufficientTrainingDataException($"{MachinePath}: no numeric signal has values in the normal period");
        var complete = rows.Where(r => present.All(c => !double.IsNaN(r.Row[c]))).ToList();
        var names = present.Select(c => Signals[c].Path.Signal).ToArray();
        var detector = _detectorFactory(names);
        detector.Fit(complete.Select(r => r.Time).ToArray(), complete.Select(r => present.Select(c => r.Row[c]).ToArray()).ToArray());

        _detector = detector;
        _fitted = present;
        _projected = new double[present.Length];
        _trackers = new DegradationTracker?[present.Length];
        for (var i = 0; i < present.Length; i++)
        {
            if (Signals[present[i]].Definition.Normal is not { } range)
                continue;
            var baseline = Percentile(complete.Select(r => r.Row[present[i]]), 0.95);
            if (range.Max > baseline)
                _trackers[i] = new DegradationTracker(Signals[present[i]].Path.ToString(), baseline, range.Max, _options.TrendWindow);
        }
        FittedPeriod = (complete[0].Time, complete[^1].Time);
        State = MonitorState.Monitoring;
        NotFittedReason = null;
        _learning = [];
    }

    /// <summary>
    /// The machine's remaining-useful-life estimate while a machine fault is in progress: the earliest time at which one of the
    /// signals that explain the anomaly is expected to reach its limit, preferring signals whose rising trend is significant (a
    /// finite late end of the band). Null when the machine is healthy, the anomaly is a sensor fault, or nothing is rising:
    /// ordinary variation (a job at high speed) is not extrapolated to an end of life.
    /// </summary>
    public RulEstimate? EstimateRul()
    {
        if (State != MonitorState.Monitoring || CurrentAnomaly is not { EndMicros: null, IsSensorFault: false } anomaly)
            return null;
        RulEstimate? best = null;
        for (var i = 0; i < _trackers.Length; i++)
        {
            var name = Signals[_fitted[i]].Path.Signal;
            if (_trackers[i]?.Estimate(LastRowMicros) is not { } estimate || !anomaly.TopSignals.Any(s => s.Signal == name))
                continue;
            var significant = estimate.Upper != TimeSpan.MaxValue;
            var bestSignificant = best is not null && best.Upper != TimeSpan.MaxValue;
            if (best is null || (significant && !bestSignificant) || (significant == bestSignificant && estimate.Rul < best.Rul))
                best = estimate;
        }
        return best;
    }

    private void OnRow(long time, double[] row)
    {
        LastRowMicros = time;
        if (State == MonitorState.Learning)
        {
            _learning.Add((time, (double[])row.Clone()));
            if (_learning.Count < _learningRows)
                return;
            try
            {
                Fit(_learning);
            }
            catch (Exception e) when (e is InsufficientTrainingDataException or ArgumentException or InvalidOperationException)
            {
                // The stream goes on: the machine shows why it is not monitored, and the fit skill can retry on a better period.
                State = MonitorState.NotFitted;
                NotFittedReason = e.Message;
                _learning = [];
            }
            return;
        }
        if (State != MonitorState.Monitoring || _detector is null)
            return;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < _fitted.Length; i++)
        {
            _projected[i] = row[_fitted[i]];
            _trackers[i]?.Add(time, _projected[i]);
        }
        var score = _detector.Update(time, _projected);
        LastSurprise = score.Surprise;
        IsAnomalous = score.IsAnomalous;
        if (score.Event is { } anomaly)
            CurrentAnomaly = anomaly;
        var action = _policy.Observe(time, score.IsAnomalous);
        if (score.Event is not null || action != AlarmAction.None)
        {
            var rul = action == AlarmAction.Raise || score.Event is { Phase: AnomalyPhase.Updated } ? EstimateRul() : null;
            _outcomes.Add(new MonitorOutcome(score.Event, action, time, CurrentAnomaly, rul, score.Surprise));
        }
        _scoringTicks += Stopwatch.GetTimestamp() - started;
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}
