namespace Zhizao.Registry.Search;

/// <summary>
/// A search over the registry: free text in Chinese, English or both, and filters. Every filter is optional; unset filters do not
/// restrict. Out-of-range values never throw: text is cut to <see cref="MaxTextLength"/>, the page is clamped to
/// 1 … <see cref="MaxPageSize"/> and the offset to 0 … <see cref="MaxOffset"/>.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>Longest query text used; the rest is ignored.</summary>
    public const int MaxTextLength = 200;
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;
    /// <summary>Page size when none is given.</summary>
    public const int DefaultPageSize = 20;
    /// <summary>Largest offset (deeper pages cost memory per query; filters are the way to narrow a large result).</summary>
    public const int MaxOffset = 10_000;

    /// <summary>Free text; null or blank lists the filtered agents by rating, then installs, then id.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// The caller's workspace: an agent is visible when it is public, owned by this workspace, or shared with it. Null: public
    /// agents only.
    /// </summary>
    public string? Workspace { get; init; }

    /// <summary>Scenario (stage) id such as <c>production</c>, or its Chinese name such as 生产制造.</summary>
    public string? Scenario { get; init; }

    /// <summary>Industry id.</summary>
    public string? Industry { get; init; }

    /// <summary>Skill or domain tag; a tag also matches its descendants (<c>planning</c> matches <c>planning/scheduling</c>).</summary>
    public string? Tag { get; init; }

    /// <summary>Publisher namespace.</summary>
    public string? Publisher { get; init; }

    /// <summary>Only agents of this visibility (the workspace rule still applies).</summary>
    public AgentVisibility? Visibility { get; init; }

    /// <summary>Only agents of exactly this grade (1 … 5).</summary>
    public int? Grade { get; init; }

    /// <summary>Only agents of this grade or lower (1 … 5).</summary>
    public int? MaxGrade { get; init; }

    /// <summary>Only agents in this lifecycle status; <see cref="AgentLifecycleStatus.Published"/> by default, null for any.</summary>
    public AgentLifecycleStatus? Status { get; init; } = AgentLifecycleStatus.Published;

    /// <summary>Hits to skip (clamped to 0 … <see cref="MaxOffset"/>).</summary>
    public int Offset { get; init; }

    /// <summary>Hits per page (clamped to 1 … <see cref="MaxPageSize"/>; <see cref="DefaultPageSize"/> when 0 or less).</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The text actually searched: at most <see cref="MaxTextLength"/> characters, never splitting a surrogate pair.</summary>
    internal string BoundedText
    {
        get
        {
            var text = Text?.Trim() ?? "";
            if (text.Length <= MaxTextLength)
                return text;
            var cut = char.IsHighSurrogate(text[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength;
            // A word cut in two would become a word of its own that no agent has: end at the last space instead, if any.
            if (!char.IsWhiteSpace(text[cut]) && text.LastIndexOf(' ', cut - 1) is > 0 and var space)
                cut = space;
            return text[..cut];
        }
    }

    /// <summary>The clamped offset.</summary>
    internal int BoundedOffset => Math.Clamp(Offset, 0, MaxOffset);

    /// <summary>The clamped page size.</summary>
    internal int BoundedPageSize => PageSize <= 0 ? DefaultPageSize : Math.Min(PageSize, MaxPageSize);
}

/// <summary>One ranked hit.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The indexed version.</param>
/// <param name="Score">Relevance (BM25 with field boosts); 0 for a filter-only listing.</param>
public sealed record SearchHit(string AgentId, string Version, float Score);

/// <summary>One page of results.</summary>
/// <param name="Total">How many agents match in all.</param>
/// <param name="Offset">The offset applied (after clamping).</param>
/// <param name="PageSize">The page size applied (after clamping).</param>
/// <param name="Hits">This page's hits, best first.</param>
public sealed record SearchResults(int Total, int Offset, int PageSize, IReadOnlyList<SearchHit> Hits);
