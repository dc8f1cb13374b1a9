using Zhizao.Forecasting;
using static System.FormattableString;

namespace Zhizao.Agents.Supply.Inventory;

/// <summary>
/// The inventory check of one item, as a pure function of its terms, history and forecast:
/// <list type="number">
/// <item>Protection period P = lead time + review period (in forecast periods, rounded up). Demand over P: mean = sum
/// of the point forecasts; spread from the forecast's interval widths, a back-test σ, or — for intermittent histories —
/// the empirical distribution of P-period demand sums (see <see cref="LeadTimeDemand"/>).</item>
/// <item>Safety stock = quantile(service level) − mean (z·σ for the normal model), reorder point = mean + safety stock:
/// a cycle-service (type 1) policy, the probability of not running out while waiting for an order.</item>
/// <item>Order-up-to level = reorder point + expected demand over one review period.</item>
/// <item>Projection per period: stock = on hand + arrivals − cumulative point forecast; position adds open orders.
/// Stock-out date: first period with negative stock. Reorder date: first period whose position is below the
/// reorder point.</item>
/// <item>Warnings (<see cref="WarningSeverity"/>) and a reorder suggestion rounded up to whole packs, at least the MOQ.</item>
/// </list>
/// No I/O, deterministic, never NaN: a zero-demand item gets zero safety stock and no stock-out; forecasts with NaN or
/// infinite values are refused with <see cref="ArgumentException"/>.
/// </summary>
public static class InventoryPolicy
{
    /// <summary>Checks one item. Throws <see cref="ArgumentException"/> with a precise message on invalid input.</summary>
    public static InventoryAssessment Evaluate(InventoryRequest request, InventoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= InventoryOptions.Default;
        options.Validate();
        var (terms, history, forecast, backtestSigma) = request;
        var serviceLevel = terms.ServiceLevel ?? options.ServiceLevel;
        var reviewDays = terms.ReviewPeriodDays ?? options.ReviewPeriodDays;
        Check(terms, serviceLevel, reviewDays, backtestSigma);
        var step = history.Step;
        var leadPeriods = Periods(terms.LeadTimeDays, step);
        var protection = Periods(terms.LeadTimeDays + reviewDays, step);
        var notes = new List<string>();
        var point = CheckForecast(terms.ItemId, forecast, Math.Max(protection, 1), notes);
        if (forecast.Note is { Length: > 0 } note)
            notes.Add("Forecast: " + note);

        var demand = LeadTimeDemandEstimator.Estimate(point, forecast, history.Values, protection, serviceLevel, backtestSigma, options, notes);
        var safetyStock = Math.Max(0, demand.Quantile - demand.Mean);
        var reorderPoint = demand.Mean + safetyStock;
        var orderUpTo = reorderPoint + ReviewDemand(point, protection, Periods(reviewDays, step), demand);

        var asOf = history.ForecastStart;
        var projection = Project(terms, point, asOf, step, leadPeriods, notes);
        var stockOut = projection.FindIndex(p => p.Stock < -1e-9);
        var position = terms.InventoryPosition;
        var belowNow = position < reorderPoint;
        var crossing = belowNow ? 0 : projection.FindIndex(p => p.Position < reorderPoint);
        var stockOutDate = stockOut < 0 ? (DateTime?)null : projection[stockOut].Start;
        var reorderDate = crossing < 0 ? (DateTime?)null : belowNow ? asOf : projection[crossing].Start;
        var perDay = point.Sum() / (point.Length * step.TotalDays);
        var cover = perDay > 0 ? Math.Max(0, position) / perDay : (double?)null;

        var facts = new InventoryFacts(terms, asOf, serviceLevel, reviewDays, safetyStock, reorderPoint, orderUpTo, position,
            stockOutDate, stockOut >= 0 && stockOut < leadPeriods, belowNow, reorderDate, cover, perDay > 0);
        var suggestion = reorderDate is { } orderBy
            ? Suggest(facts, orderBy, belowNow ? position : projection[crossing].Position)
            : null;
        return new InventoryAssessment(terms.ItemId, asOf, step, serviceLevel, terms.LeadTimeDays, reviewDays, demand,
            safetyStock, reorderPoint, orderUpTo, position, projection, stockOutDate, reorderDate,
            stockOutDate?.AddDays(-terms.LeadTimeDays), cover, InventoryWarnings.For(facts, options), suggestion, notes);
    }

    /// <summary>Whole forecast periods covering <paramref name="days"/> days (a 10-day lead time is 2 weekly periods).</summary>
    public static int Periods(int days, TimeSpan step) => (int)Math.Ceiling((TimeSpan.FromDays(days) / step) - 1e-9);

