package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// webDriver is a W3C WebDriver client (https://www.w3.org/TR/webdriver2/)
// over plain HTTP and JSON: only the commands the suite needs.
type webDriver struct {
	base    string // e.g. http://127.0.0.1:4444
	session string
	client  *http.Client
}

// wdError is a WebDriver error response's value.
type wdError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// do sends one command and decodes the response's "value" into out (when
// out is not nil).
func (d *webDriver) do(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, d.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("webdriver %s %s: status %d, body %q: %w", method, path, resp.StatusCode, raw, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e wdError
		json.Unmarshal(env.Value, &e)
		return fmt.Errorf("webdriver %s %s: %d %s: %s", method, path, resp.StatusCode, e.Error, e.Message)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Value, out)
}

// ready waits until the driver's /status answers, or the deadline passes.
func (d *webDriver) ready(within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		var st struct {
			Ready bool `json:"ready"`
		}
		err := d.do(http.MethodGet, "/status", nil, &st)
		if err == nil && st.Ready {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("webdriver at %s not ready after %v: %v", d.base, within, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// newSession opens a session with the given alwaysMatch capabilities.
func (d *webDriver) newSession(always map[string]any) error {
	var v struct {
		SessionID string `json:"sessionId"`
	}
	if err := d.do(http.MethodPost, "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": always}}, &v); err != nil {
		return err
	}
	if v.SessionID == "" {
		return fmt.Errorf("webdriver: new session returned no sessionId")
	}
	d.session = v.SessionID
	return nil
}

// navigate opens url in the session's tab and waits for it to load.
func (d *webDriver) navigate(url string) error {
	return d.do(http.MethodPost, "/session/"+d.session+"/url", map[string]string{"url": url}, nil)
}

// executeAsync runs script (which ends by calling its last argument) with
// args and decodes what it passed to that callback into out.
func (d *webDriver) executeAsync(script string, args []any, out any) error {
	return d.do(http.MethodPost, "/session/"+d.session+"/execute/async", map[string]any{"script": script, "args": args}, out)
}

// execute runs a synchronous script and decodes its return value into out.
func (d *webDriver) execute(script string, args []any, out any) error {
	return d.do(http.MethodPost, "/session/"+d.session+"/execute/sync", map[string]any{"script": script, "args": args}, out)
}

// deleteSession ends the session, which closes the browser.
func (d *webDriver) deleteSession() error {
	if d.session == "" {
		return nil
	}
	err := d.do(http.MethodDelete, "/session/"+d.session, nil, nil)
	d.session = ""
	return err
}
