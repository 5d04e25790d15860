package browser

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// randomSeed fixes the generator, so every run checks the same cases.
const randomSeed = 0x_c0_75_fe_7c

// randomCount is how many generated scenarios the suite runs.
const randomCount = 300

// randomScenarios mixes methods, request headers, credentials modes and
// server configurations (preflight and actual answers) at random, from a
// fixed seed. Each case cites the algorithms it exercises as a whole.
func randomScenarios(n int) []*Scenario {
	r := rand.New(rand.NewPCG(randomSeed, randomSeed>>7))
	pick := func(l ...string) string { return l[r.IntN(len(l))] }
	out := make([]*Scenario, 0, n)
	for i := range n {
		c := Call{
			Method:      pick("GET", "GET", "HEAD", "POST", "POST", "PUT", "DELETE", "PATCH", "patch", "FOO"),
			Credentials: pick("omit", "same-origin", "include"),
		}
		pool := []string{
			"Content-Type: text/plain", "Content-Type: application/json", "Accept: application/json",
			"X-A: 1", "X-B: 2", "Authorization: Bearer t", "Accept-Language: en_US", "Content-Language: en",
		}
		if c.Method == "GET" {
			pool = append(pool, "Range: bytes=0-1", "Range: bytes=-1")
		}
		for range r.IntN(3) {
			line := pool[r.IntN(len(pool))]
			name, _, _ := strings.Cut(line, ":")
			if !hasHeader(c.Header, name) {
				c.Header = append(c.Header, line)
			}
		}
		if c.Method != "GET" && c.Method != "HEAD" && r.IntN(3) > 0 {
			c.Body = "body"
		}

		var pre, act []string
		addIf := func(dst *[]string, name, v string) {
			if v != "" {
				*dst = append(*dst, name+": "+v)
			}
		}
		addIf(&pre, "Access-Control-Allow-Origin", pick("{P}", "{P}", "{P}", "*", "", "{B}", "null"))
		addIf(&pre, "Access-Control-Allow-Credentials", pick("", "true", "true"))
		addIf(&pre, "Access-Control-Allow-Methods", pick("", "*", strings.ToUpper(normalizeMethod(c.Method)), normalizeMethod(c.Method), "GET, POST", "PUT, PATCH, DELETE, FOO"))
		addIf(&pre, "Access-Control-Allow-Headers", pick("", "*", "x-a", "X-A, x-b, authorization", "content-type", "*, authorization"))
		addIf(&pre, "Access-Control-Max-Age", pick("", "", "0", "60"))
		addIf(&act, "Access-Control-Allow-Origin", pick("{P}", "{P}", "*", "", "{B}"))
		addIf(&act, "Access-Control-Allow-Credentials", pick("", "true", "true"))
		addIf(&act, "Access-Control-Expose-Headers", pick("", "*", "x-secret", "X-Secret, x-second"))
		act = append(act, secretHdr, secondHdr)
		preStatus := []int{200, 200, 200, 204, 404, 500}[r.IntN(6)]

		calls := []Call{c}
		if r.IntN(5) == 0 {
			calls = append(calls, c) // a second, identical call: the preflight cache
		}
		out = append(out, one(fmt.Sprintf("rnd-%03d", i), "seeded mix: "+fetchSpec+"#main-fetch",
			Reply{Status: preStatus, Header: pre}, Reply{Header: act}, calls...))
	}
	return out
}

// hasHeader reports whether lines holds a line for name (case-insensitive).
func hasHeader(lines []string, name string) bool {
	for _, l := range lines {
		k, _, _ := strings.Cut(l, ":")
		if strings.EqualFold(strings.TrimSpace(k), name) {
			return true
		}
	}
	return false
}

// headerValue returns the value of the first line for name, and whether
// there was one.
func headerValue(lines []string, name string) (string, bool) {
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		if strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}
