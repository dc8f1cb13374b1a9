namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>
/// The operating conditions found by clustering the operational settings: each setting is scaled by its
/// training standard deviation, and a row belongs to the nearest centroid.
/// </summary>
/// <param name="SettingScale">Per-setting divisor (its training standard deviation; 1 when constant).</param>
/// <param name="Centroids">Centroids in scaled setting space, one per condition.</param>
public sealed record OperatingConditions(double[] SettingScale, double[][] Centroids)
{
    /// <summary>The index of the condition nearest to <paramref name="settings"/>.</summary>
    public int Assign(ReadOnlySpan<double> settings)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < Centroids.Length; c++)
        {
            var distance = 0.0;
            for (var s = 0; s < SettingScale.Length; s++)
            {
                var d = settings[s] / SettingScale[s] - Centroids[c][s];
                distance += d * d;
            }
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }
}

/// <summary>
/// Finds operating conditions with seeded k-means (k-means++ start, several restarts) for k = 1…max and keeps
/// the largest k whose clusters are well separated: every pair of centroids further apart than
/// <see cref="SeparationRatio"/> times the largest cluster's RMS radius. Noise around one condition (FD001, FD003)
/// never passes that test, so it degenerates to a single condition; discrete flight regimes (FD002, FD004) do.
/// </summary>
public static class OperatingConditionClustering
{
    /// <summary>Minimum ratio of centroid distance to cluster radius for clusters to count as distinct conditions.</summary>
    public const double SeparationRatio = 8.0;

    private const int Restarts = 4;
    private const int Iterations = 50;
    private const int MaxClusteredRows = 4000;

    /// <summary>Clusters the settings rows (each of equal length).</summary>
    public static OperatingConditions Fit(IReadOnlyList<double[]> settings, int maxConditions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConditions, 1);
        if (settings.Count == 0)
            throw new ArgumentException("no rows to cluster", nameof(settings));
        var dims = settings[0].Length;
        var scale = new double[dims];
        for (var s = 0; s < dims; s++)
        {
            var mean = settings.Average(r => r[s]);
            var std = Math.Sqrt(settings.Average(r => (r[s] - mean) * (r[s] - mean)));
            scale[s] = std > 1e-12 ? std : 1.0;
        }
        // A strided sample keeps clustering cheap on the large multi-condition subsets; conditions are not rare.
        var stride = Math.Max(1, settings.Count / MaxClusteredRows);
        var points = settings.Where((_, i) => i % stride == 0).Select(r => r.Select((v, s) => v / scale[s]).ToArray()).ToArray();
        var accepted = new[] { Mean(points) };
        var random = new Random(seed);
        for (var k = 2; k <= Math.Min(maxConditions, points.Length); k++)
        {
            var (centroids, assignment) = BestKMeans(points, k, random);
            if (!WellSeparated(points, centroids, assignment))
                continue;
            accepted = centroids;
        }
        return new OperatingConditions(scale, accepted);
    }

    private static bool WellSeparated(double[][] points, double[][] centroids, int[] assignment)
    {
        var k = centroids.Length;
        var sums = new double[k];
        var counts = new int[k];
        for (var i = 0; i < points.Length; i++)
        {
            sums[assignment[i]] += Distance2(points[i], centroids[assignment[i]]);
            counts[assignment[i]]++;
        }
        if (counts.Any(c => c == 0))
            return false;
        var radius = Math.Sqrt(Enumerable.Range(0, k).Max(c => sums[c] / counts[c]));
        for (var a = 0; a < k; a++)
        {
            for (var b = a + 1; b < k; b++)
            {
                if (Math.Sqrt(Distance2(centroids[a], centroids[b])) <= SeparationRatio * radius)
                    return false;
            }
        }
        return true;
    }

    private static (double[][] Centroids, int[] Assignment) BestKMeans(double[][] points, int k, Random random)
    {
        (double[][], int[]) best = default;
        var bestInertia = double.PositiveInfinity;
        for (var restart = 0; restart < Restarts; restart++)
        {
            var centroids = PlusPlusStart(points, k, random);
            var assignment = new int[points.Length];
            for (var iteration = 0; iteration < Iterations; iteration++)
            {
                var changed = Assign(points, centroids, assignment) || iteration == 0;
                centroids = Update(points, centroids, assignment);
                if (!changed)
                    break;
            }
            Assign(points, centroids, assignment);
            var inertia = points.Select((p, i) => Distance2(p, centroids[assignment[i]])).Sum();
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = (centroids, assignment);
            }
        }
        return best;
    }

    private static double[][] PlusPlusStart(double[][] points, int k, Random random)
    {
        var centroids = new List<double[]> { points[random.Next(points.Length)] };
        var d2 = new double[points.Length];
        while (centroids.Count < k)
        {
            var total = 0.0;
            for (var i = 0; i < points.Length; i++)
            {
                d2[i] = centroids.Min(c => Distance2(points[i], c));
                total += d2[i];
            }
            var target = random.NextDouble() * total;
            var chosen = points.Length - 1;
            for (var i = 0; i < points.Length && total > 0; i++)
            {
                target -= d2[i];
                if (target <= 0)
                {
                    chosen = i;
                    break;
                }
            }
            centroids.Add(points[chosen]);
        }
        return [.. centroids.Select(c => (double[])c.Clone())];
    }

    private static bool Assign(double[][] points, double[][] centroids, int[] assignment)
    {
        var changed = false;
        for (var i = 0; i < points.Length; i++)
        {
            var best = 0;
            for (var c = 1; c < centroids.Length; c++)
            {
                if (Distance2(points[i], centroids[c]) < Distance2(points[i], centroids[best]))
                    best = c;
            }
            changed |= assignment[i] != best;
            assignment[i] = best;
        }
        return changed;
    }

    private static double[][] Update(double[][] points, double[][] centroids, int[] assignment)
    {
        var dims = points[0].Length;
        var sums = new double[centroids.Length][];
        var counts = new int[centroids.Length];
        for (var c = 0; c < centroids.Length; c++)
            sums[c] = new double[dims];
        for (var i = 0; i < points.Length; i++)
        {
            counts[assignment[i]]++;
            for (var s = 0; s < dims; s++)
                sums[assignment[i]][s] += points[i][s];
        }
        // An emptied cluster keeps its previous centroid rather than collapsing to the origin.
        return [.. sums.Select((sum, c) => counts[c] == 0 ? centroids[c] : sum.Select(v => v / counts[c]).ToArray())];
    }

    private static double[] Mean(double[][] points) =>
        [.. Enumerable.Range(0, points[0].Length).Select(s => points.Average(p => p[s]))];

    private static double Distance2(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }
}
