using System.Diagnostics.CodeAnalysis;

namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>How the error enters an ETS model.</summary>
public enum EtsError
{
    /// <summary>Additive errors: y = forecast + ε.</summary>
    Additive,

    /// <summary>Multiplicative errors: y = forecast · (1 + ε); needs strictly positive data.</summary>
    Multiplicative,
}

/// <summary>The trend component of an ETS model (multiplicative trends are not offered, as R's <c>ets</c> default).</summary>
public enum EtsTrend
{
    /// <summary>No trend.</summary>
    None,

    /// <summary>Additive (linear) trend.</summary>
    Additive,

    /// <summary>Additive trend damped by φ.</summary>
    Damped,
}

/// <summary>The seasonal component of an ETS model.</summary>
public enum EtsSeason
{
    /// <summary>No seasonality.</summary>
    None,

    /// <summary>Additive seasonality.</summary>
    Additive,

    /// <summary>Multiplicative seasonality; needs strictly positive data.</summary>
    Multiplicative,
}

/// <summary>
/// An ETS model form in the Hyndman et al. (2008) taxonomy, written as R writes it: error, trend, season, e.g. "ANN" (simple
/// exponential smoothing), "AAdN" (damped trend), "MAM" (multiplicative Holt-Winters).
/// </summary>
/// <param name="Error">Error type.</param>
/// <param name="Trend">Trend type.</param>
/// <param name="Season">Season type.</param>
public readonly record struct EtsSpec(EtsError Error, EtsTrend Trend, EtsSeason Season)
{
    /// <summary>
    /// R's default automatic candidate set (<c>ets(y)</c> with <c>restrict = TRUE</c> and no multiplicative trend): every
    /// error/trend/season combination except additive error with multiplicative season (infinite forecast variance).
    /// </summary>
    public static IReadOnlyList<EtsSpec> FullCandidates { get; } =
    [
        Parse("ANN"), Parse("AAN"), Parse("AAdN"), Parse("ANA"), Parse("AAA"), Parse("AAdA"),
        Parse("MNN"), Parse("MAN"), Parse("MAdN"), Parse("MNA"), Parse("MAA"), Parse("MAdA"),
        Parse("MNM"), Parse("MAM"), Parse("MAdM"),
    ];

    /// <summary>
    /// A reduced candidate set for bulk forecasting: level, trend and damped trend without season, additive season with
    /// level or damped trend, multiplicative season with level or damped trend.
    /// </summary>
    public static IReadOnlyList<EtsSpec> FastCandidates { get; } =
    [
        Parse("ANN"), Parse("AAN"), Parse("AAdN"), Parse("ANA"), Parse("AAdA"), Parse("MNM"), Parse("MAdM"),
    ];

    /// <summary>Whether the model has a trend component.</summary>
    public bool HasTrend => Trend != EtsTrend.None;

    /// <summary>Whether the model has a seasonal component.</summary>
    public bool HasSeason => Season != EtsSeason.None;

    /// <summary>Whether the model needs strictly positive data (multiplicative error or season).</summary>
    public bool NeedsPositiveData => Error == EtsError.Multiplicative || Season == EtsSeason.Multiplicative;

    /// <summary>Parses R's notation ("ANN", "AAdN", "MAdM"; case-sensitive letters A, M, N and the "d" of damping).</summary>
    public static EtsSpec Parse(string text) =>
        TryParse(text, out var spec) ? spec : throw new FormatException($"'{text}' is not an ETS model such as ANN, AAdN or MAM (multiplicative trend is not supported).");

    /// <summary>Parses R's notation; false when <paramref name="text"/> is not a supported model.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EtsSpec spec)
    {
        spec = default;
        if (text is null || text.Length is < 3 or > 4)
        {
            return false;
        }

        var damped = text.Length == 4;
        if (damped && text[2] != 'd')
        {
            return false;
        }

        EtsError? error = text[0] switch { 'A' => EtsError.Additive, 'M' => EtsError.Multiplicative, _ => null };
        EtsTrend? trend = text[1] switch
        {
            'N' when !damped => EtsTrend.None,
            'A' => damped ? EtsTrend.Damped : EtsTrend.Additive,
            _ => null,
        };
        EtsSeason? season = text[^1] switch { 'N' => EtsSeason.None, 'A' => EtsSeason.Additive, 'M' => EtsSeason.Multiplicative, _ => null };
        if (error is null || trend is null || season is null)
        {
            return false;
        }

        spec = new EtsSpec(error.Value, trend.Value, season.Value);
        return true;
    }

    /// <summary>R's notation, e.g. "AAdN".</summary>
    public override string ToString()
    {
        var error = Error == EtsError.Additive ? "A" : "M";
        var trend = Trend switch { EtsTrend.None => "N", EtsTrend.Additive => "A", _ => "Ad" };
        var season = Season switch { EtsSeason.None => "N", EtsSeason.Additive => "A", _ => "M" };
        return error + trend + season;
    }
}
