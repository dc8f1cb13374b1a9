// Drives Zhizao's A2A endpoints with the official JavaScript SDK (@a2a-js/sdk 1.3.0): the 1.0 client (ClientFactory,
// JSON-RPC transport) and the legacy 0.3 transport of its compat layer, plus raw 0.3 requests to check the wire shapes.
// Usage: node client.mjs <baseUrl> <token> [--agent cn.test/calc] [--skill add] [--input '{"a":2,"b":3}']
//        [--expect '{"sum":5}'] [--hold-skill hold] [--denied-skill forbidden]
//        [--hold-agent id] [--hold-input '{}'] [--denied-code -32050] [--denied-type scope-denied]
//   --hold-agent/--hold-input: the agent (default: --agent) and input of the long-running call that is canceled
//   --denied-code/--denied-type: the JSON-RPC error code and refusal type expected for --denied-skill
// Prints one JSON line per check; exits 1 on the first mismatch.
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { LegacyJsonRpcTransport } from '@a2a-js/sdk/compat/v0_3/client';
import { Role, TaskState } from '@a2a-js/sdk';
import { TaskNotCancelableError, TaskNotFoundError } from '@a2a-js/sdk/errors';
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';

const [baseArg, token, ...rest] = process.argv.slice(2);
if (!baseArg || !token) {
  console.error('usage: node client.mjs <baseUrl> <token> [--agent id] [--skill name] [--input json] [--expect json] [--hold-skill name] [--denied-skill name]'
    + ' [--hold-agent id] [--hold-input json] [--denied-code code] [--denied-type type]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 && i + 1 < rest.length ? rest[i + 1] : fallback;
};
const base = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const agent = option('agent', 'cn.test/calc');
const skill = option('skill', 'add');
const input = JSON.parse(option('input', '{"a":2,"b":3}'));
const expected = JSON.parse(option('expect', '{"sum":5}'));
const holdSkill = option('hold-skill', 'hold');
const deniedSkill = option('denied-skill', 'forbidden');
const holdAgent = option('hold-agent', agent);
const holdInput = JSON.parse(option('hold-input', '{}'));
const deniedCode = Number(option('denied-code', '-32050'));
const deniedType = option('denied-type', 'scope-denied');

const authFetch = (url, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
};

function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    console.error(`MISMATCH in ${name}: ${JSON.stringify(detail)}`);
    process.exit(1);
  }
}

const dataPart = (value) => ({ content: { $case: 'data', value }, mediaType: 'application/json', filename: '', metadata: undefined });
const message = (value, metadata) => ({
  messageId: randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, parts: [dataPart(value)],
  metadata, extensions: [], referenceTaskIds: [],
});
const outputOf = (task) => task.artifacts?.[0]?.parts?.[0]?.content?.value;

async function expectError(name, promise, predicate) {
  try {
    const value = await promise;
    check(name, false, { unexpected: value });
  } catch (error) {
    check(name, predicate(error), { name: error.name, message: error.message, code: error.envelopeCode, data: error.data });
  }
}

const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
  transports: [new JsonRpcTransportFactory({ fetchImpl: authFetch })],
  cardResolver: new DefaultAgentCardResolver({ fetchImpl: authFetch }),
}));

// 1. The agent's card, resolved and turned into a 1.0 JSON-RPC client by the SDK.
const agentUrl = new URL(`a2a/${agent}`, base).href;
const client = await factory.createFromUrl(`${agentUrl}/`);
const card = client.agentCard;
check('card.resolve', card.name.length > 0 && card.supportedInterfaces[0].url === agentUrl && card.supportedInterfaces[0].protocolVersion === '1.0',
  { name: card.name, interfaces: card.supportedInterfaces });
check('card.protocol', client.protocolVersion === '1.0', { protocolVersion: client.protocolVersion });

// 2. A blocking SendMessage: the task comes back completed with the skill output as a data part.
const sent = await client.sendMessage({ message: message({ skill, input }) });
check('send.completed', sent.status?.state === TaskState.TASK_STATE_COMPLETED, { id: sent.id, state: sent.status?.state });
check('send.output', isDeepStrictEqual(outputOf(sent), expected), { output: outputOf(sent), expected });

// 3. SendStreamingMessage: task, working, artifact, completed.
const events = [];
for await (const event of client.sendMessageStream({ message: message(input, { skillId: skill }) })) events.push(event.payload);
const kinds = events.map((e) => e.$case === 'statusUpdate' ? `status:${e.value.status.state}` : e.$case);
check('stream.sequence', isDeepStrictEqual(kinds, ['task', `status:${TaskState.TASK_STATE_WORKING}`, 'artifactUpdate', `status:${TaskState.TASK_STATE_COMPLETED}`]), { kinds });
check('stream.task', events[0].value.status.state === TaskState.TASK_STATE_SUBMITTED && events.every((e) => (e.value.id ?? e.value.taskId) === events[0].value.id), { first: events[0].value.status });
check('stream.artifact', isDeepStrictEqual(events[2].value.artifact.parts[0].content.value, expected), { artifact: events[2].value.artifact });

