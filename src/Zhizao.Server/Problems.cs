namespace Zhizao.Server;

/// <summary>Stable problem types (RFC 9457 <c>type</c>) for every error kind the API returns.</summary>
public static class Problems
{
    /// <summary>The type URI of an error kind, e.g. <c>urn:zhizao:problem:unknown-signal</c>.</summary>
    public static string Type(string kind) => $"urn:zhizao:problem:{kind}";

    /// <summary>A 400 with a stable type.</summary>
    public static IResult BadRequest(string kind, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: 400, title: "Bad request", type: Type(kind), detail: detail, extensions: extensions);

    /// <summary>A 404 with a stable type.</summary>
    public static IResult NotFound(string kind, string detail) =>
        Results.Problem(statusCode: 404, title: "Not found", type: Type(kind), detail: detail);

    /// <summary>A 409 with a stable type.</summary>
    public static IResult Conflict(string kind, string detail) =>
        Results.Problem(statusCode: 409, title: "Conflict", type: Type(kind), detail: detail);
}
