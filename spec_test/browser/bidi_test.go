package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/net/websocket"
)

// bidiConn is a minimal WebDriver BiDi client
// (https://w3c.github.io/webdriver-bidi/): commands matched to their
// replies by id. Events are not subscribed to, and dropped if any come.
type bidiConn struct {
	ws *websocket.Conn

	sendMu sync.Mutex // one frame at a time

	mu      sync.Mutex
	nextID  int
	waits   map[int]chan bidiReply
	readErr error         // why the read loop ended
	done    chan struct{} // closed when the read loop ends
}

type bidiReply struct {
	result json.RawMessage
	err    error
}

// dialBiDi opens the session endpoint at url (ws://host:port/session).
func dialBiDi(url string) (*bidiConn, error) {
	ws, err := websocket.Dial(url, "", "http://127.0.0.1/")
	if err != nil {
		return nil, err
	}
	ws.MaxPayloadBytes = 64 << 20
	b := &bidiConn{ws: ws, waits: map[int]chan bidiReply{}, done: make(chan struct{})}
	go b.read()
	return b, nil
}

// read files every reply with the command waiting for it.
func (b *bidiConn) read() {
	defer close(b.done)
	for {
		var msg struct {
			ID      *int            `json:"id"`
			Type    string          `json:"type"`
			Result  json.RawMessage `json:"result"`
			Error   string          `json:"error"`
			Message string          `json:"message"`
		}
		if err := websocket.JSON.Receive(b.ws, &msg); err != nil {
			b.mu.Lock()
			b.readErr = err
			b.mu.Unlock()
			return
		}
		if msg.ID == nil {
			continue // an event
		}
		r := bidiReply{result: msg.Result}
		if msg.Type == "error" || msg.Error != "" {
			r.err = fmt.Errorf("%s: %s", msg.Error, msg.Message)
		}
		b.mu.Lock()
		ch := b.waits[*msg.ID]
		delete(b.waits, *msg.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
}

// call sends one command and waits for its reply, ctx's end, or the
// connection's.
func (b *bidiConn) call(ctx context.Context, method string, params any) (json.RawMessage, error) {
	ch := make(chan bidiReply, 1)
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	b.waits[id] = ch
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.waits, id)
		b.mu.Unlock()
	}()
	if params == nil {
		params = map[string]any{}
	}
	b.sendMu.Lock()
	err := websocket.JSON.Send(b.ws, map[string]any{"id": id, "method": method, "params": params})
	b.sendMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, fmt.Errorf("%s: %w", method, r.err)
		}
		return r.result, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	case <-b.done:
		b.mu.Lock()
		err := b.readErr
		b.mu.Unlock()
		return nil, fmt.Errorf("%s: connection closed: %w", method, errors.Join(err, errors.New("no reply")))
	}
}

// evaluateString evaluates expression, which must yield a string or a
// promise of one, in the browsing context and returns the string.
func (b *bidiConn) evaluateString(ctx context.Context, browsingContext, expression string) (string, error) {
	raw, err := b.call(ctx, "script.evaluate", map[string]any{
		"expression":      expression,
		"target":          map[string]any{"context": browsingContext},
		"awaitPromise":    true,
		"resultOwnership": "none",
	})
	if err != nil {
		return "", err
	}
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return "", fmt.Errorf("script.evaluate: %w", err)
	}
	if res.Type != "success" {
		return "", fmt.Errorf("script.evaluate: %s: %s", res.Type, res.ExceptionDetails.Text)
	}
	s, ok := res.Result.Value.(string)
	if res.Result.Type != "string" || !ok {
		return "", fmt.Errorf("script.evaluate: a %s, not a string", res.Result.Type)
	}
	return s, nil
}

func (b *bidiConn) close() { b.ws.Close() }