// 4. GetTask returns the finished task; an unknown id is TaskNotFound.
const got = await client.getTask({ id: sent.id, tenant: '' });
check('get.completed', got.id === sent.id && got.status.state === TaskState.TASK_STATE_COMPLETED && isDeepStrictEqual(outputOf(got), expected), { state: got.status.state });
await expectError('get.unknown', client.getTask({ id: randomUUID(), tenant: '' }), (e) => e instanceof TaskNotFoundError);

// 5. CancelTask: a running task is canceled; canceling it again is TaskNotCancelable.
const holdUrl = new URL(`a2a/${holdAgent}`, base).href;
const holdClient = holdAgent === agent ? client : await factory.createFromUrl(`${holdUrl}/`);
const held = await holdClient.sendMessage({ message: message({ skill: holdSkill, input: holdInput }), configuration: { returnImmediately: true, acceptedOutputModes: [] } });
check('cancel.running', [TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING].includes(held.status.state), { state: held.status.state });
const canceled = await holdClient.cancelTask({ id: held.id, tenant: '' });
check('cancel.canceled', canceled.status.state === TaskState.TASK_STATE_CANCELED, { state: canceled.status.state });
await expectError('cancel.again', holdClient.cancelTask({ id: held.id, tenant: '' }), (e) => e instanceof TaskNotCancelableError);

// 6. A policy refusal is a JSON-RPC error with the refusal type in data.
await expectError('send.refused', client.sendMessage({ message: message({ skill: deniedSkill, input: {} }) }),
  (e) => e.envelopeCode === deniedCode && e.data?.type === deniedType);

// 7. The gateway: its card lists {agentId}#{skill}; metadata skillId selects the skill.
const gateway = await factory.createFromUrl(base);
const skillId = `${agent}#${skill}`;
check('gateway.card', gateway.agentCard.skills.some((s) => s.id === skillId), { skills: gateway.agentCard.skills.map((s) => s.id) });
const viaGateway = await gateway.sendMessage({ message: message(input, { skillId }) });
check('gateway.send', viaGateway.status.state === TaskState.TASK_STATE_COMPLETED && isDeepStrictEqual(outputOf(viaGateway), expected), { state: viaGateway.status.state });

// 8. Legacy 0.3 through the SDK's compat transport: message/send, message/stream, tasks/get, tasks/cancel.
const legacy = new LegacyJsonRpcTransport({ endpoint: agentUrl, fetchImpl: authFetch });
const legacySent = await legacy.sendMessage({ message: message({ skill, input }), configuration: { returnImmediately: false, acceptedOutputModes: [] } });
check('legacy.send', legacySent.status.state === TaskState.TASK_STATE_COMPLETED && isDeepStrictEqual(outputOf(legacySent), expected), { state: legacySent.status.state, output: outputOf(legacySent) });
const legacyGot = await legacy.getTask({ id: legacySent.id, tenant: '' });
check('legacy.get', legacyGot.status.state === TaskState.TASK_STATE_COMPLETED, { state: legacyGot.status.state });
const legacyEvents = [];
for await (const event of legacy.sendMessageStream({ message: message({ skill, input }) })) legacyEvents.push(event.payload.$case);
check('legacy.stream', isDeepStrictEqual(legacyEvents, ['task', 'statusUpdate', 'artifactUpdate', 'statusUpdate']), { legacyEvents });
const legacyHold = holdAgent === agent ? legacy : new LegacyJsonRpcTransport({ endpoint: holdUrl, fetchImpl: authFetch });
const legacyHeld = await legacyHold.sendMessage({ message: message({ skill: holdSkill, input: holdInput }), configuration: { returnImmediately: true, acceptedOutputModes: [] } });
const legacyCanceled = await legacyHold.cancelTask({ id: legacyHeld.id, tenant: '' });
check('legacy.cancel', legacyCanceled.status.state === TaskState.TASK_STATE_CANCELED, { state: legacyCanceled.status.state });

// 9. The 0.3 wire itself: kind discriminators and lowercase states.
const raw = await authFetch(agentUrl, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'A2A-Version': '0.3' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 'raw-1', method: 'message/send', params: {
    message: { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'data', data: { skill, input } }] } } }),
}).then((r) => r.json());
check('legacy.wire', raw.id === 'raw-1' && raw.result?.kind === 'task' && raw.result.status.state === 'completed'
  && raw.result.artifacts[0].parts[0].kind === 'data' && isDeepStrictEqual(raw.result.artifacts[0].parts[0].data, expected), raw);
const rawGet = await authFetch(agentUrl, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks/get', params: { id: raw.result.id } }),
}).then((r) => r.json());
check('legacy.wire.get', rawGet.result?.kind === 'task' && rawGet.result.id === raw.result.id, rawGet);

// 10. Without a token the JSON-RPC endpoint is closed.
const anonymous = await fetch(agentUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
check('auth.required', anonymous.status === 401, { status: anonymous.status });

console.log(JSON.stringify({ done: true }));
