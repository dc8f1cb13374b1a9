using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Zhizao.Registry.Search;

/// <summary>Turns a <see cref="SearchDocument"/> into the Lucene document the index stores.</summary>
internal static class SearchDocumentMapper
{
    /// <summary>The Lucene document for <paramref name="source"/>.</summary>
    internal static Document ToLucene(SearchDocument source)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, source.AgentId, Field.Store.YES),
            new SortedDocValuesField(SearchFields.SortId, new BytesRef(source.AgentId)),
            new StoredField(SearchFields.StoredVersion, source.Version),
            new StringField(SearchFields.Publisher, SearchFields.Key(source.Publisher), Field.Store.NO),
            new StringField(SearchFields.Owner, source.OwnerWorkspace, Field.Store.NO),
            new StringField(SearchFields.Visibility, SearchFields.EnumKey(source.Visibility), Field.Store.NO),
            new StringField(SearchFields.Status, SearchFields.EnumKey(source.Status), Field.Store.NO),
            new Int32Field(SearchFields.Grade, source.Grade, Field.Store.NO),
            new DoubleDocValuesField(SearchFields.SortRating, source.AverageRating),
            new NumericDocValuesField(SearchFields.SortInstalls, source.InstallCount),
        };

        // Only a shared agent is visible to the workspaces it lists.
        if (source.Visibility == AgentVisibility.Shared)
            AddExact(doc, SearchFields.SharedWith, source.SharedWith, w => w);
        AddExact(doc, SearchFields.Scenario, source.Scenarios, SearchFields.ScenarioKey);
        AddExact(doc, SearchFields.Industry, source.Industries, SearchFields.Key);
        foreach (var tag in source.SkillTags.Concat(source.DomainTags).SelectMany(SearchFields.TagAndAncestors).Distinct(StringComparer.Ordinal))
            doc.Add(new StringField(SearchFields.Tag, tag, Field.Store.NO));

        AddText(doc, SearchFields.NameEn, source.NameEn);
        AddText(doc, SearchFields.NameZh, source.NameZh);
        AddText(doc, SearchFields.IdText, source.AgentId);
        AddText(doc, SearchFields.DescriptionEn, source.DescriptionEn);
        AddText(doc, SearchFields.DescriptionZh, source.DescriptionZh);
        foreach (var skill in source.Skills)
        {
            AddText(doc, SearchFields.SkillName, skill.Name);
            AddText(doc, SearchFields.SkillDescriptionEn, skill.DescriptionEn);
            AddText(doc, SearchFields.SkillDescriptionZh, skill.DescriptionZh);
        }
        foreach (var tag in source.Scenarios.Concat(source.Industries).Concat(source.SkillTags).Concat(source.DomainTags))
            AddText(doc, SearchFields.TagsEn, tag);
        foreach (var scenario in source.Scenarios)
        {
            if (SearchFields.ScenarioNamesZh.TryGetValue(SearchFields.ScenarioKey(scenario), out var zh))
                AddText(doc, SearchFields.TagsZh, zh);
        }
        return doc;
    }

    private static void AddExact(Document doc, string field, IEnumerable<string> values, Func<string, string> key)
    {
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(key).Distinct(StringComparer.Ordinal))
            doc.Add(new StringField(field, value, Field.Store.NO));
    }

    private static void AddText(Document doc, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
            doc.Add(new TextField(field, SearchFields.Normalize(text), Field.Store.NO));
    }
}
