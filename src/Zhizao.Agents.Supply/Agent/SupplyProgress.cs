namespace Zhizao.Agents.Supply.Agent;

/// <summary>How far a supply skill is: <paramref name="Done"/> of <paramref name="Total"/> units of work, in the stage named.</summary>
/// <param name="Stage">What is running, e.g. "forecast (ets-fast)" or "backtest (snaive)".</param>
/// <param name="Done">Units done over the whole skill (series forecast, back-test folds, ensemble candidate runs).</param>
/// <param name="Total">Units of the whole skill.</param>
public sealed record SupplyProgress(string Stage, int Done, int Total);

/// <summary>Maps the forecasting library's per-stage counts onto one scale for the whole skill.</summary>
internal sealed class ProgressScale(IProgress<SupplyProgress>? target, int total)
{
    private int _offset;

    /// <summary>The progress of the next stage of <paramref name="units"/> units (null when nobody listens).</summary>
    public IProgress<int>? Next(string stage, int units)
    {
        var offset = _offset;
        _offset += units;
        if (target is null)
            return null;
        target.Report(new SupplyProgress(stage, offset, total));
        return new Stage(target, stage, offset, units, total);
    }

    /// <summary>Reports the end of the skill.</summary>
    public void Complete(string stage) => target?.Report(new SupplyProgress(stage, total, total));

    private sealed class Stage(IProgress<SupplyProgress> target, string name, int offset, int units, int total) : IProgress<int>
    {
        public void Report(int value) => target.Report(new SupplyProgress(name, offset + Math.Clamp(value, 0, units), total));
    }
}
