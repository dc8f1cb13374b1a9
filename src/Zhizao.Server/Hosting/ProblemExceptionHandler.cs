using Microsoft.AspNetCore.Diagnostics;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;
using Zhizao.Ingestion;

namespace Zhizao.Server.Hosting;

/// <summary>Maps exceptions to ProblemDetails in one place: oversize bodies, bad JSON, store outages, and bugs (500, logged).</summary>
public sealed partial class ProblemExceptionHandler(IPointIngestor ingestor, TimeProvider time, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result;
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e:
                await ingestor.RejectPayloadAsync(new RejectedPoint(time.GetUtcNow(), $"http:{httpContext.User.Identity?.Name ?? "anonymous"}", RejectReason.Oversize,
                    $"{httpContext.Request.Path}: {e.Message}"), CancellationToken.None);
                result = Results.Problem(statusCode: 413, title: "Payload too large", type: Problems.Type("payload-too-large"), detail: e.Message);
                break;
            case BadHttpRequestException e:
                result = Results.Problem(statusCode: e.StatusCode, title: "Bad request", type: Problems.Type("bad-request"), detail: e.Message);
                break;
            case StoreUnavailableException e:
                result = Results.Problem(statusCode: 503, title: "Store unavailable", type: Problems.Type("store-unavailable"), detail: e.Message);
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                LogUnhandled(logger, httpContext.Request.Path, exception);
                result = Results.Problem(statusCode: 500, title: "Internal error", type: Problems.Type("internal"), detail: "an unexpected error occurred; it was logged");
                break;
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception exception);
}
