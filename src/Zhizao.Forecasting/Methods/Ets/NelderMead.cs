namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>The function a <see cref="NelderMead"/> minimises; +∞ marks a point outside the feasible region.</summary>
internal delegate double Objective(ReadOnlySpan<double> x);

/// <summary>
/// Nelder–Mead simplex minimisation (reflection 1, expansion 2, contraction ½, shrink ½), stopping when the spread of the
/// simplex values is at most <c>tolerance</c> (absolute: the ETS criterion is a log-likelihood, whose differences mean the
/// same at any data scale) or after <c>maxEvaluations</c>. Bounds are handled by the objective returning +∞ outside them (as R's <c>ets</c> does), which
/// makes the simplex contract back into the feasible region. Buffers are allocated once per minimisation; the hot path is
/// the objective.
/// </summary>
internal static class NelderMead
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/> (overwritten with the best point found).</summary>
    /// <param name="objective">The function; must be finite at <paramref name="start"/>.</param>
    /// <param name="start">Starting point; receives the minimiser.</param>
    /// <param name="steps">Initial simplex edge per coordinate.</param>
    /// <param name="tolerance">Absolute tolerance on the spread of the simplex values.</param>
    /// <param name="maxEvaluations">Evaluation budget.</param>
    /// <returns>The best value found.</returns>
    public static double Minimise(Objective objective, Span<double> start, ReadOnlySpan<double> steps, double tolerance, int maxEvaluations)
    {
        var d = start.Length;
        var points = new double[(d + 1) * d];
        var values = new double[d + 1];
        var centroid = new double[d];
        var trial = new double[d];
        var trial2 = new double[d];
        start.CopyTo(points);
        values[0] = objective(start);
        for (var i = 1; i <= d; i++)
        {
            var vertex = points.AsSpan(i * d, d);
            start.CopyTo(vertex);
            vertex[i - 1] += steps[i - 1];
            values[i] = objective(vertex);
            if (double.IsPositiveInfinity(values[i]))
            {
                // Step the other way when the first direction leaves the feasible region.
                vertex[i - 1] -= 2 * steps[i - 1];
                values[i] = objective(vertex);
            }
        }

        var evaluations = 2 * d + 1;
        while (evaluations < maxEvaluations)
        {
            Order(values, out var best, out var worst, out var secondWorst);
            if (values[worst] - values[best] <= tolerance)
            {
                break;
            }

            centroid.AsSpan().Clear();
            for (var i = 0; i <= d; i++)
            {
                if (i != worst)
                {
                    var vertex = points.AsSpan(i * d, d);
                    for (var k = 0; k < d; k++)
                    {
                        centroid[k] += vertex[k];
                    }
                }
            }

            for (var k = 0; k < d; k++)
            {
                centroid[k] /= d;
            }

            var worstPoint = points.AsSpan(worst * d, d);
            var reflected = Along(centroid, worstPoint, -1, trial, objective);
            evaluations++;
            if (reflected < values[best])
            {
                var expanded = Along(centroid, worstPoint, -2, trial2, objective);
                evaluations++;
                values[worst] = expanded < reflected ? Accept(trial2, worstPoint, expanded) : Accept(trial, worstPoint, reflected);
                continue;
            }

            if (reflected < values[secondWorst])
            {
                values[worst] = Accept(trial, worstPoint, reflected);
                continue;
            }

            // Outside contraction towards the reflected point when it beat the worst, inside contraction otherwise.
            var outside = reflected < values[worst];
            var contracted = Along(centroid, worstPoint, outside ? -0.5 : 0.5, trial2, objective);
            evaluations++;
            if (contracted < (outside ? reflected : values[worst]))
            {
                values[worst] = Accept(trial2, worstPoint, contracted);
                continue;
            }

            var bestPoint = points.AsSpan(best * d, d);
            for (var i = 0; i <= d; i++)
            {
                if (i == best)
                {
                    continue;
                }

                var vertex = points.AsSpan(i * d, d);
                for (var k = 0; k < d; k++)
                {
                    vertex[k] = bestPoint[k] + (0.5 * (vertex[k] - bestPoint[k]));
                }

                values[i] = objective(vertex);
            }

            evaluations += d;
        }

        Order(values, out var winner, out _, out _);
        points.AsSpan(winner * d, d).CopyTo(start);
        return values[winner];
    }

    /// <summary>Evaluates centroid + coefficient·(worst − centroid) into <paramref name="into"/>.</summary>
    private static double Along(double[] centroid, ReadOnlySpan<double> worst, double coefficient, double[] into, Objective objective)
    {
        for (var k = 0; k < centroid.Length; k++)
        {
            into[k] = centroid[k] + (coefficient * (worst[k] - centroid[k]));
        }

        return objective(into);
    }

    private static double Accept(double[] point, Span<double> into, double value)
    {
        point.CopyTo(into);
        return value;
    }

    private static void Order(double[] values, out int best, out int worst, out int secondWorst)
    {
        best = 0;
        worst = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }

            if (values[i] > values[worst])
            {
                worst = i;
            }
        }

        secondWorst = best;
        for (var i = 0; i < values.Length; i++)
        {
            if (i != worst && values[i] >= values[secondWorst])
            {
                secondWorst = i;
            }
        }
    }
}
