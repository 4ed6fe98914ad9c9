// Command example calls llm-gateway from Go: a completion, a streamed completion, an embedding,
// and errors with their google.rpc details.
//
// It needs the stubs generated from the contract's .proto files with protoc-gen-go and
// protoc-gen-go-grpc, importable as github.com/llm-gateway/llm-gateway/gen/go/llmgateway/v1
// (see ../README.md). Environment: LLMGATEWAY_TARGET (default localhost:50051),
// LLMGATEWAY_API_KEY (may be empty), LLMGATEWAY_TLS=1 to use TLS with the system's trusted roots
// instead of plaintext, and LLMGATEWAY_SERVICE_CONFIG for the service config JSON (default: the
// Java client's, found relative to this source file). grpc-go releases before 1.40 apply its retry
// policy only with GRPC_GO_RETRY=on.
package main

import (
	"context"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	llmgatewayv1 "github.com/llm-gateway/llm-gateway/gen/go/llmgateway/v1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const (
	unaryTimeout  = 60 * time.Second
	streamTimeout = 10 * time.Minute
)

// dial opens a channel with the same service config as the Java client: unary calls retried on
// UNAVAILABLE.
func dial(target string) (*grpc.ClientConn, error) {
	config, err := ioutil.ReadFile(serviceConfigPath())
	if err != nil {
		return nil, err
	}
	transport := grpc.WithInsecure()
	if os.Getenv("LLMGATEWAY_TLS") == "1" {
		transport = grpc.WithTransportCredentials(credentials.NewClientTLSFromCert(nil, ""))
	}
	return grpc.Dial(target, transport, grpc.WithDefaultServiceConfig(string(config)))
}

func serviceConfigPath() string {
	if path := os.Getenv("LLMGATEWAY_SERVICE_CONFIG"); path != "" {
		return path
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "../../src/main/resources/dev/llmgateway/client/service-config.json")
}

func userMessage(text string) *llmgatewayv1.Message {
	return &llmgatewayv1.Message{
		Role:    llmgatewayv1.Role_ROLE_USER,
		Content: []*llmgatewayv1.ContentPart{{Part: &llmgatewayv1.ContentPart_Text{Text: text}}},
	}
}

// describeError prints a failed call's status and its google.rpc details.
func describeError(err error) {
	st := status.Convert(err)
	fmt.Printf("error: %s %s\n", codeName(st.Code().String()), st.Message())
	for _, detail := range st.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			fmt.Printf("  reason=%s domain=%s request_id=%s\n", d.Reason, d.Domain, d.Metadata["request_id"])
		case *errdetails.BadRequest:
			for _, v := range d.FieldViolations {
				fmt.Printf("  field=%s: %s\n", v.Field, v.Description)
			}
		case *errdetails.RetryInfo:
			fmt.Printf("  retry after %ds\n", d.RetryDelay.GetSeconds())
		}
	}
}

// codeName turns Go's code names (NotFound) into the canonical ones (NOT_FOUND) other languages print.
func codeName(goName string) string {
	var out strings.Builder
	for i, r := range goName {
		if i > 0 && r >= 'A' && r <= 'Z' {
			out.WriteByte('_')
		}
		out.WriteRune(r)
	}
	return strings.ToUpper(out.String())
}

func main() {
	target := os.Getenv("LLMGATEWAY_TARGET")
	if target == "" {
		target = "localhost:50051"
	}
	conn, err := dial(target)
	if err != nil {
		log.Fatalf("dial %s: %v", target, err)
	}
	defer conn.Close()
	gateway := llmgatewayv1.NewGatewayServiceClient(conn)

	base := context.Background()
	if key := os.Getenv("LLMGATEWAY_API_KEY"); key != "" {
		base = metadata.AppendToOutgoingContext(base, "authorization", "Bearer "+key)
	}
	unary := func() (context.Context, context.CancelFunc) { return context.WithTimeout(base, unaryTimeout) }

	ctx, cancel := unary()
	models, err := gateway.ListModels(ctx, &llmgatewayv1.ListModelsRequest{})
	cancel()
	if err != nil {
		log.Fatalf("ListModels: %v", err)
	}
	var ids []string
	for _, m := range models.Models {
		ids = append(ids, m.Id)
	}
	fmt.Printf("models: %s\n", strings.Join(ids, " "))

	ctx, cancel = unary()
	answer, err := gateway.Complete(ctx, &llmgatewayv1.CompleteRequest{
		Model: "demo", Messages: []*llmgatewayv1.Message{userMessage("Hello from Go")}})
	cancel()
	if err != nil {
		log.Fatalf("Complete: %v", err)
	}
	var text strings.Builder
	for _, part := range answer.Message.Content {
		text.WriteString(part.GetText())
	}
	fmt.Printf("complete: %s/%s %s: %s\n", answer.Provider, answer.Model, answer.FinishReason, text.String())

	ctx, cancel = context.WithTimeout(base, streamTimeout)
	stream, err := gateway.CompleteStream(ctx, &llmgatewayv1.CompleteRequest{
		Model: "demo", Messages: []*llmgatewayv1.Message{userMessage("Stream to Go")}})
	if err != nil {
		log.Fatalf("CompleteStream: %v", err)
	}
	fmt.Print("stream: ")
	chunks := 0
	var last *llmgatewayv1.CompleteStreamResponse
	for {
		chunk, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatalf("CompleteStream: %v", err)
		}
		chunks++
		fmt.Print(chunk.TextDelta)
		last = chunk
	}
	cancel()
	fmt.Printf("\nstream-done: chunks=%d finish=%s output_tokens=%d\n",
		chunks, last.FinishReason, last.GetUsage().GetOutputTokens())

	dimensions := int32(8)
	ctx, cancel = unary()
	embedded, err := gateway.Embed(ctx, &llmgatewayv1.EmbedRequest{
		Model: "demo-embed", Inputs: []string{"alpha", "beta"}, Dimensions: &dimensions})
	cancel()
	if err != nil {
		log.Fatalf("Embed: %v", err)
	}
	fmt.Printf("embed: %d vectors, %d dimensions, provider %s\n",
		len(embedded.Embeddings), len(embedded.Embeddings[0].Values), embedded.Provider)

	negative := int32(-1)
	for _, bad := range []*llmgatewayv1.CompleteRequest{
		{Model: "no-such-model", Messages: []*llmgatewayv1.Message{userMessage("x")}},
		{Model: "demo", Messages: []*llmgatewayv1.Message{userMessage("x")}, MaxOutputTokens: &negative},
	} {
		ctx, cancel = unary()
		_, err := gateway.Complete(ctx, bad)
		cancel()
		if err == nil {
			log.Fatalf("expected the gateway to reject %s", bad.Model)
		}
		describeError(err)
	}
}
