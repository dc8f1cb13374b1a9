namespace Zhizao.Anomaly.Multivariate;

/// <summary>
/// Isolation forest (Liu, Ting &amp; Zhou 2008) on standardised columns: seeded random trees grown on subsamples of the
/// normal rows; a row's score is <c>2^(−E[h]/c(ψ))</c> with <c>h</c> its path length (plus <c>c(size)</c> at an unsplit
/// leaf) and <c>c</c> the average unsuccessful-search length of a binary search tree, so ≈ 0.5 is typical and → 1 is
/// isolated early. Contributions: each split on a row's path credits its column with the share of the node's sample it
/// separated the row from, divided by depth+1, so columns that isolate the row near the root get most; the credits are
/// scaled to sum to the score. Like every isolation forest, a value beyond the training range on one column ranks like the
/// most extreme training value, so single-column excursions score only moderately (SKAB's published forest F1 is 0.29). Cost per row: trees × depth ≤ log2(ψ).
/// </summary>
public sealed class IsolationForestDetector : IMultivariateDetector
{
    private readonly int _trees;
    private readonly int _subsample;
    private readonly int _seed;
    private ColumnScaler? _scaler;
    // Flattened nodes of all trees: a node with Feature ≥ 0 splits at Threshold into Left/Right; Size is the node's sample size; Feature < 0 is a leaf.
    private int[] _feature = [];
    private double[] _threshold = [];
    private int[] _left = [];
    private int[] _right = [];
    private int[] _size = [];
    private int[] _roots = [];
    private double _normaliser;
    private double[] _z = [];
    private double[] _credit = [];

    /// <summary>Creates the forest; call <see cref="Fit"/> before scoring.</summary>
    /// <param name="trees">Number of trees.</param>
    /// <param name="subsample">Rows per tree (ψ); fewer when training is shorter.</param>
    /// <param name="seed">Random seed: the same seed and rows give the same forest.</param>
    public IsolationForestDetector(int trees = 100, int subsample = 256, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(subsample, 8);
        _trees = trees;
        _subsample = subsample;
        _seed = seed;
    }

    /// <inheritdoc />
    public string Name => "isolation-forest";

    /// <summary>Fewest training rows.</summary>
    public const int MinimumRows = 32;

    /// <inheritdoc />
    public void Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scaler = ColumnScaler.Fit(rows, MinimumRows, Name);
        var data = scaler.TrainingMatrix(rows);
        var width = scaler.Active.Length;
        var psi = Math.Min(_subsample, rows.Count);
        var maxDepth = (int)Math.Ceiling(Math.Log2(psi));
        var random = new Random(_seed);
        var nodes = new NodeList();
        _roots = new int[_trees];
        var indexes = Enumerable.Range(0, rows.Count).ToArray();
        for (var t = 0; t < _trees; t++)
        {
            // Partial Fisher–Yates: the first ψ entries are a sample without replacement.
            for (var i = 0; i < psi; i++)
            {
                var j = random.Next(i, indexes.Length);
                (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
            }
            var sample = indexes[..psi];
            _roots[t] = Grow(nodes, data, width, sample, 0, maxDepth, random);
        }
        (_feature, _threshold, _left, _right, _size) = nodes.ToArrays();
        _normaliser = AveragePathLength(psi);
        _scaler = scaler;
        _z = new double[width];
        _credit = new double[width];
    }

    /// <inheritdoc />
    public double Score(ReadOnlySpan<double> row, Span<double> contributions)
    {
        var scaler = _scaler ?? throw new InvalidOperationException($"{Name}: Fit before Score");
        scaler.Standardise(row, _z);
        Array.Clear(_credit);
        var totalPath = 0.0;
        for (var t = 0; t < _roots.Length; t++)
        {
            var node = _roots[t];
            var depth = 0;
            while (_feature[node] >= 0)
            {
                var f = _feature[node];
                var child = _z[f] < _threshold[node] ? _left[node] : _right[node];
                // Credit the split by how much of the node's sample it separated the row from, more near the root.
                _credit[f] += (1.0 - ((double)_size[child] / _size[node])) / (depth + 1);
                node = child;
                depth++;
            }
            totalPath += depth + AveragePathLength(_size[node]);
        }
        var score = Math.Pow(2, -totalPath / _roots.Length / _normaliser);
        var creditSum = 0.0;
        foreach (var c in _credit)
            creditSum += c;
        for (var i = 0; i < _credit.Length; i++)
            _credit[i] = creditSum > 0 ? score * _credit[i] / creditSum : 0;
        scaler.Scatter(_credit, contributions);
        return score;
    }

    /// <summary>c(n) = 2H(n−1) − 2(n−1)/n, the average path length of an unsuccessful search in a BST of n nodes.</summary>
    internal static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => (2 * (Math.Log(n - 1) + 0.5772156649015329)) - (2.0 * (n - 1) / n),
    };

    private static int Grow(NodeList nodes, double[,] data, int width, int[] sample, int depth, int maxDepth, Random random)
    {
        if (depth >= maxDepth || sample.Length <= 1)
            return nodes.Leaf(sample.Length);
        // Pick a column with spread in this sample; a sample of identical rows is a leaf.
        Span<int> candidates = stackalloc int[width];
        var count = 0;
        for (var f = 0; f < width; f++)
        {
            var (lo, hi) = Range(data, sample, f);
            if (hi > lo)
                candidates[count++] = f;
        }
        if (count == 0)
            return nodes.Leaf(sample.Length);
        var feature = candidates[random.Next(count)];
        var (min, max) = Range(data, sample, feature);
        var split = min + (random.NextDouble() * (max - min));
        var left = sample.Where(r => data[r, feature] < split).ToArray();
        var right = sample.Where(r => data[r, feature] >= split).ToArray();
        var node = nodes.Split(feature, split, sample.Length);
        var l = Grow(nodes, data, width, left, depth + 1, maxDepth, random);
        var r = Grow(nodes, data, width, right, depth + 1, maxDepth, random);
        nodes.Link(node, l, r);
        return node;
    }

    private static (double Min, double Max) Range(double[,] data, int[] sample, int feature)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var r in sample)
        {
            min = Math.Min(min, data[r, feature]);
            max = Math.Max(max, data[r, feature]);
        }
        return (min, max);
    }

    private sealed class NodeList
    {
        private readonly List<(int Feature, double Threshold, int Left, int Right, int Size)> _nodes = [];

        public int Leaf(int size)
        {
            _nodes.Add((-1, 0, -1, -1, size));
            return _nodes.Count - 1;
        }

        public int Split(int feature, double threshold, int size)
        {
            _nodes.Add((feature, threshold, -1, -1, size));
            return _nodes.Count - 1;
        }

        public void Link(int node, int left, int right) => _nodes[node] = _nodes[node] with { Left = left, Right = right };

        public (int[], double[], int[], int[], int[]) ToArrays() =>
            ([.. _nodes.Select(n => n.Feature)], [.. _nodes.Select(n => n.Threshold)], [.. _nodes.Select(n => n.Left)],
             [.. _nodes.Select(n => n.Right)], [.. _nodes.Select(n => n.Size)]);
    }
}
