namespace Zhizao.Anomaly.Univariate;

/// <summary>How a feature vector resonated with a <see cref="FuzzyArtMemory"/>.</summary>
/// <param name="Match">Best category's match (feature similarity³ × energy similarity²), in [0, 1].</param>
/// <param name="EnergyMatch">Best category's similarity on the energy pair (the vector's last feature and its complement).</param>
/// <param name="NewCluster">True when no category reached the lower vigilance, so the vector founded a new cluster.</param>
internal readonly record struct Resonance(double Match, double EnergyMatch, bool NewCluster);

/// <summary>
/// Dual-vigilance fuzzy ART over complement-coded feature vectors in [0, 1]. A vector that matches categories at or above
/// the upper vigilance refines each of them (fast learning: the category becomes the element-wise minimum); one whose best
/// match only reaches the lower vigilance becomes a new category of that cluster; one below the lower vigilance founds a
/// new cluster, which is what the detector calls novel. The match weighs the last feature (the current level) apart, so a
/// familiar shape at an unfamiliar level is still a mismatch. O(categories × dimension) per vector.
/// </summary>
internal sealed class FuzzyArtMemory(int dimension)
{
    private readonly int _coded = 2 * dimension;
    private readonly List<double[]> _categories = [];
    private readonly double[] _sample = new double[2 * dimension];
    private double[] _matches = new double[16];
    private double[] _energies = new double[16];

    /// <summary>Lower vigilance: below it a vector founds a new cluster.</summary>
    public double LowerVigilance { get; set; }

    /// <summary>Upper vigilance: at or above it a vector refines the category it matched.</summary>
    public double UpperVigilance { get; set; }

    /// <summary>Categories learned so far.</summary>
    public int Categories => _categories.Count;

    /// <summary>Presents a vector; with <paramref name="learn"/> false the memory only reports the best match.</summary>
    public Resonance Present(ReadOnlySpan<double> features, bool learn)
    {
        if (_categories.Count == 0)
        {
            // The first category starts uncommitted (all ones) and the first vector is only used to open it.
            _categories.Add(Enumerable.Repeat(1.0, _coded).ToArray());
            return new Resonance(0, 0, NewCluster: false);
        }
        for (var i = 0; i < features.Length; i++)
        {
            _sample[i] = features[i];
            _sample[i + features.Length] = 1 - features[i];
        }
        if (_matches.Length < _categories.Count)
        {
            _matches = new double[_categories.Count * 2];
            _energies = new double[_categories.Count * 2];
        }
        var best = -1;
        for (var c = 0; c < _categories.Count; c++)
        {
            (_matches[c], _energies[c]) = Activation(_categories[c]);
            if (best < 0 || _matches[c] > _matches[best])
                best = c;
        }
        var bestMatch = Math.Max(0, _matches[best]);
        var resonance = new Resonance(bestMatch, _energies[best], NewCluster: false);
        if (!learn)
            return resonance;
        if (bestMatch >= UpperVigilance)
        {
            for (var c = 0; c < _categories.Count; c++)
            {
                if (_matches[c] >= UpperVigilance)
                    Learn(_categories[c]);
            }
            return resonance;
        }
        _categories.Add((double[])_sample.Clone());
        return resonance with { NewCluster = bestMatch < LowerVigilance };
    }

    private (double Match, double Energy) Activation(double[] category)
    {
        double overlap = 0, size = 0;
        for (var i = 0; i < _coded; i++)
        {
            overlap += Math.Min(_sample[i], category[i]);
            size += category[i];
        }
        var feature = overlap / (size == 0 ? 0.001 : size);
        var last = dimension - 1;
        var energySize = category[last] + category[_coded - 1];
        var energy = (Math.Min(_sample[last], category[last]) + Math.Min(_sample[_coded - 1], category[_coded - 1])) / (energySize == 0 ? 0.001 : energySize);
        return (feature * feature * feature * energy * energy, energy);
    }

    private void Learn(double[] category)
    {
        for (var i = 0; i < _coded; i++)
            category[i] = Math.Min(category[i], _sample[i]);
    }
}
