using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace Zhizao.Registry.Search;

/// <summary>The index's field names, their analyzers and the text fields a query term is searched in, with their boosts.</summary>
internal static class SearchFields
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Exact (not analyzed) fields used by filters.
    internal const string Id = "id";
    internal const string Publisher = "publisher";
    internal const string Owner = "owner";
    internal const string Visibility = "visibility";
    internal const string SharedWith = "shared";
    internal const string Status = "status";
    internal const string Scenario = "scenario";
    internal const string Industry = "industry";
    internal const string Tag = "tag";
    internal const string Grade = "grade";

    // Stored and sort-only fields.
    internal const string StoredVersion = "version";
    internal const string SortId = "id_sort";
    internal const string SortRating = "rating";
    internal const string SortInstalls = "installs";

    // English-analyzed text fields.
    internal const string NameEn = "name_en";
    internal const string SkillName = "skill_name";
    internal const string IdText = "id_text";
    internal const string TagsEn = "tags_en";
    internal const string DescriptionEn = "desc_en";
    internal const string SkillDescriptionEn = "skill_desc_en";

    // Chinese-analyzed (segmented) text fields.
    internal const string NameZh = "name_zh";
    internal const string TagsZh = "tags_zh";
    internal const string DescriptionZh = "desc_zh";
    internal const string SkillDescriptionZh = "skill_desc_zh";

    // Field boosts: name > skill names > tags > descriptions.
    private const float NameBoost = 4f;
    private const float SkillNameBoost = 3f;
    private const float TagBoost = 2f;
    private const float DescriptionBoost = 1f;

    /// <summary>Fields a Chinese query word is searched in, with boosts.</summary>
    internal static readonly (string Field, float Boost)[] ChineseTargets =
    [
        (NameZh, NameBoost), (TagsZh, TagBoost), (DescriptionZh, DescriptionBoost), (SkillDescriptionZh, DescriptionBoost),
    ];

    /// <summary>
    /// Fields a Latin-script query word is searched in: the English fields and the Chinese ones, since Chinese text often
    /// carries Latin words (AGV, OEE, MES); both analyzers lower-case and Porter-stem Latin words alike.
    /// </summary>
    internal static readonly (string Field, float Boost)[] LatinTargets =
    [
        (NameEn, NameBoost), (NameZh, NameBoost), (SkillName, SkillNameBoost), (IdText, SkillNameBoost), (TagsEn, TagBoost),
        (DescriptionEn, DescriptionBoost), (SkillDescriptionEn, DescriptionBoost), (DescriptionZh, DescriptionBoost),
        (SkillDescriptionZh, DescriptionBoost),
    ];

    /// <summary>Fields where adjacent query words earn a phrase bonus, per script.</summary>
    internal static readonly (string Field, float Boost)[] ChinesePhraseTargets = [(NameZh, NameBoost), (DescriptionZh, DescriptionBoost), (SkillDescriptionZh, DescriptionBoost)];

    /// <inheritdoc cref="ChinesePhraseTargets"/>
    internal static readonly (string Field, float Boost)[] LatinPhraseTargets = [(NameEn, NameBoost), (DescriptionEn, DescriptionBoost), (SkillDescriptionEn, DescriptionBoost)];

    private static readonly string[] ChineseFields = [NameZh, TagsZh, DescriptionZh, SkillDescriptionZh];

    /// <summary>Chinese names of the action plan's five stages, by scenario id (indexed so that 生产制造 finds production agents).</summary>
    internal static readonly IReadOnlyDictionary<string, string> ScenarioNamesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["design"] = "研发设计",
        ["pilot"] = "中试验证",
        ["production"] = "生产制造",
        ["marketing-service"] = "营销服务",
        ["operations"] = "运营管理",
    };

    /// <summary>
    /// The index's analyzers: SmartCn word segmentation for the Chinese fields, English (stop words, Porter stemming) for the rest.
    /// The returned analyzers own their Chinese and English analyzers.
    /// </summary>
    internal static (PerFieldAnalyzerWrapper PerField, Analyzer Chinese, Analyzer English) CreateAnalyzers()
    {
        var chinese = new SmartChineseAnalyzer(Version);
        var english = new EnglishAnalyzer(Version);
        var perField = new PerFieldAnalyzerWrapper(english, ChineseFields.ToDictionary(f => f, Analyzer (_) => chinese));
        return (perField, chinese, english);
    }

    /// <summary>Compatibility-normalises text (full-width Latin letters and digits, as Chinese input methods type them, become ASCII).</summary>
    internal static string Normalize(string? text) => string.IsNullOrEmpty(text) ? "" : WellFormed(text).Normalize(NormalizationForm.FormKC);

    /// <summary>The text with each lone surrogate replaced by U+FFFD (<see cref="string.Normalize()"/> throws on them).</summary>
    private static string WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]))
            {
                i++;
                continue;
            }
            // EnumerateRunes yields U+FFFD for each ill-formed code unit.
            return string.Concat(text.EnumerateRunes().Select(r => r.ToString()));
        }
        return text;
    }

    /// <summary>Normalises an exact filter value (tags, scenarios, publishers, industries are matched case-insensitively).</summary>
    internal static string Key(string value) => Normalize(value).Trim().ToLowerInvariant();

    /// <summary>The scenario id for an id or a Chinese stage name.</summary>
    internal static string ScenarioKey(string value)
    {
        var key = Key(value);
        foreach (var (id, zh) in ScenarioNamesZh)
        {
            if (string.Equals(zh, key, StringComparison.Ordinal))
                return id;
        }
        return key;
    }

    /// <summary>A hierarchical tag and its ancestors: <c>a/b/c</c> → <c>a</c>, <c>a/b</c>, <c>a/b/c</c>.</summary>
    internal static IEnumerable<string> TagAndAncestors(string tag)
    {
        var key = Key(tag).Trim('/');
        for (var i = key.IndexOf('/', StringComparison.Ordinal); i > 0; i = key.IndexOf('/', i + 1))
            yield return key[..i];
        if (key.Length > 0)
            yield return key;
    }

    /// <summary>Invariant text of a status or visibility as indexed.</summary>
    internal static string EnumKey<T>(T value) where T : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);
}
