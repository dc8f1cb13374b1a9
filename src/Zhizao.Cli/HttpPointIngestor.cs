using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;

namespace Zhizao.Cli;

/// <summary>
/// Sends points to a running server's HTTP ingest endpoint as JSON lines, so that <c>zhizao ingest</c> works while
/// the server holds the store. Each call returns after the server acknowledged (i.e. stored) the chunk.
/// </summary>
public sealed class HttpPointIngestor(string baseUrl, string key) : IPointIngestor, IDisposable
{
    private readonly HttpClient _http = ApiClient.CreateHttpClient(baseUrl, key);

    public async Task<IngestResult> IngestAsync(IReadOnlyList<IncomingPoint> points, string source, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return IngestResult.Empty;
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            foreach (var p in points)
            {
                json.WriteStartObject();
                json.WriteString("signal", p.Signal);
                json.WriteString("ts", p.Timestamp);
                switch (p.Value.Kind)
                {
                    case RawValueKind.Number when double.IsFinite(p.Value.Number):
                        json.WriteNumber("value", p.Value.Number);
                        break;
                    case RawValueKind.Number:
                        // JSON has no NaN/∞: send them as text so the server rejects and quarantines them visibly.
                        json.WriteString("value", p.Value.Number.ToString(CultureInfo.InvariantCulture));
                        break;
                    case RawValueKind.Bool:
                        json.WriteBoolean("value", p.Value.Number != 0);
                        break;
                    case RawValueKind.Text:
                        json.WriteString("value", p.Value.Text);
                        break;
                    default:
                        json.WriteNull("value");
                        break;
                }
                if (p.Unit is not null)
                    json.WriteString("unit", p.Unit);
                json.WriteEndObject();
                json.Flush();
                body.WriteByte((byte)'\n');
                // One JSON document per line: without a reset the writer refuses a second top-level object.
                json.Reset();
            }
        }
        body.Position = 0;
        using var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await Send(() => _http.PostAsync("api/v1/ingest", content, cancellationToken));
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (response.StatusCode == HttpStatusCode.BadRequest && node?["rejected"] is not null)
            return new IngestResult(0, 0, node["rejected"]!.GetValue<int>(), ReadRejections(node["rejections"]));
        if (!response.IsSuccessStatusCode)
            throw new ApiException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? ExitCodes.Unreachable : ExitCodes.Failure,
                $"{(int)response.StatusCode} {node?["title"]}: {node?["detail"]}");
        return new IngestResult(node!["accepted"]!.GetValue<int>(), node["duplicates"]!.GetValue<int>(), node["rejected"]!.GetValue<int>(), ReadRejections(node["rejections"]));
    }

    /// <summary>Rows that could not be parsed are reported by the server's own quarantine; here they are only counted by the importer.</summary>
    public Task RejectPayloadAsync(RejectedPoint rejection, CancellationToken cancellationToken)
    {
        CliOutput.WriteError("rejected", rejection.Message);
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(ExitCodes.Unreachable, $"cannot reach {_http.BaseAddress}: {e.Message} (is 'zhizao up' running? or use --local)");
        }
    }

    private static List<RejectedPoint> ReadRejections(JsonNode? rejections) =>
        [.. (rejections?.AsArray() ?? []).OfType<JsonObject>().Select(r => new RejectedPoint(
            DateTimeOffset.UtcNow, "http", Enum.TryParse<RejectReason>(r["reason"]?.ToString(), out var reason) ? reason : RejectReason.Malformed,
            r["message"]?.ToString() ?? "", r["signal"]?.ToString()))];

    public void Dispose() => _http.Dispose();
}
