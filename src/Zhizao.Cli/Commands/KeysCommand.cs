using System.CommandLine;
using System.Text.Json.Nodes;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using static Zhizao.Cli.Commands.ApiCommands;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao keys …</c>: API keys of a running platform, and publisher key pairs — generated and kept on this machine, registered with the
/// platform as trust roots, used to sign agent cards locally (the private key never leaves the file), rotated and revoked.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys, and publisher signing keys (generate, register, sign cards, rotate, revoke)");

        var list = new Command("list", "API keys (never their secrets)");
        list.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/keys",
            node => Table(node, ["id", "name", "role", "createdAt", "revokedAt"], (row, column) => PlantCommands.Text(row[column])), ct));

        var name = new Argument<string>("name") { Description = "Display name of the key" };
        var role = new Option<string>("--role") { Description = "admin, engineer, operator, viewer, device or agent", Required = true };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace (default: yours)" };
        var scope = new Option<string[]>("--scope") { Description = "Scope, e.g. skill:cn.zhizao/scheduler:* (repeatable; default: the role's)", AllowMultipleArgumentsPerToken = true };
        var asset = new Option<string[]>("--asset") { Description = "Asset prefix the key may touch (repeatable; default: all)", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create an API key; its secret is printed once") { name, role, workspace, scope, asset };
        create.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, "api/v1/keys", new JsonObject
        {
            ["name"] = r.GetValue(name),
            ["role"] = r.GetValue(role),
            ["workspace"] = r.GetValue(workspace),
            ["scopes"] = Array(r.GetValue(scope)),
            ["assets"] = Array(r.GetValue(asset)),
        }, node => Console.Out.WriteLine($"{node?["id"]}: {node?["key"]}   (shown once; store it now)"), ct));

        var id = new Argument<string>("id") { Description = "API key id" };
        var revokeApiKey = new Command("revoke", "Revoke an API key") { id };
        revokeApiKey.WithServer().SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(r);
            await client.SendJsonAsync(HttpMethod.Delete, $"api/v1/keys/{r.GetValue(id)}", new JsonObject(), ct);
            Console.Out.WriteLine($"key {r.GetValue(id)} revoked");
            return ExitCodes.Ok;
        }));

        var output = new Option<FileInfo>("--out") { Description = "Where to write the private key (JWK)", Required = true };
        var generate = new Command("generate", "Generate a publisher key pair (ECDSA P-256) into a private JWK file (mode 0600)") { output };
        generate.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var file = r.GetValue(output)!;
            if (file.Exists)
                return CliOutput.Fail(ExitCodes.InvalidInput, $"{file.FullName} exists; a key file is never overwritten");
            using var key = EcKeyPair.Generate();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var stream = new FileStream(file.FullName, options))
            await using (var writer = new StreamWriter(stream))
                await writer.WriteAsync(key.ToPrivateJwk().ToJsonString());
            if (r.GetValue(CommonOptions.Json))
                CliOutput.WriteJson(new JsonObject { ["kid"] = key.Kid, ["publicJwk"] = key.ToPublicJwk() });
            else
                Console.Out.WriteLine($"key {key.Kid} written to {file.FullName}; register its public part with 'zhizao keys register NAMESPACE --signing-key {file.Name}'");
            return ExitCodes.Ok;
        }));
        generate.Options.Add(CommonOptions.Json);

        var keyFile = new Option<FileInfo>("--signing-key") { Description = "Private key file (JWK) made by 'zhizao keys generate'", Required = true };
        var ns = new Argument<string>("namespace") { Description = "Publisher namespace, reverse-DNS (e.g. cn.example.plant1)" };
        var register = new Command("register", "Register a publisher (if new) and add the public part of a key as its trust root") { ns, keyFile };
        register.WithServer().SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            using var key = await ReadKeyAsync(r.GetValue(keyFile)!, ct);
            using var client = CommonOptions.Client(r);
            var publishers = (await client.GetAsync("api/v1/publishers", ct))?.AsArray() ?? [];
            if (!publishers.Any(p => p?["namespace"]?.GetValue<string>() == r.GetValue(ns)))
                await client.SendJsonAsync(HttpMethod.Post, "api/v1/publishers", new JsonObject { ["namespace"] = r.GetValue(ns) }, ct);
            Render(r, await client.SendJsonAsync(HttpMethod.Post, $"api/v1/publishers/{r.GetValue(ns)}/keys", key.ToPublicJwk(), ct),
                node => Console.Out.WriteLine($"{r.GetValue(ns)}: key {node?["kid"]} {node?["status"]}"));
            return ExitCodes.Ok;
        }));

        var card = new Argument<FileInfo>("card") { Description = "A2A agent card (JSON) with the Zhizao registry extension" };
        var signedOut = new Option<FileInfo?>("--out") { Description = "Where to write the signed card (default: stdout)" };
        var sign = new Command("sign", "Sign an agent card with a private key file (JWS over the RFC 8785 canonical card)") { card, keyFile, signedOut };
        sign.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            using var key = await ReadKeyAsync(r.GetValue(keyFile)!, ct);
            var file = r.GetValue(card)!;
            JsonObject parsed;
            try
            {
                parsed = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct)) as JsonObject
                    ?? throw new ApiException(ExitCodes.InvalidInput, $"{file.FullName}: not a JSON object");
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                throw new ApiException(ExitCodes.InvalidInput, $"{file.FullName}: {e.Message}");
            }
            parsed.Remove(CardSigner.SignaturesMember);
            var signed = CardSigner.Sign(parsed, key).ToJsonString(CliOutput.Json);
            if (r.GetValue(signedOut) is { } target)
                await File.WriteAllTextAsync(target.FullName, signed, ct);
            else
                Console.Out.WriteLine(signed);
            return ExitCodes.Ok;
        }));

        var kid = new Argument<string>("kid") { Description = "Key id (thumbprint)" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded)", DefaultValueFactory = _ => "revoked" };
        var revoke = new Command("revoke-signing", "Revoke a publisher key: nothing it signed verifies any more") { ns, kid, reason };
        revoke.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, $"api/v1/publishers/{r.GetValue(ns)}/keys/{r.GetValue(kid)}/revoke",
            new JsonObject { ["reason"] = r.GetValue(reason) }, node => Console.Out.WriteLine($"key {node?["kid"]}: {node?["status"]}"), ct));
        var retire = new Command("retire-signing", "Retire a publisher key after rotation (what it signed still verifies)") { ns, kid };
        retire.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, $"api/v1/publishers/{r.GetValue(ns)}/keys/{r.GetValue(kid)}/retire",
            new JsonObject(), node => Console.Out.WriteLine($"key {node?["kid"]}: {node?["status"]}"), ct));

        foreach (var sub in (Command[])[list, create, revokeApiKey, generate, register, sign, revoke, retire])
            command.Subcommands.Add(sub);
        return command;
    }

    private static JsonArray? Array(string[]? values) => values is { Length: > 0 } ? new JsonArray([.. values.Select(v => (JsonNode?)v)]) : null;

    private static async Task<EcKeyPair> ReadKeyAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            var jwk = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken)) as JsonObject
                ?? throw new ApiException(ExitCodes.InvalidInput, $"{file.FullName}: not a JWK");
            return EcKeyPair.FromPrivateJwk(jwk);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new ApiException(ExitCodes.InvalidInput, $"{file.FullName}: not a private EC P-256 JWK ({e.Message})");
        }
    }
}
