#!/usr/bin/env bash
# Runs the Python, Node and Go examples against a running gateway and checks what each prints.
#
#   client-stubs/examples/run-all.sh HOST:PORT
#
# The gateway must serve plaintext with the offline demo models demo-chat (alias demo) and
# demo-embed. This script installs nothing: it needs protoc with grpc_python_plugin,
# protoc-gen-go and protoc-gen-go-grpc; a python3 with grpcio and protobuf; node with
# examples/node/node_modules installed (npm ci); go with grpc-go, genproto and golang/protobuf 1.5
# under /usr/share/gocode (GOPATH mode). It generates every stub into a temporary directory, from
# the .proto files inside the client jar (or the source tree when the jar is not built), plus
# google/rpc/{status,error_details}.proto from the proto-google-common-protos jar the Java build
# resolves. Exits non-zero on any mismatch; each step is bounded by a timeout.
set -euo pipefail

target="${1:?usage: run-all.sh HOST:PORT}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step_timeout="${EXAMPLE_TIMEOUT:-120}"
build_timeout="${BUILD_TIMEOUT:-300}"
passed=0
failed=0

die() { echo "run-all: $*" >&2; exit 1; }

# --- The .proto files -------------------------------------------------------------------------
protos="$work/proto"
mkdir -p "$protos"
client_jar="$(ls "$root"/client-stubs/target/llm-gateway-client-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -1 || true)"
if [[ -n "$client_jar" ]]; then
  echo "== contract: .proto files from $(basename "$client_jar")"
  unzip -q -o "$client_jar" 'llmgateway/*' -d "$protos"
else
  echo "== contract: .proto files from proto/src/main/proto (client jar not built)"
  cp -r "$root/proto/src/main/proto/llmgateway" "$protos/"
fi
if [[ -n "${GOOGLE_RPC_PROTO_DIR:-}" ]]; then
  mkdir -p "$protos/google/rpc"
  cp "$GOOGLE_RPC_PROTO_DIR"/google/rpc/{status,error_details}.proto "$protos/google/rpc/"
else
  common_jar="$(ls "$root"/server/target/lib/proto-google-common-protos-*.jar 2>/dev/null | head -1 || true)"
  if [[ -z "$common_jar" ]]; then
    common_jar="$(ls "${MAVEN_REPOSITORY:-$HOME/.m2/repository}"/com/google/api/grpc/proto-google-common-protos/*/proto-google-common-protos-*.jar 2>/dev/null | sort -V | tail -1 || true)"
  fi
  [[ -n "$common_jar" ]] || die "no proto-google-common-protos jar: build the project first, or set GOOGLE_RPC_PROTO_DIR"
  echo "== google.rpc: status and error_details .proto files from $(basename "$common_jar")"
  unzip -q -o "$common_jar" google/rpc/status.proto google/rpc/error_details.proto -d "$protos"
