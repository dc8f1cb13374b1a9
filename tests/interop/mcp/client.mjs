// Drives Zhizao's MCP server with the official TypeScript SDK (@modelcontextprotocol/sdk 1.32.2): lists the tools, calls an
// allowed tool and checks its structured output, calls a tool outside the caller's scope and checks it is refused.
// Usage: node client.mjs <url> <token> [options]                    streamable HTTP with "Authorization: Bearer <token>"
//        node client.mjs stdio - [options] -- <command> [args...]     stdio: spawns the command (e.g. dotnet zhizao.dll mcp …)
// Options: --tools a,b,c (the exact tool names expected, any order) --tool name --input json --expect json (a subset of the
//          structured output) --denied-tool name --denied-input json
//          --denied-type scope-denied --expect-keys a,b (members the structured output must have, whatever their values)
// Prints one JSON line per check; exits 1 on the first mismatch with a MISMATCH line on stderr.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { isDeepStrictEqual } from 'node:util';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const [target, token, ...rest] = split >= 0 ? argv.slice(0, split) : argv;
const command = split >= 0 ? argv.slice(split + 1) : [];
if (!target || !token || (target === 'stdio' && command.length === 0)) {
  console.error('usage: node client.mjs <url> <token> [--tools a,b] [--tool name] [--input json] [--expect json] [--expect-keys a,b] [--denied-tool name] [--denied-type type]');
  console.error('       node client.mjs stdio - [options] -- <command> [args...]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 && i + 1 < rest.length ? rest[i + 1] : fallback;
};
const expectedTools = option('tools', undefined)?.split(',');
const toolName = option('tool', 'test.zhizao_calc__add');
const input = JSON.parse(option('input', '{"a":2,"b":3}'));
const expected = JSON.parse(option('expect', '{"sum":5}'));
const deniedTool = option('denied-tool', 'test.zhizao_calc__release');
const deniedInput = JSON.parse(option('denied-input', '{"machine":"cnc-03"}'));
const deniedType = option('denied-type', 'scope-denied');
const expectedKeys = option('expect-keys', '').split(',').filter(k => k.length > 0);

function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    console.error(`MISMATCH in ${name}: ${JSON.stringify(detail)}`);
    process.exit(1);
  }
}

const transport = target === 'stdio'
  ? new StdioClientTransport({ command: command[0], args: command.slice(1), stderr: 'inherit' })
  : new StreamableHTTPClientTransport(new URL(target), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: 'zhizao-interop', version: '1.0.0' });

try {
  await client.connect(transport);
  const server = client.getServerVersion();
  check('server-info', server?.name === 'zhizao', server);

  const { tools } = await client.listTools();
  const names = tools.map(t => t.name).sort();
  if (expectedTools)
    check('tools-list', isDeepStrictEqual(names, [...expectedTools].sort()), { names, expected: expectedTools });
  const tool = tools.find(t => t.name === toolName);
  check('allowed-tool-listed', tool !== undefined && tool.inputSchema?.type === 'object', { toolName, names });
  check('denied-tool-not-listed', !names.includes(deniedTool), { deniedTool, names });

  // callTool validates structuredContent against the tool's outputSchema itself (it throws on a mismatch).
  const result = await client.callTool({ name: toolName, arguments: input });
  const structured = result.structuredContent ?? {};
  const subset = Object.fromEntries(Object.keys(expected).map(k => [k, structured[k]]));
  check('allowed-call', result.isError !== true && isDeepStrictEqual(subset, expected), { result, expected });
  if (expectedKeys.length > 0)
    check('allowed-call-keys', expectedKeys.every(k => structured[k] !== undefined && structured[k] !== null), { keys: Object.keys(structured), expectedKeys });
  const text = result.content?.find(c => c.type === 'text')?.text;
  check('allowed-call-text', text !== undefined && isDeepStrictEqual(JSON.parse(text), structured), { text });

  // A refusal is a tool result with isError: true (not a JSON-RPC error): the SDK returns it, it does not throw.
  const refused = await client.callTool({ name: deniedTool, arguments: deniedInput });
  const refusal = refused.content?.find(c => c.type === 'text')?.text ?? '';
  check('denied-call', refused.isError === true && refusal.startsWith(`${deniedType}: `) && refused.structuredContent === undefined, { refused });
} catch (error) {
  check('no-exception', false, { error: String(error?.stack ?? error) });
} finally {
  await client.close().catch(() => {});
}
console.log(JSON.stringify({ check: 'done', ok: true }));
