using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Zhizao.Registry.Search;

/// <summary>
/// The registry's in-memory bilingual search index: one entry per agent, ranked by BM25 over Chinese (SmartCn word segmentation)
/// and English (stemmed) fields with boosts name &gt; skill names &gt; tags &gt; descriptions, filtered by workspace visibility, lifecycle
/// status and taxonomy. Thread-safe: writes go to one <see cref="IndexWriter"/>; searches use near-real-time readers from a
/// <see cref="SearcherManager"/>, reopened by the first search after a write, so a search always sees every write that returned
/// before it began and never waits for other searches.
/// </summary>
public sealed class RegistrySearchIndex : IDisposable
{
    private static readonly HashSet<string> HitFields = new([SearchFields.Id, SearchFields.StoredVersion], StringComparer.Ordinal);
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, new SortField(SearchFields.SortId, SortFieldType.STRING));
    private static readonly Sort ByPopularity = new(
        new SortField(SearchFields.SortRating, SortFieldType.DOUBLE, reverse: true),
        new SortField(SearchFields.SortInstalls, SortFieldType.INT64, reverse: true),
        new SortField(SearchFields.SortId, SortFieldType.STRING));

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer;
    private readonly Analyzer _chinese;
    private readonly Analyzer _english;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SearchQueryBuilder _builder;
    private long _writes;
    private long _visibleWrites;
    private bool _disposed;

    /// <summary>Creates an empty index.</summary>
    public RegistrySearchIndex()
    {
        (_analyzer, _chinese, _english) = SearchFields.CreateAnalyzers();
        _writer = new IndexWriter(_directory, new IndexWriterConfig(SearchFields.Version, _analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
        _builder = new SearchQueryBuilder(_chinese, _english);
    }

    /// <summary>Adds or replaces the entry of <see cref="SearchDocument.AgentId"/>; visible to every search that starts after it returns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The grade is not 1 … 5.</exception>
    public void Upsert(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(document.AgentId);
        ArgumentOutOfRangeException.ThrowIfLessThan(document.Grade, 1, nameof(document));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(document.Grade, 5, nameof(document));
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.UpdateDocument(new Term(SearchFields.Id, document.AgentId), SearchDocumentMapper.ToLucene(document));
        Interlocked.Increment(ref _writes);
    }

    /// <summary>Removes an agent's entry (nothing happens when there is none).</summary>
    public void Remove(string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.DeleteDocuments(new Term(SearchFields.Id, agentId));
        Interlocked.Increment(ref _writes);
    }

    /// <summary>
    /// One page of agents matching <paramref name="query"/>: by relevance (then id) when it has text, by rating, installs and id
    /// when it has none. Never throws for user input (see <see cref="SearchQuery"/> for the bounds applied).
    /// </summary>
    public SearchResults Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(_disposed, this);
        RefreshIfStale();

        var text = _builder.BuildText(query.BoundedText);
        var filter = SearchQueryBuilder.BuildFilter(query);
        var offset = query.BoundedOffset;
        var pageSize = query.BoundedPageSize;
        var searcher = _searchers.Acquire();
        try
        {
            var top = text is null
                ? searcher.Search(new MatchAllDocsQuery(), filter, offset + pageSize, ByPopularity)
                : searcher.Search(text, filter, offset + pageSize, ByRelevance, doDocScores: true, doMaxScore: false);
            var hits = new List<SearchHit>(Math.Max(0, Math.Min(pageSize, top.ScoreDocs.Length - offset)));
            for (var i = offset; i < top.ScoreDocs.Length; i++)
            {
                var scoreDoc = top.ScoreDocs[i];
                var stored = searcher.Doc(scoreDoc.Doc, HitFields);
                hits.Add(new SearchHit(stored.Get(SearchFields.Id, CultureInfo.InvariantCulture), stored.Get(SearchFields.StoredVersion, CultureInfo.InvariantCulture), text is null ? 0f : scoreDoc.Score));
            }
            return new SearchResults(top.TotalHits, offset, pageSize, hits);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Number of agents in the index (every status and visibility), as of the last write.</summary>
    public int Count
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RefreshIfStale();
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Reopens the reader when writes happened since it was opened, so the caller sees them.</summary>
    private void RefreshIfStale()
    {
        var writes = Interlocked.Read(ref _writes);
        if (Interlocked.Read(ref _visibleWrites) >= writes)
            return;
        // Blocks only while another thread reopens; the reopened reader covers every write counted before this call.
        _searchers.MaybeRefreshBlocking();
        var visible = Interlocked.Read(ref _visibleWrites);
        while (visible < writes)
        {
            var previous = Interlocked.CompareExchange(ref _visibleWrites, writes, visible);
            if (previous == visible)
                break;
            visible = previous;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        _chinese.Dispose();
        _english.Dispose();
    }

    /// <summary>Gives every reopened searcher the BM25 similarity the index was written with.</summary>
    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
