using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Zhizao.Registry.Search;

/// <summary>
/// Builds Lucene queries from user input without a query parser, so no text is ever syntax: the text is split into runs of Chinese
/// (Han) and other script, each run is analyzed like the fields it targets (SmartCn segmentation for Chinese, English stemming for
/// the rest), and every resulting word becomes a clause that may match in any of its target fields (the best field counts).
/// </summary>
internal sealed class SearchQueryBuilder(Analyzer chinese, Analyzer english)
{
    /// <summary>Up to this many words, all must match; beyond, <see cref="LongQueryShare"/> of them.</summary>
    private const int AllWordsUpTo = 3;
    private const double LongQueryShare = 0.75;
    /// <summary>Share of a word's best field score added for its other matching fields.</summary>
    private const float FieldTieBreaker = 0.1f;
    /// <summary>Weight of the query with Chinese terms translated, relative to the query as typed.</summary>
    private const float TranslatedWeight = 0.5f;

    /// <summary>Chinese function words that carry no meaning in a query (they stay in phrases, where they fix word order).</summary>
    private static readonly HashSet<string> ChineseQueryStopWords =
        new(["的", "地", "得", "了", "和", "与", "及", "或", "在", "是", "对", "等", "把", "被", "之", "为", "用", "于"], StringComparer.Ordinal);

    /// <summary>
    /// The relevance query for <paramref name="text"/>; null when the text holds no searchable word. A text with known Chinese
    /// terms also matches, at a lower weight, agents that have the terms' English equivalents (see <see cref="BilingualGlossary"/>).
    /// </summary>
    internal Query? BuildText(string text)
    {
        text = SearchFields.Normalize(text);
        var typed = BuildWords(text);
        if (typed is null || BilingualGlossary.Translate(text) is not { } translation || BuildWords(translation) is not { } translated)
            return typed;
        translated.Boost = TranslatedWeight;
        return new BooleanQuery(disableCoord: true) { { typed, Occur.SHOULD }, { translated, Occur.SHOULD } };
    }

    /// <summary>Every word of the text as a clause (most of them required), plus phrase bonuses; null without words.</summary>
    private Query? BuildWords(string text)
    {
        var words = new List<(string Word, bool Chinese)>();
        var seen = new HashSet<(string, bool)>();
        var phrases = new List<Query>();
        foreach (var (run, isChinese) in ScriptRuns(text))
        {
            var tokens = Analyze(isChinese ? chinese : english, run);
            foreach (var (token, _) in tokens)
            {
                if (!(isChinese && ChineseQueryStopWords.Contains(token)) && seen.Add((token, isChinese)))
                    words.Add((token, isChinese));
            }
            if (tokens.Count > 1)
                phrases.Add(Phrase(tokens, isChinese ? SearchFields.ChinesePhraseTargets : SearchFields.LatinPhraseTargets));
        }
        if (words.Count == 0)
            return null;

        var all = new BooleanQuery(disableCoord: true)
        {
            MinimumNumberShouldMatch = words.Count <= AllWordsUpTo ? words.Count : (int)Math.Floor(words.Count * LongQueryShare),
        };
        foreach (var (word, isChinese) in words)
            all.Add(AnyField(word, isChinese ? SearchFields.ChineseTargets : SearchFields.LatinTargets), Occur.SHOULD);
        if (phrases.Count == 0)
            return all;

        // Phrases only add to the score of documents that already match the words.
        var query = new BooleanQuery(disableCoord: true) { { all, Occur.MUST } };
        foreach (var phrase in phrases)
            query.Add(phrase, Occur.SHOULD);
        return query;
    }

    /// <summary>The filter for everything but the text: visibility to the caller's workspace, status and the taxonomy filters.</summary>
    internal static Filter BuildFilter(SearchQuery q)
    {
        var visible = new BooleanQuery { { Term(SearchFields.Visibility, SearchFields.EnumKey(AgentVisibility.Public)), Occur.SHOULD } };
        if (!string.IsNullOrWhiteSpace(q.Workspace))
        {
            visible.Add(Term(SearchFields.Owner, q.Workspace), Occur.SHOULD);
            visible.Add(Term(SearchFields.SharedWith, q.Workspace), Occur.SHOULD);
        }
        var filter = new BooleanQuery { { visible, Occur.MUST } };
        if (q.Status is { } status)
            filter.Add(Term(SearchFields.Status, SearchFields.EnumKey(status)), Occur.MUST);
        if (q.Visibility is { } visibility)
            filter.Add(Term(SearchFields.Visibility, SearchFields.EnumKey(visibility)), Occur.MUST);
        AddExact(filter, SearchFields.Scenario, q.Scenario, SearchFields.ScenarioKey);
        AddExact(filter, SearchFields.Industry, q.Industry, SearchFields.Key);
        AddExact(filter, SearchFields.Tag, q.Tag, t => SearchFields.Key(t).Trim('/'));
        AddExact(filter, SearchFields.Publisher, q.Publisher, SearchFields.Key);
        if (q.Grade is { } grade)
            filter.Add(NumericRangeQuery.NewInt32Range(SearchFields.Grade, grade, grade, true, true), Occur.MUST);
        if (q.MaxGrade is { } maxGrade)
            filter.Add(NumericRangeQuery.NewInt32Range(SearchFields.Grade, null, maxGrade, true, true), Occur.MUST);
        return new QueryWrapperFilter(filter);
    }

    private static void AddExact(BooleanQuery filter, string field, string? value, Func<string, string> key)
    {
        if (!string.IsNullOrWhiteSpace(value))
            filter.Add(Term(field, key(value)), Occur.MUST);
    }

    private static TermQuery Term(string field, string value) => new(new Term(field, value));

    /// <summary>One word, matching in whichever target field scores best.</summary>
    private static DisjunctionMaxQuery AnyField(string word, (string Field, float Boost)[] targets)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var (field, boost) in targets)
            query.Add(new TermQuery(new Term(field, word)) { Boost = boost });
        return query;
    }

    /// <summary>A bonus for the run's words in their order, in whichever target field scores best.</summary>
    private static DisjunctionMaxQuery Phrase(List<(string Token, int Position)> tokens, (string Field, float Boost)[] targets)
    {
        var query = new DisjunctionMaxQuery(0f);
        foreach (var (field, boost) in targets)
        {
            var phrase = new PhraseQuery { Boost = boost };
            foreach (var (token, position) in tokens)
                phrase.Add(new Term(field, token), position);
            query.Add(phrase);
        }
        return query;
    }

    /// <summary>The tokens an analyzer makes of <paramref name="text"/>, with their positions (gaps where stop words were).</summary>
    private static List<(string Token, int Position)> Analyze(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        stream.End();
        return tokens;
    }

    /// <summary>Splits text into maximal runs of Han characters and of everything else.</summary>
    internal static IEnumerable<(string Run, bool Chinese)> ScriptRuns(string text)
    {
        var start = 0;
        var index = 0;
        bool? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var isHan = IsHan(rune);
            if (current is { } c && c != isHan)
            {
                yield return (text[start..index], c);
                start = index;
            }
            current = isHan;
            index += rune.Utf16SequenceLength;
        }
        if (current is { } last && index > start)
            yield return (text[start..index], last);
    }

    private static bool IsHan(Rune rune) => rune.Value is
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F) or 0x3005 or 0x3007;
}
