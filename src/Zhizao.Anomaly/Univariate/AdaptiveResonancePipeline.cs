namespace Zhizao.Anomaly.Univariate;

public sealed partial class AdaptiveResonanceDetector
{
    /// <summary>Downsampling, levelling, feature windows and the vigilance control of one series.</summary>
    private sealed class Pipeline
    {
        private readonly AdaptiveResonanceOptions _options;
        private readonly double _minimum;
        private readonly double _width;
        private readonly int _step;
        private readonly int _trainingWindows;
        private readonly int _mask;
        private readonly double[] _raw;
        private readonly int[] _levelCounts;
        private readonly double[] _levels;
        private readonly double[] _features;
        private readonly List<double[]> _training = [];
        private readonly FuzzyArtMemory _memory;
        private readonly double[] _recentMatches;
        private readonly double[] _recentShortfalls;
        private readonly List<double> _anomalyMatches = [];
        private long _row;
        private int _index;
        private double _movingAverage;
        private int _median;
        private int _below;
        private int _above;
        private double _matchSum;
        private int _matchCount;
        private int _lastAnomaly;
        private double _lastAnomalyMatch;
        private int _lastVigilanceUpdate;
        private bool _maskAfterCluster;
        private int _sinceNewCluster;

        public Pipeline(AdaptiveResonanceOptions options, double minimum, double maximum, int trainingLength)
        {
            _options = options;
            (_minimum, _width) = (minimum, maximum - minimum);
            var training = trainingLength - (trainingLength % 2);
            _step = Math.Max(1, training / (options.Window * options.WindowsPerTraining));
            _trainingWindows = Math.Max(options.Window + 1, training / _step);
            _mask = (int)(options.Window * 1.5);
            _raw = new double[_step];
            _levelCounts = new int[options.Levels + 1];
            _levels = new double[options.Window];
            _features = new double[2 * options.Window];
            _memory = new FuzzyArtMemory(2 * options.Window);
            _recentMatches = Enumerable.Repeat(1.0, (_trainingWindows / 2) + 1).ToArray();
            _recentShortfalls = new double[_trainingWindows + 1];
        }

        public int Categories => _memory.Categories;

        public double Push(double value)
        {
            _raw[(int)(_row % _step)] = value;
            _row++;
            if (_row % _step != 0)
                return 0;
            var level = Downsample();
            Shift(_levels, level);
            _index++;
            if (_index >= _options.Window)
                Features();
            else
                Array.Clear(_features);
            if (_index > _trainingWindows)
                return Detect(_features, _index);
            _training.Add((double[])_features.Clone());
            if (_index == _trainingWindows)
            {
                var vigilance = InitialVigilance();
                (_memory.LowerVigilance, _memory.UpperVigilance) = (vigilance, vigilance);
                for (var i = 0; i < _training.Count; i++)
                    Detect(_training[i], i + 1);
                _training.Clear();
            }
            return 0;
        }

        /// <summary>The step's extreme (or its mean when the extreme is within 10 %), as a level snapped to the running median.</summary>
        private double Downsample()
        {
            double sum = 0, max = double.NegativeInfinity, min = double.PositiveInfinity;
            foreach (var v in _raw)
                (sum, max, min) = (sum + v, Math.Max(max, v), Math.Min(min, v));
            var mean = sum / _raw.Length;
            _movingAverage = _index == 0 ? mean : (_movingAverage + mean) / 2;
            var extreme = Math.Abs(max - _movingAverage) < Math.Abs(min - _movingAverage) ? min : max;
            if (Math.Abs(extreme - mean) < 0.1 * mean)
                extreme = mean;
            var normalised = _width > 0 ? (extreme - _minimum) / _width : extreme - _minimum;
            var level = Math.Clamp((int)Math.Round(normalised * _options.Levels), 0, _options.Levels);
            TrackMedian(level);
            var median = (double)_median / _options.Levels;
            var snapped = (double)level / _options.Levels;
            return Math.Abs(snapped - median) < _options.MedianSnap ? median : snapped;
        }

        /// <summary>Keeps an approximate running median of the levels seen, moving it one occupied level at a time.</summary>
        private void TrackMedian(int level)
        {
            _levelCounts[level]++;
            if (_index == 0)
                _median = level;
            if (_median > level)
                _below++;
            else if (_median < level)
                _above++;
            var half = (_index + 1) / 2;
            if (half < _above)
            {
                _below += _levelCounts[_median];
                do
                    _median++;
                while (_median < _options.Levels && _levelCounts[_median] == 0);
                _above -= _levelCounts[_median];
            }
            else if (half < _below)
            {
                _above += _levelCounts[_median];
                do
                    _median--;
                while (_median > 0 && _levelCounts[_median] == 0);
                _below -= _levelCounts[_median];
            }
        }

        /// <summary>Min-max scaled Haar transform of the min-max scaled window, followed by the window's levels.</summary>
        private void Features()
        {
            var window = _options.Window;
            var shape = _features.AsSpan(0, window);
            _levels.CopyTo(shape);
            ScaleToUnit(shape);
            Haar(shape);
            ScaleToUnit(shape);
            _levels.CopyTo(_features, window);
        }

