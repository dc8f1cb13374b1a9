using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Zhizao.Models;

/// <summary>
/// A model registry on a directory (the action plan's 模型公共服务平台 in miniature). Each model has immutable versions
/// 1, 2, 3…, each a folder <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/</c> holding its artifacts and <c>card.json</c>.
/// A version is assembled in a hidden staging folder and renamed into place, so readers never see half a version;
/// mutations of one model are serialised by an in-process gate and an exclusive lock file (<c>.lock</c>), so concurrent
/// registrations, also from other processes, get distinct versions. Deleted versions leave a tombstone so that their
/// numbers are never reused. Artifacts are checked against their SHA-256 whenever they are opened.
/// </summary>
public sealed partial class ModelRegistry
{
    /// <summary>File name of the model card inside a version folder.</summary>
    public const string CardFileName = "card.json";

    /// <summary>Version alias: the highest registered version.</summary>
    public const string Latest = "latest";

    /// <summary>Version alias: the version in production.</summary>
    public const string Production = "production";

    /// <summary>Version alias: the highest version in staging.</summary>
    public const string Staging = "staging";

    private const string TombstoneSuffix = ".deleted";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a registry rooted at <paramref name="root"/> (created on first registration).</summary>
    public ModelRegistry(string root, TimeProvider timeProvider, ILogger<ModelRegistry>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger<ModelRegistry>.Instance;
    }

