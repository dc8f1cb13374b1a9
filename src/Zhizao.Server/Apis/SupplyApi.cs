using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Zhizao.Agents.Supply.Agent;
using Zhizao.Agents.Supply.Data;

namespace Zhizao.Server.Apis;

/// <summary>Bounds of the supply data-set uploads (configuration section "Zhizao:Supply").</summary>
public sealed class SupplyApiOptions
{
    /// <summary>Largest demand or inventory CSV upload in bytes (default 50 MB); it replaces the server's body limit on these routes.</summary>
    public long MaxDatasetBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The problems of the options.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxDatasetBytes is < 1024 or > 1024L * 1024 * 1024)
            yield return "Zhizao:Supply:MaxDatasetBytes must be in [1 KiB, 1 GiB]";
    }
}

/// <summary>
/// Supply data sets (供应数据集): demand and inventory CSV files uploaded for the supply agent's skills, which read them by
/// name (<c>"source": "dataset"</c>). A file is read (and repaired, each repair reported) at upload; a file that cannot be
/// read as demand is refused with its findings (line, column, value). Uploads and deletions need an operator or above;
/// any authenticated caller may read.
/// </summary>
public static class SupplyApi
{
    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/octet-stream"];

    /// <summary>Maps the routes under <c>/api/v1/supply/datasets</c>.</summary>
    public static RouteGroupBuilder MapSupplyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/supply/datasets").WithTags("Supply").RequireAuthorization();
        group.MapGet("/", List).WithName("ListSupplyDatasets").WithSummary("The uploaded supply data sets with their counts and findings");
        group.MapGet("/{name}", Get).WithName("GetSupplyDataset").WithSummary("One data set: what was accepted and what was found (repairs, rejected lines)");
        group.MapPut("/{name}", PutDemand).WithName("PutSupplyDemand").RequireAuthorization(Policies.Operator).WithCsvBody()
            .WithSummary("Upload (or replace) a data set's demand CSV (item,date,quantity or date,<item>,…): 201 when new, 200 when replaced, 400 with the findings when refused");
        group.MapPut("/{name}/inventory", PutInventory).WithName("PutSupplyInventory").RequireAuthorization(Policies.Operator).WithCsvBody()
            .WithSummary("Upload (or replace) a data set's inventory CSV (item,on_hand,lead_time_days[,service_level,moq,pack_size,…])");
        group.MapDelete("/{name}", Delete).WithName("DeleteSupplyDataset").RequireAuthorization(Policies.Operator).WithSummary("Delete a data set");
        return group;
    }

    internal static async Task<IResult> List(SupplyDatasets datasets, CancellationToken cancellationToken) =>
        Results.Ok(await datasets.ListAsync(cancellationToken));

    internal static async Task<IResult> Get(string name, SupplyDatasets datasets, CancellationToken cancellationToken) =>
        await datasets.GetAsync(name, cancellationToken) is { } info ? Results.Ok(info) : NoDataset(name);

    internal static async Task<IResult> Delete(string name, SupplyDatasets datasets, CancellationToken cancellationToken) =>
        await datasets.DeleteAsync(name, cancellationToken) ? Results.NoContent() : NoDataset(name);

    internal static Task<IResult> PutDemand(string name, HttpContext context, SupplyDatasets datasets, SupplyApiOptions options, CancellationToken cancellationToken) =>
        UploadAsync(name, context, options, "demand", async (stream, file, readOptions) =>
        {
            var demand = await DemandFile.ReadAsync(stream, file, readOptions, cancellationToken);
            return await datasets.PutDemandAsync(name, demand, Uploader(context), cancellationToken);
        });

    internal static Task<IResult> PutInventory(string name, HttpContext context, SupplyDatasets datasets, SupplyApiOptions options, CancellationToken cancellationToken) =>
        UploadAsync(name, context, options, "inventory", async (stream, file, readOptions) =>
        {
            if (await datasets.GetAsync(name, cancellationToken) is null)
                return new DatasetWrite(null, false, "not-found");
            var inventory = await InventoryFile.ReadAsync(stream, file, readOptions, cancellationToken);
            return await datasets.PutInventoryAsync(name, inventory, Uploader(context), cancellationToken);
        });

    /// <summary>
    /// Checks the name and media type, bounds the body (Kestrel answers 413 beyond it; the reader refuses a file that
    /// passes it as it streams), reads and stores the file, and maps the outcome to HTTP.
    /// </summary>
    private static async Task<IResult> UploadAsync(string name, HttpContext context, SupplyApiOptions options, string what,
        Func<Stream, string, SupplyFileOptions, Task<DatasetWrite>> store)
    {
        if (!SupplyDatasets.IsValidName(name))
            return Problems.BadRequest("invalid-dataset-name", $"'{name}' is not a data-set name: 1 to {SupplyDatasets.MaxNameLength} letters, digits, '.', '_' or '-', starting with a letter or digit");
        if (!IsCsv(context.Request.ContentType))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", type: Problems.Type("unsupported-media-type"),
                detail: $"the body must be a CSV file ({string.Join(", ", CsvMediaTypes)}), not '{context.Request.ContentType}'");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxDatasetBytes;
        if (context.Request.ContentLength > options.MaxDatasetBytes)
            return TooLarge($"the {what} file is {context.Request.ContentLength:N0} bytes, over the bound of {options.MaxDatasetBytes:N0} bytes; split it or aggregate the rows");
        var readOptions = new SupplyFileOptions { MaxBytes = options.MaxDatasetBytes };
        DatasetWrite written;
        try
        {
            written = await store(context.Request.Body, $"{name}.{what}.csv", readOptions);
        }
        catch (SupplyFileException e) when (e.Findings.Any(f => f.Kind == FindingKind.FileTooLarge))
        {
            return TooLarge(e.Findings.First(f => f.Kind == FindingKind.FileTooLarge).ToString());
        }
        catch (SupplyFileException e)
        {
            return Problems.BadRequest($"invalid-{what}-file", $"the {what} file was refused: " + string.Join(" ", e.Findings.Where(f => f.Severity == FindingSeverity.Error).Take(5)),
                new Dictionary<string, object?> { ["findings"] = e.Findings });
        }
        return written switch
        {
            { Error: "not-found" } => NoDataset(name),
            { Error: not null } => Problems.Conflict("dataset-conflict", $"data set '{name}' was changed by another upload at the same time; send it again"),
            { Created: true } => Results.Created($"/api/v1/supply/datasets/{name}", written.Dataset),
            _ => Results.Ok(written.Dataset),
        };
    }

    private static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", type: Problems.Type("payload-too-large"), detail: detail);

    private static IResult NoDataset(string name) =>
        Problems.NotFound("unknown-dataset", $"there is no supply data set '{name}'; upload its demand with PUT /api/v1/supply/datasets/{name}");

    private static string Uploader(HttpContext context) => context.User.Identity?.Name ?? "unknown";

    private static bool IsCsv(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed) && CsvMediaTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase));

    private static RouteHandlerBuilder WithCsvBody(this RouteHandlerBuilder route) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
            return Task.CompletedTask;
        });
}
