// A small third-party A2A agent built with the official SDK's server (express), to test Zhizao's C# A2AClient against a
// real implementation. Skills: sum ({a, b} -> {sum}), fail (the task fails), anything else is rejected.
// Usage: node external-agent.mjs <port> [--version 1.0|0.3] [--token secret] [--card card.json]
//   --version 0.3: the card offers only a 0.3 JSON-RPC interface (calls arrive as message/send through the SDK's compat layer)
//   --token: JSON-RPC calls must carry "Authorization: Bearer <secret>" (else HTTP 401)
//   --card: serve the JSON of this file as the card at /.well-known/agent-card.json, member for member (e.g. a card signed for a
//           registry; its interface should point at http://127.0.0.1:<port>/jsonrpc); the JSON-RPC behaviour stays the same
import express from 'express';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { Role, TaskState } from '@a2a-js/sdk';

const args = process.argv.slice(2);
const port = Number(args[0]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node external-agent.mjs <port> [--version 1.0|0.3] [--token secret] [--card card.json]');
  process.exit(2);
}
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const version = option('version') ?? '1.0';
const token = option('token');
const cardFile = option('card');
const endpoint = `http://127.0.0.1:${port}/jsonrpc`;

const card = {
  name: 'External sum agent',
  description: 'A third-party A2A agent written with @a2a-js/sdk',
  supportedInterfaces: [{ url: endpoint, protocolBinding: 'JSONRPC', protocolVersion: version, tenant: '' }],
  provider: { organization: 'Interop test', url: 'https://example.com' },
  version: '0.1.0',
  capabilities: { streaming: true, pushNotifications: false, extensions: [] },
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['application/json'],
  defaultOutputModes: ['application/json'],
  skills: [
    { id: 'sum', name: 'Sum', description: 'Adds a and b', tags: ['math'], examples: [], inputModes: [], outputModes: [], securityRequirements: [] },
    { id: 'fail', name: 'Fail', description: 'Always fails', tags: ['test'], examples: [], inputModes: [], outputModes: [], securityRequirements: [] },
  ],
  signatures: [],
};

const now = () => new Date().toISOString();
const textMessage = (taskId, contextId, text) => ({
  messageId: randomUUID(), contextId, taskId, role: Role.ROLE_AGENT, extensions: [], referenceTaskIds: [], metadata: undefined,
  parts: [{ content: { $case: 'text', value: text }, mediaType: 'text/plain', filename: '', metadata: undefined }],
});

const executor = {
  async execute(requestContext, bus) {
    const { taskId, contextId, userMessage } = requestContext;
    const status = (state, message) => bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: { state, message, timestamp: now() }, metadata: undefined }));
    bus.publish(AgentEvent.task({
      id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: now() },
      artifacts: [], history: [userMessage], metadata: undefined,
    }));
    status(TaskState.TASK_STATE_WORKING);
    const data = userMessage.parts.find((p) => p.content?.$case === 'data')?.content.value ?? {};
    const skill = data.skill ?? userMessage.metadata?.skillId;
    const input = data.input ?? data;
    if (skill === 'sum') {
      bus.publish(AgentEvent.artifactUpdate({
        taskId, contextId, append: false, lastChunk: true, metadata: undefined,
        artifact: {
          artifactId: randomUUID(), name: 'sum', description: '', metadata: undefined, extensions: [],
          parts: [{ content: { $case: 'data', value: { sum: Number(input.a) + Number(input.b) } }, mediaType: 'application/json', filename: '', metadata: undefined }],
        },
      }));
      status(TaskState.TASK_STATE_COMPLETED);
    } else if (skill === 'fail') {
      status(TaskState.TASK_STATE_FAILED, textMessage(taskId, contextId, 'failing on purpose'));
    } else {
      status(TaskState.TASK_STATE_REJECTED, textMessage(taskId, contextId, `unknown skill ${skill}`));
    }
    bus.finished();
  },
  async cancelTask(taskId, bus) {
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId: '', status: { state: TaskState.TASK_STATE_CANCELED, timestamp: now() }, metadata: undefined }));
    bus.finished();
  },
};

const requestHandler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
const app = express();
if (cardFile) {
  // Served as written: a signature over the card must survive the trip, so the SDK's card model does not re-serialize it.
  const served = JSON.parse(readFileSync(cardFile, 'utf8'));
  app.get('/.well-known/agent-card.json', (req, res) => res.json(served));
} else {
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: requestHandler }));
}
if (token) {
  app.use('/jsonrpc', (req, res, next) => {
    if (req.header('authorization') === `Bearer ${token}`) next();
    else res.status(401).type('text/plain').send('missing or wrong bearer token');
  });
}
app.use('/jsonrpc', jsonRpcHandler({ requestHandler, userBuilder: UserBuilder.noAuthentication, legacyCompat: { enabled: version === '0.3' } }));
const server = app.listen(port, '127.0.0.1', () => console.log(`listening on ${port} (A2A ${version})`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
