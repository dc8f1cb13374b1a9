namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>
/// NAB's scoring (Lavin &amp; Ahmad 2015, NAB whitepaper): rows scoring at or above the threshold are detections;
/// the first detection in a window earns a reward scaled by how early it came, later ones in the same window earn nothing;
/// detections outside windows cost a weight that shrinks near the end of the preceding window; a window without detection
/// costs A_FN; rows in the probationary period (first 15 %, at most 750 rows) are ignored.
/// </summary>
public static class NabScorer
{
    /// <summary>Scores a detector at a fixed threshold.</summary>
    public static NabScore Score(NabCorpus corpus, NabDetectorResults results, NabProfile profile, double threshold)
    {
        var files = new List<NabFileScore>(corpus.Series.Count);
        foreach (var series in corpus.Series)
            files.Add(ScoreSeries(series, Checked(series, results), NabRowWeights.Compute(series, profile), profile, threshold));
        return new NabScore(profile, threshold, files, NullRaw(corpus, profile), PerfectRaw(corpus, profile));
    }

    /// <summary>
    /// Finds the threshold that maximises the profile's raw score (NAB's optimisation step) by sweeping every distinct
    /// anomaly score from high to low, and scores the detector there. Ties keep the highest threshold.
    /// </summary>
    public static NabScore Optimize(NabCorpus corpus, NabDetectorResults results, NabProfile profile)
    {
        var points = new List<(double Score, int Window, double Weight)>();
        var windowOffset = 0;
        foreach (var series in corpus.Series)
        {
            var scores = Checked(series, results);
            var weights = NabRowWeights.Compute(series, profile);
            for (var i = weights.ProbationaryLength; i < scores.Count; i++)
                points.Add((scores[i], weights.Window[i] < 0 ? -1 : windowOffset + weights.Window[i], weights.Weight[i]));
            windowOffset += series.Windows.Count;
        }
        points.Sort((a, b) => b.Score.CompareTo(a.Score));

        // Lowering the threshold adds detections one score level at a time; in a window the earliest detection has the
        // highest reward, so a window's value is the best reward among its detections so far.
        var best = new double[windowOffset];
        Array.Fill(best, double.NaN);
        var raw = NullRaw(corpus, profile);
        var bestRaw = raw;
        var bestThreshold = points.Count > 0 ? Math.BitIncrement(points[0].Score) : 1.0;
        for (var k = 0; k < points.Count;)
        {
            var level = points[k].Score;
            for (; k < points.Count && points[k].Score == level; k++)
            {
                var (_, window, weight) = points[k];
                if (window < 0)
                {
                    raw += weight;
                }
                else if (double.IsNaN(best[window]))
                {
                    raw += weight + profile.FalseNegativeWeight;
                    best[window] = weight;
                }
                else if (weight > best[window])
                {
                    raw += weight - best[window];
                    best[window] = weight;
                }
            }
            if (raw > bestRaw)
                (bestRaw, bestThreshold) = (raw, level);
        }
        return Score(corpus, results, profile, bestThreshold);
    }

    /// <summary>Raw score of the detector that never detects: −A_FN per window.</summary>
    public static double NullRaw(NabCorpus corpus, NabProfile profile) => -profile.FalseNegativeWeight * corpus.WindowCount;

    /// <summary>Raw score of the detector that detects every window at its first row: A_TP per window.</summary>
    public static double PerfectRaw(NabCorpus corpus, NabProfile profile) => profile.TruePositiveWeight * corpus.WindowCount;

    private static NabFileScore ScoreSeries(NabSeries series, IReadOnlyList<double> scores, NabRowWeights weights, NabProfile profile, double threshold)
    {
        var detected = new bool[series.Windows.Count];
        var raw = 0.0;
        var falsePositives = 0;
        for (var i = weights.ProbationaryLength; i < scores.Count; i++)
        {
            if (scores[i] < threshold)
                continue;
            var window = weights.Window[i];
            if (window < 0)
            {
                raw += weights.Weight[i];
                falsePositives++;
            }
            else if (!detected[window])
            {
                raw += weights.Weight[i];
                detected[window] = true;
            }
        }
        var hits = detected.Count(d => d);
        var missed = detected.Length - hits;
        raw -= missed * profile.FalseNegativeWeight;
        return new NabFileScore(series.Name, raw, hits, missed, falsePositives);
    }

    private static IReadOnlyList<double> Checked(NabSeries series, NabDetectorResults results)
    {
        var scores = results.For(series);
        return scores.Count == series.Timestamps.Count
            ? scores
            : throw new ArgumentException($"detector {results.DetectorName} has {scores.Count} scores for {series.Name}, which has {series.Timestamps.Count} rows", nameof(results));
    }
}
