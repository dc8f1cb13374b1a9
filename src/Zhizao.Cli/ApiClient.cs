using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhizao.Cli;

/// <summary>A failed API call, with the exit code it maps to.</summary>
public sealed class ApiException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Calls the Zhizao HTTP API with an API key; turns ProblemDetails into readable errors.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(string baseUrl, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new ApiException(ExitCodes.InvalidInput, "no API key: pass --key or set ZHIZAO_KEY (the admin key is printed by 'zhizao up' on first start)");
        _http = CreateHttpClient(baseUrl, key);
    }

    /// <summary>An HTTP client for the API at <paramref name="baseUrl"/> that sends <paramref name="key"/> as a bearer token.</summary>
    public static HttpClient CreateHttpClient(string baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonNode?> PostAsync(string path, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);

    /// <summary>Sends a JSON body with any method (POST, PATCH).</summary>
    public Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") }, cancellationToken);

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(ExitCodes.Unreachable, $"cannot reach {_http.BaseAddress}: {e.Message} (is 'zhizao up' running? set --server or ZHIZAO_URL)");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return text.Length == 0 ? null : JsonNode.Parse(text);
            var detail = text;
            try
            {
                var problem = JsonNode.Parse(text);
                detail = $"{problem?["title"]}: {problem?["detail"]}";
                if (problem?["errors"] is JsonArray errors)
                    detail += Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => $"  {e?["file"]}: {e?["path"]}: {e?["message"]}"));
            }
            catch (JsonException)
            {
            }
            var code = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unreachable,
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.RequestEntityTooLarge => ExitCodes.InvalidInput,
                _ => ExitCodes.Failure,
            };
            throw new ApiException(code, $"{(int)response.StatusCode} {detail}");
        }
    }

    public void Dispose() => _http.Dispose();
}
