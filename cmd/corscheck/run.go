package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"
)

// run is the whole command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "demo" {
		return runDemo(args[1:], stdout, stderr)
	}
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usageText)
		return exitAllowed
	}
	if err != nil {
		fmt.Fprintf(stderr, "corscheck: %v\nrun 'corscheck -h' for usage\n", escapeControls(err.Error()))
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Timeout)
	defer cancel()
	base := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		TLSClientConfig:       cfg.TLS,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		IdleConnTimeout:       time.Second,
		ForceAttemptHTTP2:     true,
	}
	defer base.CloseIdleConnections()
	if cfg.JSON {
		rep := check(ctx, cfg, base, nil)
		if cfg.Engines && (rep.Verdict == verdictAllowed || rep.Verdict == verdictBlocked) {
			rep.Engines = compareEngines(ctx, cfg, rep, base)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "corscheck: %v\n", err)
			return exitUsage
		}
		stdout.Write(escapeJSONC1(buf.Bytes()))
		return rep.exitCode()
	}
	// Text: each step as it happens, every byte from the server escaped.
	ew := &escapingWriter{w: stdout}
	defer ew.Flush()
	tw := &textWriter{w: ew, verbose: cfg.Verbose}
	rep := checkLive(ctx, cfg, base, nil, tw)
	tw.finishVerdict()
	if cfg.Engines && (rep.Verdict == verdictAllowed || rep.Verdict == verdictBlocked) {
		rep.Engines = compareEngines(ctx, cfg, rep, base)
		tw.engines()
	}
	return rep.exitCode()
}