    private static void Check(ItemTerms terms, double serviceLevel, int reviewDays, double? backtestSigma)
    {
        var id = terms.ItemId;
        if (terms.LeadTimeDays < 0)
            throw new ArgumentException(Invariant($"Item '{id}': the lead time must not be negative, not {terms.LeadTimeDays} days."), nameof(terms));
        if (reviewDays < 0)
            throw new ArgumentException(Invariant($"Item '{id}': the review period must not be negative, not {reviewDays} days."), nameof(terms));
        if (serviceLevel is < 0.5 or >= 1 || double.IsNaN(serviceLevel))
            throw new ArgumentException(Invariant($"Item '{id}': the service level must lie in [0.5, 1), not {serviceLevel}."), nameof(terms));
        if (terms.PackSize < 1 || terms.MinimumOrderQuantity < 0)
            throw new ArgumentException(Invariant($"Item '{id}': the pack size must be at least 1 and the MOQ not negative (pack {terms.PackSize}, MOQ {terms.MinimumOrderQuantity})."), nameof(terms));
        if (!double.IsFinite(terms.OnHand) || !double.IsFinite(terms.OnOrder) || terms.OnOrder < 0)
            throw new ArgumentException(Invariant($"Item '{id}': on hand must be finite and on order finite and ≥ 0 (on hand {terms.OnHand}, on order {terms.OnOrder})."), nameof(terms));
        if (backtestSigma is { } s && !(double.IsFinite(s) && s >= 0))
            throw new ArgumentException(Invariant($"Item '{id}': the back-test σ must be finite and ≥ 0, not {s}."), nameof(backtestSigma));
    }

    /// <summary>The point forecast with negative values read as zero demand; refuses NaN, ∞, short forecasts and ragged intervals.</summary>
    private static double[] CheckForecast(string id, Forecast forecast, int needed, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (forecast.Point.Length < needed)
            throw new ArgumentException(Invariant($"Item '{id}': the forecast covers {forecast.Point.Length} periods; the protection period (lead time + review period) needs {needed}."), nameof(forecast));
        CheckFinite(id, "point forecast", forecast.Point);
        foreach (var (level, (lower, upper)) in forecast.Intervals)
        {
            if (lower.Length != forecast.Point.Length || upper.Length != forecast.Point.Length)
                throw new ArgumentException(Invariant($"Item '{id}': the {level} % interval has {lower.Length}/{upper.Length} bounds for {forecast.Point.Length} points."), nameof(forecast));
            if (level is <= 0 or >= 100)
                throw new ArgumentException(Invariant($"Item '{id}': interval level {level} must lie strictly between 0 and 100."), nameof(forecast));
            CheckFinite(id, Invariant($"{level} % lower bound"), lower);
            CheckFinite(id, Invariant($"{level} % upper bound"), upper);
        }
        var point = new double[forecast.Point.Length];
        var clamped = 0;
        for (var h = 0; h < point.Length; h++)
        {
            point[h] = Math.Max(0, forecast.Point[h]);
            if (forecast.Point[h] < 0)
                clamped++;
        }
        if (clamped > 0)
            notes.Add(Invariant($"{clamped} negative point forecast(s) read as zero demand."));
        return point;
    }

    private static void CheckFinite(string id, string what, double[] forecast)
    {
        for (var h = 0; h < forecast.Length; h++)
            if (!double.IsFinite(forecast[h]))
                throw new ArgumentException(Invariant($"Item '{id}': the {what} at step {h + 1} is {forecast[h]}; forecasts must be finite."), nameof(forecast));
    }

    /// <summary>Expected demand in the review period after the protection period; beyond the forecast, at the protection period's mean rate.</summary>
    private static double ReviewDemand(double[] point, int protection, int review, LeadTimeDemand demand)
    {
        var rate = protection > 0 ? demand.Mean / protection : point.Length > 0 ? point.Average() : 0;
        var sum = 0.0;
        for (var h = protection; h < protection + review; h++)
            sum += h < point.Length ? point[h] : rate;
        return sum;
    }

    private static List<StockPeriod> Project(ItemTerms terms, double[] point, DateTime asOf, TimeSpan step, int leadPeriods, List<string> notes)
    {
        var arrival = leadPeriods;
        if (terms.OnOrder > 0 && terms.OnOrderDue is { } due)
        {
            arrival = (int)Math.Floor((due - asOf) / step);
            if (arrival < 0)
            {
                notes.Add(Invariant($"The open order was due {due:yyyy-MM-dd}, before {asOf:yyyy-MM-dd}; it is assumed to arrive now."));
                arrival = 0;
            }
        }
        else if (terms.OnOrder > 0)
            notes.Add(Invariant($"The open order of {terms.OnOrder:0.##} has no due date; it is assumed to arrive after the full lead time."));
        var projection = new List<StockPeriod>(point.Length);
        double stock = terms.OnHand, open = terms.OnOrder;
        for (var h = 0; h < point.Length; h++)
        {
            var receipts = h == arrival ? terms.OnOrder : 0;
            open -= receipts;
            stock += receipts - point[h];
            projection.Add(new StockPeriod(asOf + (step * h), point[h], receipts, stock, stock + open));
        }
        return projection;
    }

    private static ReorderSuggestion? Suggest(InventoryFacts facts, DateTime orderBy, double positionThen)
    {
        var terms = facts.Terms;
        var need = facts.OrderUpTo - positionThen;
        var quantity = OrderQuantity.ForNeed(need, terms.PackSize, terms.MinimumOrderQuantity);
        if (quantity == 0)
            return null;
        var cost = quantity * terms.UnitCost;
        return new ReorderSuggestion(quantity, quantity / terms.PackSize, orderBy, orderBy.AddDays(terms.LeadTimeDays), need, cost,
            InventoryWarnings.Reason(facts, quantity, need, positionThen, orderBy));
    }
}