    /// <summary>The registry folder.</summary>
    public string Root { get; }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is 1–64 lower-case letters, digits, '-' or '_', starting with a letter.</summary>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid model name: use 1–64 lower-case letters, digits, '-' or '_', starting with a letter (e.g. cmapss-rul)", nameof(name));
    }

    /// <summary>Stores a new version of <see cref="ModelRegistration.Name"/> and returns its card (stage <see cref="ModelStage.None"/>).</summary>
    /// <exception cref="ArgumentException">Invalid name, artifact name or schema.</exception>
    /// <exception cref="FileNotFoundException">An artifact source file does not exist.</exception>
    public async Task<ModelCard> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ValidateName(registration.Name);
        ValidateRegistration(registration);
        var modelDir = ModelDirectory(registration.Name);
        Directory.CreateDirectory(modelDir);
        var staging = Path.Combine(modelDir, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var artifacts = new List<ModelArtifactInfo>();
            foreach (var source in registration.Artifacts)
            {
                var target = Path.Combine(staging, source.FileName);
                await CopyAsync(source.SourcePath, target, cancellationToken).ConfigureAwait(false);
                var (hash, bytes) = await Sha256.OfFileAsync(target, cancellationToken).ConfigureAwait(false);
                artifacts.Add(new ModelArtifactInfo(source.FileName, hash, bytes));
            }
            await using var held = await ModelLock.AcquireAsync(modelDir, cancellationToken).ConfigureAwait(false);
            var version = Versions(modelDir, includeDeleted: true).DefaultIfEmpty(0).Max() + 1;
            var card = new ModelCard
            {
                Name = registration.Name,
                Version = version,
                Kind = registration.Kind,
                Framework = registration.Framework,
                Description = registration.Description,
                CreatedAt = _time.GetUtcNow(),
                TrainingDuration = registration.TrainingDuration,
                TrainingData = registration.TrainingData,
                Parameters = registration.Parameters,
                Input = registration.Input,
                Output = registration.Output,
                Artifacts = artifacts,
                Evaluations = registration.Evaluations,
            };
            await WriteCardAsync(staging, card, cancellationToken).ConfigureAwait(false);
            // rename(2) is atomic and refuses a non-empty target, so a lost race can never merge two versions.
            Directory.Move(staging, VersionDirectory(registration.Name, version));
            LogRegistered(_logger, card.Name, card.Version, card.ArtifactBytes);
            return card;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The cards of every version of <paramref name="name"/>, or of every model when <c>null</c>, by name then version.</summary>
    /// <exception cref="ModelNotFoundException">A named model that does not exist.</exception>
    public async Task<IReadOnlyList<ModelCard>> ListAsync(string? name, CancellationToken cancellationToken)
    {
        IEnumerable<string> names;
        if (name is not null)
        {
            ValidateName(name);
            if (!Directory.Exists(ModelDirectory(name)))
                throw new ModelNotFoundException(name, null, $"no model named '{name}' in {Root}");
            names = [name];
        }
        else
        {
            names = Directory.Exists(Root)
                ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(n => NamePattern().IsMatch(n)).Order(StringComparer.Ordinal)
                : [];
        }
        var cards = new List<ModelCard>();
        foreach (var model in names)
        {
            foreach (var version in Versions(ModelDirectory(model), includeDeleted: false).Order())
                cards.Add(await ReadCardAsync(model, version, cancellationToken).ConfigureAwait(false));
        }
        return cards;
    }

    /// <summary>
    /// The card of <paramref name="name"/> at <paramref name="version"/>: a number, <see cref="Latest"/>,
    /// <see cref="Production"/> or <see cref="Staging"/>.
    /// </summary>
    /// <exception cref="ModelNotFoundException">Unknown model or version, or no version in the asked stage.</exception>
    /// <exception cref="ArgumentException">Invalid name or version text.</exception>
    public async Task<ModelCard> GetAsync(string name, string version, CancellationToken cancellationToken)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(version);
        if (int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return await ReadCardAsync(name, number, cancellationToken).ConfigureAwait(false);
        var stage = version.ToLowerInvariant() switch
        {
            Latest => (ModelStage?)null,
            Production => ModelStage.Production,
            Staging => ModelStage.Staging,
            _ => throw new ArgumentException($"'{version}' is not a version: use a number, '{Latest}', '{Production}' or '{Staging}'", nameof(version)),
        };
        var cards = await ListAsync(name, cancellationToken).ConfigureAwait(false);
        return cards.LastOrDefault(c => stage is null || c.Stage == stage)
            ?? throw new ModelNotFoundException(name, version, stage is null ? $"model '{name}' has no versions" : $"model '{name}' has no version in {version}");
    }

    /// <summary>The card of <paramref name="name"/> at version number <paramref name="version"/>.</summary>
    /// <exception cref="ModelNotFoundException">Unknown model or version.</exception>
    public Task<ModelCard> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        ValidateName(name);
        return ReadCardAsync(name, version, cancellationToken);
    }

    /// <summary>
    /// Reads the artifact <paramref name="fileName"/> of a version into memory, checking its size and SHA-256
    /// against the card, and returns it positioned at the start.
    /// </summary>
    /// <exception cref="ModelNotFoundException">Unknown model, version or artifact.</exception>
    /// <exception cref="ModelIntegrityException">The stored file differs from the registered one.</exception>
    public async Task<MemoryStream> OpenArtifactAsync(string name, int version, string fileName, CancellationToken cancellationToken)
    {
        var card = await GetAsync(name, version, cancellationToken).ConfigureAwait(false);
        var expected = card.Artifact(fileName);
        var path = Path.Combine(VersionDirectory(name, version), expected.FileName);
        if (!File.Exists(path))
            throw new ModelIntegrityException(name, version, $"model {name} version {version}: artifact {fileName} is missing from {path}");
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var actual = Sha256.Of(content);
        if (content.LongLength != expected.Bytes || !string.Equals(actual, expected.Sha256, StringComparison.Ordinal))
        {
            LogTampered(_logger, name, version, fileName);
            throw new ModelIntegrityException(name, version,
                $"model {name} version {version}: artifact {fileName} was changed after registration (SHA-256 {actual}, {content.LongLength} bytes; registered {expected.Sha256}, {expected.Bytes} bytes)");
        }
        return new MemoryStream(content, writable: false);
    }

    /// <summary>Checks every artifact of a version against its card.</summary>
    /// <exception cref="ModelIntegrityException">An artifact differs from the registered one.</exception>
    public async Task VerifyAsync(string name, int version, CancellationToken cancellationToken)
    {
        var card = await GetAsync(name, version, cancellationToken).ConfigureAwait(false);
        foreach (var artifact in card.Artifacts)
            await (await OpenArtifactAsync(name, version, artifact.FileName, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Copies a checked artifact to <paramref name="destinationPath"/> (overwritten), e.g. to export <c>model.onnx</c>.</summary>
    public async Task ExportArtifactAsync(string name, int version, string fileName, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        using var content = await OpenArtifactAsync(name, version, fileName, cancellationToken).ConfigureAwait(false);
        var target = new FileStream(destinationPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (target.ConfigureAwait(false))
            await content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves a version to <paramref name="stage"/>. Promoting to <see cref="ModelStage.Production"/> archives the
    /// version that was in production, so that at most one version is.
    /// </summary>
    public async Task<ModelCard> SetStageAsync(string name, int version, ModelStage stage, CancellationToken cancellationToken)
    {
        ValidateName(name);
        if (!Enum.IsDefined(stage))
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage");
        var modelDir = ExistingModelDirectory(name);
        await using var held = await ModelLock.AcquireAsync(modelDir, cancellationToken).ConfigureAwait(false);
        var card = await ReadCardAsync(name, version, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (stage == ModelStage.Production)
        {
            foreach (var other in Versions(modelDir, includeDeleted: false).Where(v => v != version))
            {
                var otherCard = await ReadCardAsync(name, other, cancellationToken).ConfigureAwait(false);
                if (otherCard.Stage == ModelStage.Production)
                {
                    await WriteCardAsync(VersionDirectory(name, other), otherCard with { Stage = ModelStage.Archived, StageChangedAt = now }, cancellationToken).ConfigureAwait(false);
                    LogStageChanged(_logger, name, other, ModelStage.Archived);
                }
            }
        }
        var updated = card with { Stage = stage, StageChangedAt = now };
        await WriteCardAsync(VersionDirectory(name, version), updated, cancellationToken).ConfigureAwait(false);
        LogStageChanged(_logger, name, version, stage);
        return updated;
    }

    /// <summary>Appends an evaluation to a version's card and returns the updated card.</summary>
    public async Task<ModelCard> AddEvaluationAsync(string name, int version, ModelEvaluation evaluation, CancellationToken cancellationToken)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(evaluation);
        var modelDir = ExistingModelDirectory(name);
        await using var held = await ModelLock.AcquireAsync(modelDir, cancellationToken).ConfigureAwait(false);
        var card = await ReadCardAsync(name, version, cancellationToken).ConfigureAwait(false);
        var updated = card with { Evaluations = [.. card.Evaluations, evaluation] };
        await WriteCardAsync(VersionDirectory(name, version), updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Deletes a version that is not in production; its number is never given out again.</summary>
    /// <exception cref="ModelStageException">The version is in production.</exception>
    public async Task DeleteAsync(string name, int version, CancellationToken cancellationToken)
    {
        ValidateName(name);
        var modelDir = ExistingModelDirectory(name);
        await using var held = await ModelLock.AcquireAsync(modelDir, cancellationToken).ConfigureAwait(false);
        var card = await ReadCardAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (card.Stage == ModelStage.Production)
            throw new ModelStageException($"model {name} version {version} is in production: promote another version or archive it before deleting");
        var tombstone = Path.Combine(modelDir, $"{version.ToString(CultureInfo.InvariantCulture)}{TombstoneSuffix}");
        Directory.Move(VersionDirectory(name, version), tombstone);
        foreach (var file in Directory.EnumerateFiles(tombstone))
            File.Delete(file);
        LogDeleted(_logger, name, version);
    }

    private string ModelDirectory(string name) => Path.Combine(Root, name);

    private string ExistingModelDirectory(string name)
    {
        var dir = ModelDirectory(name);
        return Directory.Exists(dir) ? dir : throw new ModelNotFoundException(name, null, $"no model named '{name}' in {Root}");
    }

    private string VersionDirectory(string name, int version) =>
        Path.Combine(ModelDirectory(name), version.ToString(CultureInfo.InvariantCulture));

    private static IEnumerable<int> Versions(string modelDir, bool includeDeleted)
    {
        if (!Directory.Exists(modelDir))
            yield break;
        foreach (var dir in Directory.EnumerateDirectories(modelDir))
        {
            var leaf = Path.GetFileName(dir);
            if (includeDeleted && leaf.EndsWith(TombstoneSuffix, StringComparison.Ordinal))
                leaf = leaf[..^TombstoneSuffix.Length];
            if (int.TryParse(leaf, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
                yield return version;
        }
    }

    private async Task<ModelCard> ReadCardAsync(string name, int version, CancellationToken cancellationToken)
    {
        var versionText = version.ToString(CultureInfo.InvariantCulture);
        var path = Path.Combine(VersionDirectory(name, version), CardFileName);
        if (!File.Exists(path))
        {
            throw Directory.Exists(ModelDirectory(name))
                ? new ModelNotFoundException(name, versionText, $"model '{name}' has no version {versionText}")
                : new ModelNotFoundException(name, versionText, $"no model named '{name}' in {Root}");
        }
        ModelCard? card;
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
                card = await JsonSerializer.DeserializeAsync<ModelCard>(stream, ModelJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ModelIntegrityException(name, version, $"model {name} version {version}: {CardFileName} is not a valid model card ({e.Message})");
        }
        if (card is null || card.Name != name || card.Version != version)
            throw new ModelIntegrityException(name, version, $"model {name} version {version}: {CardFileName} describes {card?.Name} version {card?.Version}");
        return card;
    }

    private static async Task WriteCardAsync(string versionDir, ModelCard card, CancellationToken cancellationToken)
    {
        // Written beside and renamed over, so a reader sees the old card or the new one, never half of one.
        var temp = Path.Combine(versionDir, $".{CardFileName}.{Guid.NewGuid():N}");
        var stream = File.Create(temp);
        await using (stream.ConfigureAwait(false))
            await JsonSerializer.SerializeAsync(stream, card, ModelJson.Options, cancellationToken).ConfigureAwait(false);
        File.Move(temp, Path.Combine(versionDir, CardFileName), overwrite: true);
    }

    private static async Task CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
            throw new FileNotFoundException($"artifact source {source} does not exist", source);
        var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (output.ConfigureAwait(false))
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ValidateRegistration(ModelRegistration registration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Kind, nameof(registration.Kind));
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Framework, nameof(registration.Framework));
        ArgumentNullException.ThrowIfNull(registration.TrainingData, nameof(registration.TrainingData));
        ArgumentNullException.ThrowIfNull(registration.Input, nameof(registration.Input));
        ArgumentNullException.ThrowIfNull(registration.Output, nameof(registration.Output));
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Input.TensorName, "Input.TensorName");
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Output.TensorName, "Output.TensorName");
        if (registration.Input.FeatureCount == 0)
            throw new ArgumentException("the input schema names no features", nameof(registration));
        if (registration.Artifacts is not { Count: > 0 })
            throw new ArgumentException("a model version needs at least one artifact", nameof(registration));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifact in registration.Artifacts)
        {
            if (!ArtifactPattern().IsMatch(artifact.FileName) || artifact.FileName == CardFileName)
                throw new ArgumentException($"'{artifact.FileName}' is not a valid artifact file name: use a plain name such as model.onnx (not {CardFileName})", nameof(registration));
            if (!seen.Add(artifact.FileName))
                throw new ArgumentException($"artifact '{artifact.FileName}' is given twice", nameof(registration));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ArtifactPattern();

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Model {Name} version {Version} registered ({Bytes} bytes of artifacts)")]
    private static partial void LogRegistered(ILogger logger, string name, int version, long bytes);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Model {Name} version {Version} moved to stage {Stage}")]
    private static partial void LogStageChanged(ILogger logger, string name, int version, ModelStage stage);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Model {Name} version {Version} deleted")]
    private static partial void LogDeleted(ILogger logger, string name, int version);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Model {Name} version {Version}: artifact {FileName} does not match its registered SHA-256")]
    private static partial void LogTampered(ILogger logger, string name, int version, string fileName);
}
