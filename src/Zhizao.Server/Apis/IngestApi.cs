using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;
using Zhizao.Ingestion;

namespace Zhizao.Server.Apis;

/// <summary>HTTP batch ingest: JSON lines. The response comes only after the accepted points are durable.</summary>
public static class IngestApi
{
    /// <summary>
    /// Content types read as JSON lines; a request without one is read as JSON lines too. The check is in the handler, not in
    /// routing (<c>Accepts</c>): a routing mismatch would fall through to the fallback endpoint and answer a misleading 404.
    /// </summary>
    private static readonly string[] JsonLinesMediaTypes = ["application/x-ndjson", "application/jsonl", "application/json", "text/plain"];

    public static RouteGroupBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/ingest").WithTags("Ingest").RequireAuthorization(Policies.Writer);
        group.MapPost("/", Ingest).WithName("Ingest")
            .WithSummary("Ingest points as JSON lines: {\"signal\":\"site/line/machine/signal\",\"ts\":\"…\",\"value\":1.5,\"unit\":\"°C\"}")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = JsonLinesMediaTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
                };
                return Task.CompletedTask;
            });
        return group;
    }

    internal static async Task<IResult> Ingest(HttpContext context, IPointIngestor ingestor, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IsJsonLines(context.Request.ContentType))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", type: Problems.Type("unsupported-media-type"),
                detail: $"the body must be JSON lines ({string.Join(", ", JsonLinesMediaTypes)}), not '{context.Request.ContentType}'");
        var source = $"http:{context.User.Identity?.Name ?? "anonymous"}";
        var body = await ReadBodyAsync(context.Request.BodyReader, cancellationToken);
        var (points, errors) = JsonLinesParser.Parse(body.Span, time.GetUtcNow());
        foreach (var (line, error, text) in errors)
            await ingestor.RejectPayloadAsync(new RejectedPoint(time.GetUtcNow(), source, RejectReason.Malformed, $"line {line}: {error}", Value: text), cancellationToken);

        var result = await ingestor.IngestAsync(points, source, cancellationToken);
        var response = new IngestResponse(result.Accepted, result.Duplicates, result.Rejected + errors.Count,
            [.. errors.Take(IngestResult.MaxReportedRejections).Select(e => new IngestRejection(e.Line, RejectReason.Malformed, e.Error, null)),
             .. result.Rejections.Select(r => new IngestRejection(null, r.Reason, r.Message, r.Signal))]);
        if (response.Accepted == 0 && response.Rejected > 0)
            return Problems.BadRequest("points-rejected", $"all {response.Rejected} point(s) were rejected; see 'rejections' and GET /api/v1/quarantine",
                new Dictionary<string, object?> { ["rejected"] = response.Rejected, ["rejections"] = response.Rejections });
        if (response.Accepted == 0)
            return Problems.BadRequest("empty-batch", "the body holds no points (expected JSON lines)");
        return Results.Ok(response);
    }

    private static bool IsJsonLines(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed) && JsonLinesMediaTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase));

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        // The body is bounded by Kestrel's MaxRequestBodySize, so buffering it whole is safe.
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}

/// <summary>What an ingest call did.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<IngestRejection> Rejections);

/// <summary>One rejected point or line.</summary>
public sealed record IngestRejection(int? Line, RejectReason Reason, string Message, string? Signal);
