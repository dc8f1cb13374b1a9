namespace Zhizao.Anomaly.Machine;

/// <summary>
/// The anomaly state of one machine: persistence and hysteresis on the calibrated surprise, accumulation of each signal's
/// contributions while an anomaly lasts, the recent values of every signal for kind classification, and the events.
/// </summary>
internal sealed class AnomalyTracker
{
    private readonly string _machineId;
    private readonly IReadOnlyList<string> _signals;
    private readonly SignalBaseline[] _baselines;
    private readonly MachineAnomalyOptions _options;
    private readonly double[][] _history;
    private readonly double[] _last;
    private readonly double[] _accumulated;
    private readonly double[] _window;
    private int _historyNext;
    private int _above;
    private int _below;
    private long _runStart;
    private double _peak;
    private AnomalyEvent? _current;

    public AnomalyTracker(string machineId, IReadOnlyList<string> signals, SignalBaseline[] baselines, MachineAnomalyOptions options, IReadOnlyList<double[]> normalRows)
    {
        _machineId = machineId;
        _signals = signals;
        _baselines = baselines;
        _options = options;
        _history = [.. signals.Select(_ => new double[options.KindWindowRows])];
        _last = [.. baselines.Select(b => b.Mean)];
        _accumulated = new double[signals.Count];
        _window = new double[options.KindWindowRows];
        // The window starts full of the end of the normal period, so an early anomaly is judged against real neighbours.
        for (var i = Math.Max(0, normalRows.Count - options.KindWindowRows); i < normalRows.Count; i++)
            Remember(normalRows[i]);
    }

    public AnomalyEvent? Current => _current;

    public MachineScore Advance(long timestampMicros, ReadOnlySpan<double> row, double surprise, double threshold, ReadOnlySpan<double> contributions)
    {
        Remember(row);
        if (surprise >= threshold)
        {
            if (_above++ == 0)
                _runStart = timestampMicros;
            _below = 0;
        }
        else
        {
            _above = 0;
            _below = surprise < threshold * _options.ClearRatio ? _below + 1 : 0;
        }

        if (_current is null)
        {
            if (_above < _options.OnRows)
                return new MachineScore(surprise, false, null);
            Array.Clear(_accumulated);
            _peak = surprise;
            Accumulate(contributions);
            _current = Describe(AnomalyPhase.Started, _runStart, null, threshold);
            return new MachineScore(surprise, true, _current);
        }

        _peak = Math.Max(_peak, surprise);
        Accumulate(contributions);
        if (_below >= _options.OffRows)
        {
            var ended = Describe(AnomalyPhase.Ended, _current.StartMicros, timestampMicros, threshold);
            _current = null;
            return new MachineScore(surprise, false, ended);
        }
        var (topColumn, kind, severity) = Summarise(threshold);
        if (kind == _current.Kind && severity == _current.Severity && _signals[topColumn] == _current.TopSignals[0].Signal)
            return new MachineScore(surprise, true, null);
        _current = Describe(AnomalyPhase.Updated, _current.StartMicros, null, threshold);
        return new MachineScore(surprise, true, _current);
    }

    private void Remember(ReadOnlySpan<double> row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            if (double.IsFinite(row[c]))
                _last[c] = row[c];
            _history[c][_historyNext] = _last[c];
        }
        _historyNext = (_historyNext + 1) % _window.Length;
    }

    private void Accumulate(ReadOnlySpan<double> contributions)
    {
        for (var c = 0; c < contributions.Length; c++)
            _accumulated[c] += contributions[c];
    }

    private AnomalyEvent Describe(AnomalyPhase phase, long start, long? end, double threshold)
    {
        var total = _accumulated.Sum();
        var top = Enumerable.Range(0, _signals.Count)
            .OrderByDescending(c => _accumulated[c])
            .Take(_options.TopSignals)
            .Select(c => new SignalContribution(_signals[c], total > 0 ? _accumulated[c] / total : 1.0 / _signals.Count))
            .ToArray();
        var (_, kind, severity) = Summarise(threshold);
        var (en, zh) = AnomalyMessages.Describe(_machineId, phase, kind, severity, top, start, end);
        return new AnomalyEvent(_machineId, phase, start, end, kind, severity, _peak, top, en, zh);
    }

    /// <summary>The top signal, its kind and the severity so far, without allocating.</summary>
    private (int TopColumn, AnomalyKind Kind, AnomalySeverity Severity) Summarise(double threshold)
    {
        var top = 0;
        for (var c = 1; c < _accumulated.Length; c++)
        {
            if (_accumulated[c] > _accumulated[top])
                top = c;
        }
        var severity = (_peak - threshold) switch
        {
            < 1 => AnomalySeverity.Low,
            < 2 => AnomalySeverity.Medium,
            < 4 => AnomalySeverity.High,
            _ => AnomalySeverity.Critical,
        };
        return (top, Classify(top), severity);
    }

    private AnomalyKind Classify(int column)
    {
        var history = _history[column];
        for (var i = 0; i < _window.Length; i++)
            _window[i] = history[(_historyNext + i) % _window.Length];
        return AnomalyKindClassifier.Classify(_window, _baselines[column]);
    }
}
