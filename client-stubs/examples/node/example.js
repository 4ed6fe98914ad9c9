// Calls llm-gateway from Node: a completion, a streamed completion, an embedding, and errors.
//
// The .proto files are loaded at run time from LLMGATEWAY_PROTO_PATH, a directory holding
// llmgateway/v1/*.proto and google/rpc/{status,error_details}.proto (see ../README.md).
// Environment: LLMGATEWAY_TARGET (default localhost:50051), LLMGATEWAY_API_KEY (may be empty),
// LLMGATEWAY_TLS=1 to use TLS with the system's trusted roots instead of plaintext, and
// LLMGATEWAY_SERVICE_CONFIG for the service config JSON (default: the Java client's, in this repository).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const UNARY_TIMEOUT_MS = 60_000;
const STREAM_TIMEOUT_MS = 600_000;
const SERVICE_CONFIG = process.env.LLMGATEWAY_SERVICE_CONFIG
  || path.join(__dirname, '../../src/main/resources/dev/llmgateway/client/service-config.json');

const protoPath = process.env.LLMGATEWAY_PROTO_PATH || path.join(__dirname, 'proto');
const definition = protoLoader.loadSync('llmgateway/v1/gateway_service.proto', {
  includeDirs: [protoPath],
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const { GatewayService } = grpc.loadPackageDefinition(definition).llmgateway.v1;
// grpc-js leaves status details undecoded; protobufjs reads them with google.rpc's own messages.
const rpc = protobuf.loadSync(['status.proto', 'error_details.proto'].map((f) => path.join(protoPath, 'google/rpc', f)));
const Status = rpc.lookupType('google.rpc.Status');

function deadline(ms) {
  return { deadline: Date.now() + ms };
}

function unary(client, method, request, metadata) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, deadline(UNARY_TIMEOUT_MS), (err, response) => (err ? reject(err) : resolve(response)));
  });
}

function userMessage(text) {
  return { role: 'ROLE_USER', content: [{ text }] };
}

// Prints a failed call's status and its google.rpc details from grpc-status-details-bin.
function describeError(err) {
  console.log(`error: ${grpc.status[err.code]} ${err.details}`);
  const [raw] = err.metadata ? err.metadata.get('grpc-status-details-bin') : [];
  if (!raw) return;
  for (const detail of Status.decode(raw).details) {
    const type = rpc.lookupType(detail.type_url.slice(detail.type_url.lastIndexOf('/') + 1));
    const value = type.toObject(type.decode(detail.value), { defaults: true });
    if (type.name === 'ErrorInfo') {
      console.log(`  reason=${value.reason} domain=${value.domain} request_id=${value.metadata.request_id || ''}`);
    } else if (type.name === 'BadRequest') {
      for (const v of value.fieldViolations) console.log(`  field=${v.field}: ${v.description}`);
    } else if (type.name === 'RetryInfo') {
      console.log(`  retry after ${Number(value.retryDelay.seconds) + value.retryDelay.nanos / 1e9}s`);
    }
  }
}

async function main() {
  const target = process.env.LLMGATEWAY_TARGET || 'localhost:50051';
  const apiKey = process.env.LLMGATEWAY_API_KEY || '';
  const credentials = process.env.LLMGATEWAY_TLS === '1' ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
  // The same service config as the Java client: unary calls retried on UNAVAILABLE.
  const client = new GatewayService(target, credentials, {
    'grpc.service_config': JSON.stringify(JSON.parse(fs.readFileSync(SERVICE_CONFIG, 'utf8'))),
  });
  const auth = new grpc.Metadata();
  if (apiKey) auth.set('authorization', `Bearer ${apiKey}`);

  try {
    const models = await unary(client, 'ListModels', {}, auth);
    console.log(`models: ${models.models.map((m) => m.id).join(' ')}`);

    const answer = await unary(client, 'Complete', { model: 'demo', messages: [userMessage('Hello from Node')] }, auth);
    const text = answer.message.content.map((part) => part.text).join('');
    console.log(`complete: ${answer.provider}/${answer.model} ${answer.finish_reason}: ${text}`);

    process.stdout.write('stream: ');
    const call = client.CompleteStream({ model: 'demo', messages: [userMessage('Stream to Node')] }, auth, deadline(STREAM_TIMEOUT_MS));
    let chunks = 0;
    let last;
    for await (const chunk of call) {
      chunks += 1;
      process.stdout.write(chunk.text_delta);
      last = chunk;
    }
    process.stdout.write('\n');
    console.log(`stream-done: chunks=${chunks} finish=${last.finish_reason} output_tokens=${last.usage.output_tokens}`);

    const embedded = await unary(client, 'Embed', { model: 'demo-embed', inputs: ['alpha', 'beta'], dimensions: 8 }, auth);
    console.log(`embed: ${embedded.embeddings.length} vectors, ${embedded.embeddings[0].values.length} dimensions, provider ${embedded.provider}`);

    const badRequests = [
      { model: 'no-such-model', messages: [userMessage('x')] },
      { model: 'demo', messages: [userMessage('x')], max_output_tokens: -1 },
    ];
    for (const bad of badRequests) {
      try {
        await unary(client, 'Complete', bad, auth);
        throw new Error(`expected the gateway to reject ${bad.model}`);
      } catch (err) {
        if (err.code === undefined) throw err;
        describeError(err);
      }
    }
  } finally {
    client.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
