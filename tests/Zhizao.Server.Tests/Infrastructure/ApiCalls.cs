using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>The API calls the tests make, with the checks every caller would repeat.</summary>
internal static class ApiCalls
{
    /// <summary>Times far enough in the past to be accepted, and on a minute boundary so that buckets are predictable.</summary>
    public static DateTimeOffset MinuteAgo(int minutes)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-minutes);
    }

    /// <summary>RFC 3339 text of a time, for query strings.</summary>
    public static string Rfc3339(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture));

    public static Task<HttpResponseMessage> PostPlantAsync(this HttpClient http, string text, string contentType = "application/json", string? fileName = null)
    {
        var content = new StringContent(text, Encoding.UTF8, contentType);
        if (fileName is not null)
            content.Headers.Add("X-File-Name", fileName);
        return http.PostAsync("api/v1/plants", content);
    }

    /// <summary>Imports a plant and returns its summary; fails the test unless the server answers 200.</summary>
    public static async Task<JsonObject> ImportPlantAsync(this HttpClient http, TestPlant plant)
    {
        using var response = await http.PostPlantAsync(plant.Json());
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Creates an API key; returns its id and full text.</summary>
    public static async Task<(string Id, string Key)> CreateKeyAsync(this HttpClient admin, string name, string role)
    {
        using var response = await admin.PostAsJsonAsync("api/v1/keys", new { name, role });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return (body["id"]!.GetValue<string>(), body["key"]!.GetValue<string>());
    }

    /// <summary>One JSON line {"signal","ts","value"}; <paramref name="value"/> is written as given (number, string, bool or null).</summary>
    public static string Line(string signal, DateTimeOffset ts, object? value) =>
        JsonSerializer.Serialize(new { signal, ts = ts.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), value });

    public static Task<HttpResponseMessage> IngestAsync(this HttpClient http, IEnumerable<string> lines, string contentType = "application/x-ndjson") =>
        http.PostAsync("api/v1/ingest", new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, contentType));

    /// <summary>Ingests lines and returns the response body; fails the test unless the server answers 200.</summary>
    public static async Task<JsonObject> IngestOkAsync(this HttpClient http, IEnumerable<string> lines)
    {
        using var response = await http.IngestAsync(lines);
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>GETs JSON; fails the test unless the server answers 200.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Raw points of a signal in [from, to) as (time, value).</summary>
    public static async Task<List<(DateTimeOffset Ts, double Value)>> RawAsync(this HttpClient http, string signal, DateTimeOffset from, DateTimeOffset to, int limit = 10_000)
    {
        var body = await http.GetJsonAsync($"api/v1/points/raw?signal={Uri.EscapeDataString(signal)}&from={Rfc3339(from)}&to={Rfc3339(to)}&limit={limit}");
        return [.. body["points"]!.AsArray().Select(p => (p!["ts"]!.GetValue<DateTimeOffset>(), p["value"]!.GetValue<double>()))];
    }

    /// <summary>Quarantine entries of one source, newest first.</summary>
    public static async Task<JsonArray> QuarantineAsync(this HttpClient http, string source) =>
        (await http.GetJsonAsync($"api/v1/quarantine?source={Uri.EscapeDataString(source)}&limit=1000")).AsArray();

    /// <summary>Reads a JSON object body after checking the status code.</summary>
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Checks that the response is an RFC 9457 problem with <paramref name="status"/> (and <paramref name="kind"/> as urn:zhizao:problem:KIND); returns it.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? kind = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}";
        Assert.True(response.StatusCode == status, $"expected {(int)status}; {what}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"expected application/problem+json; {what}");
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), what);
        if (kind is not null)
            Assert.Equal($"urn:zhizao:problem:{kind}", problem["type"]?.GetValue<string>());
        return problem;
    }

    /// <summary>A request with a body that authentication will never read.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string mediaType = "application/json") =>
        new(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType) };

    /// <summary>A bearer header for a request.</summary>
    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
