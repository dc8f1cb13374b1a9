namespace Zhizao.Forecasting.Methods;

/// <summary>The Box–Cox transform (y^λ − 1)/λ, log y at λ = 0, and its inverse (as R's <c>BoxCox</c> / <c>InvBoxCox</c>).</summary>
internal static class MstlBoxCox
{
    /// <summary>Transforms a positive value.</summary>
    public static double Transform(double value, double lambda) =>
        lambda == 0 ? Math.Log(value) : (Math.Pow(value, lambda) - 1) / lambda;

    /// <summary>Inverts <see cref="Transform"/>; values below the transform's range map to 0 (R's InvBoxCox gives NaN there).</summary>
    public static double Inverse(double value, double lambda)
    {
        if (lambda == 0)
        {
            return Math.Exp(value);
        }

        var inner = (lambda * value) + 1;
        return inner <= 0 ? 0 : Math.Pow(inner, 1 / lambda);
    }
}
