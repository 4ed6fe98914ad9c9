"""Calls llm-gateway from Python: a completion, a streamed completion, an embedding, and errors.

Needs grpcio and protobuf, plus stubs generated from the contract's .proto files and from
google/rpc/{status,error_details}.proto (see ../README.md) on PYTHONPATH.

Environment: LLMGATEWAY_TARGET (default localhost:50051), LLMGATEWAY_API_KEY (may be empty),
LLMGATEWAY_TLS=1 to use TLS with the system's trusted roots instead of plaintext, and
LLMGATEWAY_SERVICE_CONFIG for the service config JSON (default: the Java client's, in this repository).
"""

import json
import os
import pathlib
import sys

import grpc
from google.rpc import error_details_pb2, status_pb2

from llmgateway.v1 import chat_pb2, embeddings_pb2, gateway_service_pb2_grpc, models_pb2

UNARY_TIMEOUT_S = 60
STREAM_TIMEOUT_S = 600
SERVICE_CONFIG = pathlib.Path(os.environ.get("LLMGATEWAY_SERVICE_CONFIG") or (
    pathlib.Path(__file__).resolve().parents[2] / "src/main/resources/dev/llmgateway/client/service-config.json"))


def open_channel(target):
    # The same service config as the Java client: unary calls retried on UNAVAILABLE.
    options = [("grpc.service_config", json.dumps(json.loads(SERVICE_CONFIG.read_text()))),
               ("grpc.enable_retries", 1)]
    if os.environ.get("LLMGATEWAY_TLS") == "1":
        return grpc.secure_channel(target, grpc.ssl_channel_credentials(), options=options)
    return grpc.insecure_channel(target, options=options)


def user_message(text):
    return chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.ContentPart(text=text)])


def describe_error(error):
    """Prints a failed call's status and its google.rpc details from grpc-status-details-bin."""
    print(f"error: {error.code().name} {error.details()}")
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            bad_request = error_details_pb2.BadRequest()
            retry = error_details_pb2.RetryInfo()
            if detail.Unpack(info):
                print(f"  reason={info.reason} domain={info.domain} "
                      f"request_id={info.metadata.get('request_id', '')}")
            elif detail.Unpack(bad_request):
                for violation in bad_request.field_violations:
                    print(f"  field={violation.field}: {violation.description}")
            elif detail.Unpack(retry):
                print(f"  retry after {retry.retry_delay.ToTimedelta().total_seconds()}s")


def main():
    target = os.environ.get("LLMGATEWAY_TARGET", "localhost:50051")
    api_key = os.environ.get("LLMGATEWAY_API_KEY", "")
    auth = (("authorization", f"Bearer {api_key}"),) if api_key else ()

    with open_channel(target) as channel:
        gateway = gateway_service_pb2_grpc.GatewayServiceStub(channel)

        models = gateway.ListModels(models_pb2.ListModelsRequest(), timeout=UNARY_TIMEOUT_S, metadata=auth)
        print("models:", " ".join(m.id for m in models.models))

        request = chat_pb2.CompleteRequest(model="demo", messages=[user_message("Hello from Python")])
        answer = gateway.Complete(request, timeout=UNARY_TIMEOUT_S, metadata=auth)
        text = "".join(part.text for part in answer.message.content)
        print(f"complete: {answer.provider}/{answer.model} "
              f"{chat_pb2.FinishReason.Name(answer.finish_reason)}: {text}")

        request = chat_pb2.CompleteRequest(model="demo", messages=[user_message("Stream to Python")])
        print("stream: ", end="", flush=True)
        chunks = 0
        for chunk in gateway.CompleteStream(request, timeout=STREAM_TIMEOUT_S, metadata=auth):
            chunks += 1
            print(chunk.text_delta, end="", flush=True)
            last = chunk
        print()
        print(f"stream-done: chunks={chunks} finish={chat_pb2.FinishReason.Name(last.finish_reason)} "
              f"output_tokens={last.usage.output_tokens}")

        embedded = gateway.Embed(embeddings_pb2.EmbedRequest(model="demo-embed", inputs=["alpha", "beta"],
                                                             dimensions=8),
                                 timeout=UNARY_TIMEOUT_S, metadata=auth)
        print(f"embed: {len(embedded.embeddings)} vectors, "
              f"{len(embedded.embeddings[0].values)} dimensions, provider {embedded.provider}")

        for bad in (chat_pb2.CompleteRequest(model="no-such-model", messages=[user_message("x")]),
                    chat_pb2.CompleteRequest(model="demo", messages=[user_message("x")], max_output_tokens=-1)):
            try:
                gateway.Complete(bad, timeout=UNARY_TIMEOUT_S, metadata=auth)
            except grpc.RpcError as error:
                describe_error(error)
            else:
                sys.exit("expected the gateway to reject " + bad.model)


if __name__ == "__main__":
    main()
