using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Semver;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Registry.Catalog;

/// <summary>Registry changes: publish, lifecycle, install, review, external registration and heartbeats.</summary>
public sealed partial class AgentRegistry
{
    /// <summary>Longest card accepted (bytes of JSON).</summary>
    public const int MaxCardBytes = 256 * 1024;

    /// <summary>Longest registration lease.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromHours(1);

    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+/[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex AgentIdPattern();

    /// <summary>
    /// Publishes (or drafts) a version from a signed card. The card's Zhizao extension names the agent id; the signature must verify with a
    /// key of that id's publisher from the trust roots; the caller must publish for that publisher's workspace; a version that is not a
    /// draft is never replaced.
    /// </summary>
    public async Task<RegistryResult<VersionRecord>> PublishAsync(
        Principal caller, JsonObject cardJson, string visibility, IReadOnlyList<string>? sharedWith, bool draft, CancellationToken cancellationToken)
    {
        var (card, extension, error) = ReadCard(cardJson);
        var target = extension?.Id is { } id ? $"{id}@{card?.Version}" : "(invalid card)";
        if (error is not null)
            return await DenyAsync(caller, "publish", target, error, cancellationToken);
        if (!Visibility.All.Contains(visibility))
            return await DenyAsync(caller, "publish", target, new RegistryError("invalid-visibility", $"visibility must be one of {string.Join(", ", Visibility.All)}", 400), cancellationToken);
        var publisher = extension!.Publisher;
        if (!Scopes.Allows(caller, Scopes.RegistryPublish) || (trust.OwnerOf(publisher) != caller.Workspace && !Scopes.Allows(caller, Scopes.RegistryAdmin)))
            return await DenyAsync(caller, "publish", target, new RegistryError("forbidden",
                $"'{caller.Id}' may not publish for '{publisher}' (needs '{Scopes.RegistryPublish}' in the publisher's workspace)", 403), cancellationToken);
        var check = trust.Verify(cardJson, publisher);
        if (!check.Valid)
            return await DenyAsync(caller, "publish", target, new RegistryError(check.ErrorType ?? "signature-invalid", check.Message ?? "the card's signature does not verify", 400), cancellationToken);

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_agents.TryGetValue(extension.Id, out var state))
            {
                if (state.Record.Kind == AgentKinds.BuiltIn)
                    return await DenyAsync(caller, "publish", target, new RegistryError("forbidden", $"'{extension.Id}' is a built-in agent", 403), cancellationToken);
                if (state.Versions.TryGetValue(card!.Version, out var existing) && existing.Record.Status != Lifecycle.Draft)
                    return await DenyAsync(caller, "publish", target, new RegistryError("version-immutable",
                        $"{target} is already {existing.Record.Status}; published versions never change: publish a new version", 409), cancellationToken);
            }
            else
            {
                var record = new AgentRecord(extension.Id, publisher, AgentKinds.External, caller.Workspace, visibility, now)
                {
                    SharedWith = sharedWith ?? [],
                    PinnedKeyId = check.KeyId,
                };
                if (!await store.Documents.TryInsertAsync(AgentsCollection, record.Id, JsonSerializer.Serialize(record, Json), now, cancellationToken))
                    return new RegistryError("conflict", $"'{record.Id}' was registered concurrently; retry", 409);
                state = new AgentState(record, 1, null);
                _agents[record.Id] = state;
            }
            var version = new VersionRecord(extension.Id, card!.Version, cardJson, draft ? Lifecycle.Draft : Lifecycle.Published, caller.Id, now);
            var key = $"{version.AgentId}@{version.Version}";
            var written = state.Versions.TryGetValue(version.Version, out var draftVersion)
                ? await store.Documents.PutAsync(VersionsCollection, key, JsonSerializer.Serialize(version, Json), draftVersion.Revision, now, cancellationToken)
                : await store.Documents.TryInsertAsync(VersionsCollection, key, JsonSerializer.Serialize(version, Json), now, cancellationToken);
            if (!written)
                return await DenyAsync(caller, "publish", target, new RegistryError("version-immutable", $"{target} was written concurrently and is not replaced", 409), cancellationToken);
            state.Versions[version.Version] = (version, (draftVersion.Revision) + 1);
            _checks.TryRemove(key, out _);
            await AuditAsync(caller, draft ? "draft" : "publish", target, AuditDecisions.Changed, null, $"signed with {check.KeyId}", cancellationToken);
            Touch(version.AgentId);
            return version;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Moves a version through its lifecycle. Suspending and reinstating a suspended version need <c>registry:admin</c>.</summary>
    public async Task<RegistryResult<VersionRecord>> ChangeStatusAsync(Principal caller, string id, string version, string status, string? reason, CancellationToken cancellationToken)
    {
        var target = $"{id}@{version}";
        if (!_agents.TryGetValue(id, out var state) || !IsVisible(caller, state.Record) || !state.Versions.TryGetValue(version, out var current))
            return await DenyAsync(caller, "lifecycle", target, new RegistryError("not-found", $"no agent version {target}", 404), cancellationToken);
        if (!Lifecycle.All.Contains(status))
            return await DenyAsync(caller, "lifecycle", target, new RegistryError("invalid-status", $"status must be one of {string.Join(", ", Lifecycle.All)}", 400), cancellationToken);
        var admin = Scopes.Allows(caller, Scopes.RegistryAdmin);
        var owner = state.Record.OwnerWorkspace == caller.Workspace && Scopes.Allows(caller, Scopes.RegistryPublish);
        if (state.Record.Kind == AgentKinds.BuiltIn || !(admin || (owner && status != Lifecycle.Suspended && current.Record.Status != Lifecycle.Suspended)))
            return await DenyAsync(caller, "lifecycle", target, new RegistryError("forbidden",
                state.Record.Kind == AgentKinds.BuiltIn ? $"'{id}' is built in" : $"'{caller.Id}' may not move {target} to {status}", 403), cancellationToken);
        if (!Lifecycle.CanMove(current.Record.Status, status))
            return await DenyAsync(caller, "lifecycle", target, new RegistryError("invalid-transition", $"{target} cannot go from {current.Record.Status} to {status}", 409), cancellationToken);
        var changed = current.Record with { Status = status, StatusChangedAt = time.GetUtcNow(), StatusReason = reason is { Length: > 500 } ? reason[..500] : reason };
        if (!await store.Documents.PutAsync(VersionsCollection, target, JsonSerializer.Serialize(changed, Json), current.Revision, time.GetUtcNow(), cancellationToken))
            return new RegistryError("conflict", $"{target} changed concurrently; read it again", 409);
        state.Versions[version] = (changed, current.Revision + 1);
        await AuditAsync(caller, "lifecycle", target, AuditDecisions.Changed, null, $"{current.Record.Status} -> {status}", cancellationToken);
        Touch(id);
        return changed;
    }

    /// <summary>Installs a version (default: the latest published) into the caller's workspace with a configuration and bounds.</summary>
    public async Task<RegistryResult<InstallationRecord>> InstallAsync(
        Principal caller, string id, string? version, JsonObject? configuration, InstallationBounds? bounds, CancellationToken cancellationToken)
    {
        if (!Scopes.Allows(caller, Scopes.RegistryInstall))
            return await DenyAsync(caller, "install", id, new RegistryError("forbidden", $"'{caller.Id}' may not install agents (needs '{Scopes.RegistryInstall}')", 403), cancellationToken);
        var view = Get(caller, id);
        if (view is null)
            return await DenyAsync(caller, "install", id, new RegistryError("not-found", $"no agent '{id}'", 404), cancellationToken);
        var chosen = version ?? view.Latest.Version;
        var versionRecord = GetVersion(caller, id, chosen);
        if (versionRecord is null || versionRecord.Status != Lifecycle.Published)
            return await DenyAsync(caller, "install", $"{id}@{chosen}", new RegistryError("not-installable",
                versionRecord is null ? $"no version {chosen} of '{id}'" : $"{id}@{chosen} is {versionRecord.Status}; only published versions are installed", 409), cancellationToken);
        if (configuration is not null && configuration.ToJsonString().Length > 64 * 1024)
            return await DenyAsync(caller, "install", id, new RegistryError("invalid-configuration", "the configuration exceeds 64 KiB", 400), cancellationToken);
        var chosenBounds = bounds ?? InstallationBounds.Default;
        if (chosenBounds.MaxGrade >= AutonomyGrade.L4ActsWithinBounds && !Scopes.Allows(caller, Scopes.RegistryAdmin))
            return await DenyAsync(caller, "install", id, new RegistryError("forbidden", "only an administrator may allow L4 or L5 in a workspace", 403), cancellationToken);
        var installation = new InstallationRecord(caller.Workspace, id, chosen, configuration, chosenBounds, caller.Id, time.GetUtcNow());
        var key = $"{caller.Workspace}/{id}";
        await store.Documents.PutAsync(InstallationsCollection, key, JsonSerializer.Serialize(installation, Json), null, time.GetUtcNow(), cancellationToken);
        _installations[key] = installation;
        await AuditAsync(caller, "install", $"{id}@{chosen}", AuditDecisions.Changed, null, $"max grade {AccessPolicy.Short(chosenBounds.MaxGrade)}", cancellationToken);
        Touch(id);
        return installation;
    }

    /// <summary>Removes an installation from the caller's workspace.</summary>
    public async Task<bool> UninstallAsync(Principal caller, string id, CancellationToken cancellationToken)
    {
        var key = $"{caller.Workspace}/{id}";
        if (!Scopes.Allows(caller, Scopes.RegistryInstall) || !_installations.ContainsKey(key))
            return false;
        await store.Documents.DeleteAsync(InstallationsCollection, key, cancellationToken);
        _installations.TryRemove(key, out _);
        await AuditAsync(caller, "uninstall", id, AuditDecisions.Changed, null, null, cancellationToken);
        Touch(id);
        return true;
    }

    /// <summary>Rates and reviews an agent installed in (or built into) the caller's workspace; one review per person and agent.</summary>
    public async Task<RegistryResult<ReviewRecord>> ReviewAsync(Principal caller, string id, int rating, string? text, CancellationToken cancellationToken)
    {
        if (caller.Kind != PrincipalKind.Person)
            return new RegistryError("forbidden", "only people review agents", 403);
        if (rating is < 1 or > 5)
            return new RegistryError("invalid-rating", "rating must be 1 to 5", 400);
        if (text is { Length: > 2000 })
            return new RegistryError("invalid-review", "a review has at most 2000 characters", 400);
        if (Get(caller, id) is not { } view || (view.Record.Kind != AgentKinds.BuiltIn && !_installations.ContainsKey($"{caller.Workspace}/{id}")))
            return new RegistryError("not-installed", $"'{id}' is not installed in workspace '{caller.Workspace}'; only its users review it", 409);
        var review = new ReviewRecord(id, caller.Workspace, caller.Id, rating, text ?? "", time.GetUtcNow());
        var key = $"{id}|{caller.Workspace}|{caller.Id}";
        await store.Documents.PutAsync(ReviewsCollection, key, JsonSerializer.Serialize(review, Json), null, time.GetUtcNow(), cancellationToken);
        _reviews[key] = review;
        Touch(id);
        return review;
    }

    private static (AgentCard? Card, ZhizaoCardExtension? Extension, RegistryError? Error) ReadCard(JsonObject json)
    {
        if (json.ToJsonString().Length > MaxCardBytes)
            return (null, null, new RegistryError("invalid-card", $"the card exceeds {MaxCardBytes / 1024} KiB", 413));
        AgentCard card;
        ZhizaoCardExtension? extension;
        try
        {
            card = AgentCard.FromJson(json);
            extension = card.Zhizao;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, null, new RegistryError("invalid-card", $"not an A2A agent card: {e.Message}", 400));
        }
        if (extension is null)
            return (card, null, new RegistryError("invalid-card", $"the card lacks the Zhizao registry extension ({ZhizaoCardExtension.Uri}) with the agent id and grade", 400));
        if (!AgentIdPattern().IsMatch(extension.Id) || extension.Id.Split('/')[0] != extension.Publisher)
            return (card, extension, new RegistryError("invalid-card",
                $"agent id '{extension.Id}' must be '{{reverse-DNS publisher}}/{{name}}' (lower case) and start with the publisher '{extension.Publisher}'", 400));
        if (!SemVersion.TryParse(card.Version, SemVersionStyles.Strict, out _))
            return (card, extension, new RegistryError("invalid-card", $"version '{card.Version}' is not a semantic version (e.g. 1.2.0)", 400));
        if (!Enum.TryParse<AutonomyGrade>(extension.Grade, out _))
            return (card, extension, new RegistryError("invalid-card", $"grade '{extension.Grade}' is not one of {string.Join(", ", Enum.GetNames<AutonomyGrade>())}", 400));
        if (card.Skills.Count is 0 or > 100)
            return (card, extension, new RegistryError("invalid-card", "a card declares 1 to 100 skills", 400));
        return (card, extension, null);
    }
}
