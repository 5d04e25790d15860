package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
)

// jarCookie is a cookie from -b and the URL it is stored for.
type jarCookie struct {
	url    *url.URL
	cookie *http.Cookie
}

// jar returns a fresh cookie jar holding the -b cookies, or nil when there
// are none. Each check gets its own jar, so cookies a server sets in one
// check do not reach the next (the per-engine runs judge the same request).
func (c *config) jar() (http.CookieJar, error) {
	if len(c.Cookies) == 0 {
		return nil, nil
	}
	j, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	for _, jc := range c.Cookies {
		j.SetCookies(jc.url, []*http.Cookie{jc.cookie})
	}
	return j, nil
}

// parseCookieArg reads one -b value as curl does: a value with "=" is a
// cookie string ("name=value; n2=v2"), sent to the target's host only;
// anything else names a cookie file in the Netscape format (what curl -c
// and browser extensions write).
func parseCookieArg(arg string, target *url.URL) ([]jarCookie, error) {
	if strings.Contains(arg, "=") {
		cs, err := http.ParseCookie(arg)
		if err != nil {
			return nil, usagef("-b %q: %v (write name=value; name2=value2)", arg, err)
		}
		u := &url.URL{Scheme: target.Scheme, Host: target.Host, Path: "/"}
		out := make([]jarCookie, len(cs))
		for i, c := range cs {
			c.Path = "/"
			out[i] = jarCookie{url: u, cookie: c}
		}
		return out, nil
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, usagef("-b %s: %v (a cookie string needs name=value)", arg, err)
	}
	defer f.Close()
	return parseNetscapeCookies(f.Name(), bufio.NewScanner(f), time.Now())
}

// parseNetscapeCookies reads a Netscape cookie file: one cookie a line, seven
// tab-separated fields (domain, include subdomains, path, secure, expiry in
// Unix seconds with 0 for a session cookie, name, value); "#HttpOnly_" before
// the domain marks an HttpOnly cookie; other lines starting with # are
// comments. Expired cookies are skipped.
func parseNetscapeCookies(name string, sc *bufio.Scanner, now time.Time) ([]jarCookie, error) {
	var out []jarCookie
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		httpOnly := false
		if rest, ok := strings.CutPrefix(line, "#HttpOnly_"); ok {
			line, httpOnly = rest, true
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			return nil, usagef("-b %s line %d: a Netscape cookie line has 7 tab-separated fields, this one %d", name, n, len(f))
		}
		exp, err := strconv.ParseInt(f[4], 10, 64)
		if err != nil {
			return nil, usagef("-b %s line %d: expiry %q is not Unix seconds", name, n, f[4])
		}
		host := strings.TrimPrefix(f[0], ".")
		if host == "" {
			return nil, usagef("-b %s line %d: no domain", name, n)
		}
		c := &http.Cookie{Name: f[5], Value: f[6], Path: f[2], Secure: f[3] == "TRUE", HttpOnly: httpOnly}
		if f[1] == "TRUE" {
			c.Domain = host
		}
		if exp != 0 {
			c.Expires = time.Unix(exp, 0)
			if !c.Expires.After(now) {
				continue
			}
		}
		scheme := "http"
		if c.Secure {
			scheme = "https"
		}
		out = append(out, jarCookie{url: &url.URL{Scheme: scheme, Host: host, Path: c.Path}, cookie: c})
	}
	if err := sc.Err(); err != nil {
		return nil, usagef("-b %s: %v", name, err)
	}
	return out, nil
}

// cookieNote says why the -b cookies will not be sent, or "".
func cookieNote(cfg *config, crossOrigin bool) string {
	if len(cfg.Cookies) == 0 {
		return ""
	}
	switch {
	case cfg.Credentials == fetch.CredentialsOmit:
		return "the -b cookies are not sent: -credentials omit never sends cookies"
	case cfg.Credentials != fetch.CredentialsInclude && crossOrigin:
		return "the -b cookies are not sent: credentials same-origin sends none to another origin; add -credentials include"
	}
	return fmt.Sprintf("%d cookie(s) from -b in the jar, sent where the cookie rules allow", len(cfg.Cookies))
}