        private double Detect(double[] features, int i)
        {
            var updateAfterAnomaly = i - _lastAnomaly == _mask;
            var updateForTrend = i - _lastVigilanceUpdate >= _trainingWindows / 2;
            var maskAfterAnomaly = i - _lastAnomaly <= _mask;
            if (i > _trainingWindows + _mask && _maskAfterCluster && _sinceNewCluster >= _mask)
                _maskAfterCluster = false;
            var learn = i >= _options.Window;
            var resonance = _memory.Present(features, learn);
            var newCluster = !learn || resonance.NewCluster;
            _sinceNewCluster = newCluster ? 0 : _sinceNewCluster + 1;
            (_matchSum, _matchCount) = (_matchSum + resonance.Match, _matchCount + 1);
            Shift(_recentMatches, resonance.Match);
            Shift(_recentShortfalls, _memory.UpperVigilance - resonance.Match);
            if (i - _lastAnomaly < _mask && _anomalyMatches.Count > 0 && resonance.Match < _anomalyMatches[^1])
                _anomalyMatches[^1] = resonance.Match;
            var masked = _maskAfterCluster || maskAfterAnomaly;
            var muchWorse = resonance.Match < _lastAnomalyMatch * (maskAfterAnomaly ? 0.9 : 0.7);
            var score = 0.0;
            if (i > _trainingWindows && newCluster && (!masked || muchWorse))
            {
                score = Confidence(resonance);
                _anomalyMatches.Add(resonance.Match);
                (_lastAnomalyMatch, _lastAnomaly) = (resonance.Match, i);
            }
            _maskAfterCluster |= newCluster;
            if (i > _trainingWindows && (updateAfterAnomaly || updateForTrend))
            {
                AdaptVigilance(i);
                _lastVigilanceUpdate = i;
                _maskAfterCluster = true;
            }
            return score;
        }

        /// <summary>
        /// The upper vigilance follows the mean match; the lower one creeps up towards the worst recent match, or backs off
        /// by the recent shortfalls, never below the matches that were anomalies.
        /// </summary>
        private void AdaptVigilance(int i)
        {
            var upper = Math.Min(0.97, _matchSum / _matchCount);
            var lower = _memory.LowerVigilance;
            var worst = _recentMatches.Min();
            if (lower <= worst)
            {
                lower += (worst - lower) * 0.19;
            }
            else
            {
                var decrease = 0.0;
                if (i > _trainingWindows * 2)
                {
                    double sum = 0;
                    var count = 0;
                    foreach (var shortfall in _recentShortfalls)
                    {
                        if (shortfall > 0.05)
                            (sum, count) = (sum + Math.Min(0.37, shortfall), count + 1);
                    }
                    decrease = count > 0 ? sum / count : 0;
                }
                lower -= Math.Max(0.01, decrease) / 2;
                if (_anomalyMatches.Count > 0)
                    lower = Math.Max(_anomalyMatches.Average(), lower);
            }
            (_memory.LowerVigilance, _memory.UpperVigilance) = (Math.Min(upper, lower), upper);
        }

        private double Confidence(Resonance resonance)
        {
            var match = Math.Min(0.999, resonance.Match);
            var upper = 1 - ((1 - _memory.UpperVigilance) / (1 - match));
            var lower = 1 - ((1 - _memory.LowerVigilance) / (1 - match));
            return Math.Clamp((upper * 0.35) + (lower * 0.65) + ((1 - resonance.EnergyMatch) * 1.5), 1e-6, 1);
        }

        /// <summary>How alike the training windows are: the mean match of a memory trained on them, least typical first.</summary>
        private double InitialVigilance()
        {
            var windows = _training.Skip(_options.Window - 1).ToList();
            var typicality = windows.Select(a => windows.Sum(b => ReferenceEquals(a, b) ? 1 : Similarity(a, b))).ToArray();
            var ordered = windows.Select((w, k) => (w, k)).OrderBy(p => typicality[p.k]).Select(p => p.w).ToList();
            var memory = new FuzzyArtMemory(2 * _options.Window)
            {
                LowerVigilance = _options.InitialVigilance,
                UpperVigilance = _options.InitialVigilance,
            };
            var matches = ordered.Select(w => memory.Present(w, learn: true).Match).ToList();
            var from = Math.Max(0, (_trainingWindows / 2) - 1);
            return from < matches.Count ? matches.Skip(from).Average() : _options.InitialVigilance;
        }

        private static double Similarity(double[] a, double[] b)
        {
            double dot = 0, na = 0, nb = 0;
            for (var i = 0; i < a.Length; i++)
                (dot, na, nb) = (dot + (a[i] * b[i]), na + (a[i] * a[i]), nb + (b[i] * b[i]));
            (na, nb) = (Math.Sqrt(na), Math.Sqrt(nb));
            return na == 0 ? 1 - nb : nb == 0 ? 1 - na : dot / (na * nb);
        }

        private static void ScaleToUnit(Span<double> values)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in values)
                (min, max) = (Math.Min(min, v), Math.Max(max, v));
            var range = max - min;
            for (var i = 0; i < values.Length; i++)
                values[i] = range != 0 ? (values[i] - min) / range : values[i] - min;
        }

        /// <summary>Full orthonormal Haar decomposition in place: [approximation, coarsest detail, …, finest details].</summary>
        private static void Haar(Span<double> values)
        {
            Span<double> scratch = stackalloc double[values.Length];
            for (var length = values.Length; length > 1; length /= 2)
            {
                var half = length / 2;
                for (var k = 0; k < half; k++)
                {
                    scratch[k] = (values[2 * k] + values[(2 * k) + 1]) / Math.Sqrt(2);
                    scratch[half + k] = (values[(2 * k) + 1] - values[2 * k]) / Math.Sqrt(2);
                }
                scratch[..length].CopyTo(values);
            }
        }

        private static void Shift(double[] window, double value)
        {
            Array.Copy(window, 1, window, 0, window.Length - 1);
            window[^1] = value;
        }
    }
}
