namespace Zhizao.Forecasting;

/// <summary>
/// A method that forecasts many series in one call. Global models (one model learned across every series) need this
/// form; any per-series <see cref="IForecaster"/> takes it through <see cref="BatchForecaster.PerSeries"/>.
/// </summary>
public interface IBatchForecaster
{
    /// <summary>Method name (e.g. "lgbm").</summary>
    string Name { get; }

    /// <summary>
    /// Forecasts every series <paramref name="horizon"/> steps ahead with intervals at <paramref name="levels"/>; the result
    /// holds one forecast per series, in input order. <paramref name="progress"/> receives the number of series done
    /// (or, for a global model, a fraction of the work expressed on the same scale) as it grows.
    /// </summary>
    IReadOnlyList<Forecast> ForecastAll(IReadOnlyList<SeriesInput> series, int horizon, IReadOnlyList<int> levels,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Adapters between per-series and batch forecasting.</summary>
public static class BatchForecaster
{
    /// <summary>Runs a per-series method over many series in parallel (one worker per core).</summary>
    public static IBatchForecaster PerSeries(IForecaster forecaster) =>
        forecaster as IBatchForecaster ?? new PerSeriesBatch(forecaster);

    /// <summary>
    /// Forecasts each series with <paramref name="forecast"/> in parallel, reporting the count of finished series.
    /// An <see cref="ArgumentException"/> for one series is rethrown naming the series.
    /// </summary>
    public static Forecast[] Parallel(IReadOnlyList<SeriesInput> series, Func<SeriesInput, Forecast> forecast,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var results = new Forecast[series.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        try
        {
            System.Threading.Tasks.Parallel.For(0, series.Count, options, i =>
            {
                results[i] = forecast(series[i]);
                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return results;
    }

    /// <summary>
    /// Forecasts every series, tolerating series the method refuses: when the batch call throws an
    /// <see cref="ArgumentException"/> (e.g. Croston given negative demand), each series is forecast on its own where the
    /// method allows it, and a refused series gets a null forecast and the refusal's message.
    /// </summary>
    public static (Forecast?[] Forecasts, string?[] Refusals) TryForecastAll(IBatchForecaster forecaster, IReadOnlyList<SeriesInput> series,
        int horizon, IReadOnlyList<int> levels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        var refusals = new string?[series.Count];
        try
        {
            return ([.. forecaster.ForecastAll(series, horizon, levels, cancellationToken: cancellationToken)], refusals);
        }
        catch (ArgumentException) when (forecaster is IForecaster single && series.Count > 1)
        {
            var forecasts = new Forecast?[series.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            System.Threading.Tasks.Parallel.For(0, series.Count, options, i =>
            {
                try
                {
                    forecasts[i] = single.Forecast(series[i], horizon, levels);
                }
                catch (ArgumentException e)
                {
                    refusals[i] = e.Message;
                }
            });
            return (forecasts, refusals);
        }
        catch (ArgumentException e) when (series.Count == 1)
        {
            refusals[0] = e.Message;
            return ([null], refusals);
        }
    }

    private sealed class PerSeriesBatch(IForecaster forecaster) : IBatchForecaster, IForecaster
    {
        public string Name => forecaster.Name;

        public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) => forecaster.Forecast(series, horizon, levels);

        public IReadOnlyList<Forecast> ForecastAll(IReadOnlyList<SeriesInput> series, int horizon, IReadOnlyList<int> levels,
            IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
            Parallel(series, s => forecaster.Forecast(s, horizon, levels), progress, cancellationToken);
    }
}
