package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/corsfetch/corsfetch/corstest"
)

// isTerminalAny reports whether w is a terminal, where a progress line
// belongs; tests replace it.
var isTerminalAny = func(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// runMatrix is `corscheck matrix`: it returns the exit status.
func runMatrix(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseMatrixArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, matrixUsageText)
		return exitAllowed
	}
	if err != nil {
		fmt.Fprintf(stderr, "corscheck matrix: %v\nrun 'corscheck matrix -h' for usage\n", escapeControls(err.Error()))
		return exitUsage
	}
	tlsConf, err := tlsConfig(cfg.Insecure, cfg.CACert)
	if err != nil {
		fmt.Fprintf(stderr, "corscheck matrix: %v\n", escapeControls(err.Error()))
		return exitUsage
	}
	base := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		IdleConnTimeout:       time.Second,
		MaxConnsPerHost:       cfg.Concurrency,
		ForceAttemptHTTP2:     true,
	}
	defer base.CloseIdleConnections()
	table, code := matrix(context.Background(), cfg, base, stderr)
	if table == nil {
		return code
	}
	if err := writeMatrix(stdout, cfg, table); err != nil {
		fmt.Fprintf(stderr, "corscheck matrix: %v\n", err)
		return exitUsage
	}
	return code
}

// matrix runs cfg's combinations over base, with a progress line on stderr
// when it is a terminal, and returns the table and the exit status.
func matrix(ctx context.Context, cfg *matrixConfig, base http.RoundTripper, stderr io.Writer) (*corstest.Table, int) {
	r := &corstest.Runner{Base: base, Concurrency: cfg.Concurrency, Timeout: cfg.Timeout}
	if len(cfg.Cookies) > 0 {
		cookies := &config{Cookies: cfg.Cookies} // its jar() is the single check's
		r.Jar = func() http.CookieJar {
			j, err := cookies.jar()
			if err != nil {
				return nil // cookiejar.New(nil) does not fail
			}
			return j
		}
	}
	progress := isTerminalAny(stderr)
	if progress {
		r.Progress = func(done, total int) {
			fmt.Fprintf(stderr, "\r\x1b[Kcorscheck matrix: %d/%d", done, total)
		}
	}
	table, err := r.Run(ctx, cfg.Axes)
	if progress {
		fmt.Fprint(stderr, "\r\x1b[K")
	}
	if err != nil {
		fmt.Fprintf(stderr, "corscheck matrix: %v\n", escapeControls(err.Error()))
		return nil, exitUsage
	}
	for _, row := range table.Rows {
		if row.Verdict.Outcome == corstest.Failed {
			return table, exitNetwork
		}
	}
	return table, exitAllowed
}

// writeMatrix prints the table as cfg asks; what the server sent is
// escaped so that it cannot act on a terminal.
func writeMatrix(w io.Writer, cfg *matrixConfig, table *corstest.Table) error {
	var buf bytes.Buffer
	var err error
	switch {
	case cfg.JSON:
		err = table.WriteJSON(&buf)
		if err == nil {
			_, err = w.Write(escapeJSONC1(buf.Bytes()))
		}
		return err
	case cfg.Markdown:
		err = table.WriteMarkdown(&buf)
	default:
		if cfg.PolicyName != "spec" {
			fmt.Fprintf(&buf, "policy: %s\n", cfg.PolicyName)
		}
		err = table.WriteText(&buf)
	}
	if err != nil {
		return err
	}
	ew := &escapingWriter{w: w}
	if _, err := ew.Write(buf.Bytes()); err != nil {
		return err
	}
	return ew.Flush()
}