fi
contract=("$protos"/llmgateway/v1/*.proto)
rpc_protos=("$protos/google/rpc/status.proto" "$protos/google/rpc/error_details.proto")
# The well-known types (struct, any, duration) come with protoc itself.
wkt_include=()
[[ -f /usr/include/google/protobuf/struct.proto ]] && wkt_include=(-I/usr/include)

# --- Checks -----------------------------------------------------------------------------------
expect() { # expect LANGUAGE OUTPUT-FILE DESCRIPTION EXTENDED-REGEX
  if grep -Eq -- "$4" "$2"; then
    passed=$((passed + 1)); echo "ok   $1: $3"
  else
    failed=$((failed + 1)); echo "FAIL $1: $3 (no line matches /$4/)"
  fi
}

check_output() { # check_output LANGUAGE NAME-IN-GREETING OUTPUT-FILE
  local lang="$1" name="$2" out="$3"
  expect "$lang" "$out" "lists the demo models" '^models: .*demo-chat.*demo-embed'
  expect "$lang" "$out" "unary completion" "^complete: demo/demo-echo-1 FINISH_REASON_STOP: .*You said: Hello from $name\$"
  expect "$lang" "$out" "streamed completion, token by token" "^stream: .*You said: Stream to $name\$"
  expect "$lang" "$out" "stream ends with finish reason and usage" \
    '^stream-done: chunks=([3-9]|[1-9][0-9]+) finish=FINISH_REASON_STOP output_tokens=[1-9][0-9]*$'
  expect "$lang" "$out" "embedding" '^embed: 2 vectors, 8 dimensions, provider demo$'
  expect "$lang" "$out" "unknown model is NOT_FOUND" "^error: NOT_FOUND .*no-such-model"
  expect "$lang" "$out" "ErrorInfo decoded" '^  reason=MODEL_NOT_FOUND domain=llmgateway\.dev request_id=[0-9a-zA-Z-]+$'
  expect "$lang" "$out" "invalid request is INVALID_ARGUMENT" '^error: INVALID_ARGUMENT '
  expect "$lang" "$out" "BadRequest field violation decoded" '^  field=max_output_tokens: .+'
}

run_example() { # run_example LANGUAGE NAME-IN-GREETING COMMAND...
  local lang="$1" name="$2"; shift 2
  local out="$work/$lang.out"
  echo "== $lang"
  local status=0
  LLMGATEWAY_TARGET="$target" LLMGATEWAY_API_KEY="${LLMGATEWAY_API_KEY:-}" \
    LLMGATEWAY_SERVICE_CONFIG="$root/client-stubs/src/main/resources/dev/llmgateway/client/service-config.json" \
    timeout "$step_timeout" "$@" >"$out" 2>&1 || status=$?
  sed 's/^/  | /' "$out"
  if [[ $status -eq 0 ]]; then
    passed=$((passed + 1)); echo "ok   $lang: exits 0"
  else
    failed=$((failed + 1)); echo "FAIL $lang: exited $status"
  fi
  check_output "$lang" "$name" "$out"
}

# --- Python: protoc + grpc_python_plugin ------------------------------------------------------
python=""
for candidate in "${PYTHON:-}" /usr/bin/python3 python3; do
  if [[ -n "$candidate" ]] && "$candidate" -c 'import grpc, google.protobuf' 2>/dev/null; then python="$candidate"; break; fi
done
[[ -n "$python" ]] || die "no python3 with grpcio and protobuf (Debian: python3-grpcio python3-protobuf)"
command -v grpc_python_plugin >/dev/null || die "grpc_python_plugin missing (Debian: protobuf-compiler-grpc)"
mkdir -p "$work/python"
timeout "$build_timeout" protoc -I"$protos" "${wkt_include[@]}" --python_out="$work/python" \
  --grpc_out="$work/python" --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" "${contract[@]}" "${rpc_protos[@]}"
PYTHONPATH="$work/python" run_example python Python "$python" "$here/python/example.py"

# --- Node: @grpc/grpc-js + @grpc/proto-loader load the .proto files at run time ---------------
[[ -d "$here/node/node_modules/@grpc/grpc-js" ]] || die "node dependencies missing: run 'npm ci' in $here/node"
LLMGATEWAY_PROTO_PATH="$protos" run_example node Node node "$here/node/example.js"

# --- Go: protoc-gen-go + protoc-gen-go-grpc into a GOPATH --------------------------------------
gopath="$work/go"
mkdir -p "$gopath/src/llmgateway-example"
timeout "$build_timeout" protoc -I"$protos" "${wkt_include[@]}" --go_out="$gopath/src" --go-grpc_out="$gopath/src" "${contract[@]}"
cp "$here/go/main.go" "$gopath/src/llmgateway-example/"
[[ -n "${GOCACHE:-}" || -n "${HOME:-}" || -n "${XDG_CACHE_HOME:-}" ]] || export GOCACHE="$work/go-cache"
(cd "$gopath/src/llmgateway-example" && GO111MODULE=off GOFLAGS= GOPATH="$gopath:/usr/share/gocode" \
  timeout "$build_timeout" go build -o "$work/go-example" .)
GRPC_GO_RETRY=on run_example go Go "$work/go-example"

echo "examples: $passed of $((passed + failed)) checks ok"
[[ $failed -eq 0 ]]
