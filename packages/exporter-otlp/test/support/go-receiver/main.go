// An OTLP/HTTP receiver on Go's net/http and compress/gzip, the HTTP stack of the OpenTelemetry
// Collector, for the exporter's tests: it decompresses the body the way the Collector does
// (gzip.Reader, multistream), and refuses with 400 a request whose decoded body does not have
// the SHA-256 the test announced in X-Expect-Sha256 (the bytes it meant to send).
//
//   /v1/traces           200, empty ExportTraceServiceResponse, Content-Length framing
//   /v1/traces?chunked   200, a partial success (3 rejected, "go says no") in a chunked body
//   /v1/traces?close     200 with "Connection: close"
//   /v1/traces?busy=N    503 with Retry-After: 0 for the first N requests, then 200
//
// Prints "PORT <n>" once listening on 127.0.0.1; the idle timeout is the first argument (ms).
package main

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

func main() {
	idle, _ := strconv.Atoi(os.Args[1])
	var busy int64
	handler := func(w http.ResponseWriter, r *http.Request) {
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				http.Error(w, "bad gzip: "+err.Error(), http.StatusBadRequest)
				return
			}
			body = zr
		}
		data, err := io.ReadAll(body)
		if err != nil {
			http.Error(w, "bad body: "+err.Error(), http.StatusBadRequest)
			return
		}
		sum := sha256.Sum256(data)
		if want := r.Header.Get("X-Expect-Sha256"); want != "" && want != hex.EncodeToString(sum[:]) {
			http.Error(w, fmt.Sprintf("body differs: %d bytes, sha256 %x", len(data), sum), http.StatusBadRequest)
			return
		}
		w.Header().Set("X-Body-Sha256", hex.EncodeToString(sum[:]))
		w.Header().Set("X-Body-Length", strconv.Itoa(len(data)))
		w.Header().Set("Content-Type", "application/x-protobuf")
		q := r.URL.Query()
		if n, err := strconv.ParseInt(q.Get("busy"), 10, 64); err == nil && atomic.AddInt64(&busy, 1) <= n {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if q.Has("close") {
			w.Header().Set("Connection", "close")
		}
		if q.Has("chunked") {
			// ExportTraceServiceResponse { partial_success { rejected_spans: 3, error_message: "go says no" } }
			msg := "go says no"
			partial := append([]byte{0x08, 0x03, 0x12, byte(len(msg))}, msg...)
			w.Write(append([]byte{0x0a, byte(len(partial))}, partial[:3]...))
			w.(http.Flusher).Flush() // no Content-Length: the rest goes out chunked
			w.Write(partial[3:])
			return
		}
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Printf("PORT %d\n", listener.Addr().(*net.TCPAddr).Port)
	server := &http.Server{Handler: http.HandlerFunc(handler), IdleTimeout: time.Duration(idle) * time.Millisecond}
	go func() {
		io.Copy(io.Discard, os.Stdin) // exits when the test closes stdin or goes away
		os.Exit(0)
	}()
	server.Serve(listener)
}
