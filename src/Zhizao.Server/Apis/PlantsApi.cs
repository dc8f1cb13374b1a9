using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;

namespace Zhizao.Server.Apis;

/// <summary>Plants: list, get, import or update a plant file (JSON or YAML), the published schema, and the signal catalog.</summary>
public static class PlantsApi
{
    public static RouteGroupBuilder MapPlantsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/plants").WithTags("Plants").RequireAuthorization();
        group.MapGet("/", ListPlants).WithName("ListPlants").WithSummary("List imported plants");
        group.MapGet("/schema", GetSchema).WithName("GetPlantSchema").WithSummary("The JSON schema of plant files");
        group.MapGet("/{id}", GetPlant).WithName("GetPlant").WithSummary("One plant as a plant file");
        group.MapPost("/", ImportPlant).WithName("ImportPlant").WithSummary("Import or update a plant file (JSON, or YAML with Content-Type application/yaml)")
            .RequireAuthorization(Policies.Engineer);
        routes.MapGet("/api/v1/signals", ListSignals).WithTags("Plants").WithName("ListSignals").WithSummary("Every signal with its id, path, unit and range").RequireAuthorization();
        return group;
    }

    internal static async Task<Ok<PlantSummary[]>> ListPlants(IStore store, CancellationToken cancellationToken)
    {
        var plants = await store.Metadata.ListPlantsAsync(cancellationToken);
        return TypedResults.Ok(plants.Select(PlantSummary.From).ToArray());
    }

    internal static IResult GetSchema() => Results.Text(PlantFile.SchemaText, "application/schema+json", Encoding.UTF8);

    internal static async Task<IResult> GetPlant(string id, IStore store, CancellationToken cancellationToken)
    {
        var plant = (await store.Metadata.ListPlantsAsync(cancellationToken)).FirstOrDefault(p => p.Plant.Id == id);
        return plant is null ? Problems.NotFound("unknown-plant", $"no plant '{id}'") : Results.Text(PlantFile.ToJson(plant.Plant), "application/json", Encoding.UTF8);
    }

    internal static async Task<IResult> ImportPlant(HttpRequest request, PlantImporter importer, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var isYaml = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
        var name = request.Headers["X-File-Name"].ToString() is { Length: > 0 } fileName ? Path.GetFileName(fileName) : isYaml ? "request.yaml" : "request.json";
        var result = await importer.ImportAsync(name, text, cancellationToken);
        return result.Match(
            record => Results.Ok(PlantSummary.From(record)),
            errors => Problems.BadRequest("invalid-plant-file", $"{errors.Count} problem(s) in {name}; nothing was imported",
                new Dictionary<string, object?> { ["errors"] = errors }),
            conflict => Problems.Conflict("plant-conflict", conflict));
    }

    internal static async Task<Ok<SignalSummary[]>> ListSignals(IStore store, CancellationToken cancellationToken)
    {
        var signals = await store.Metadata.ListSignalsAsync(cancellationToken);
        return TypedResults.Ok(signals.Select(s => new SignalSummary(s.Id, s.Path.ToString(), s.PlantId, s.Definition.Unit,
            s.Definition.DataType.ToString().ToLowerInvariant(), s.Definition.SamplingPeriodSeconds, s.Definition.Normal, s.Definition.Description)).ToArray());
    }
}

/// <summary>A plant in lists.</summary>
public sealed record PlantSummary(string Id, LocalizedText? Name, int Revision, int Sites, int Machines, int Signals, DateTimeOffset UpdatedAt)
{
    public static PlantSummary From(PlantRecord record) => new(
        record.Plant.Id, record.Plant.Name, record.Plant.Revision, record.Plant.Sites.Count,
        record.Plant.Sites.Sum(s => s.Lines.Sum(l => l.Machines.Count)), record.Plant.AllSignals().Count(), record.UpdatedAt);
}

/// <summary>A signal in lists.</summary>
public sealed record SignalSummary(int Id, string Path, string Plant, string Unit, string DataType, double SamplingPeriodSeconds, NormalRange? Normal, LocalizedText Description);
