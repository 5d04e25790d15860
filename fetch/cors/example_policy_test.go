package cors_test

import (
	"fmt"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// A Range header judged by the standard and by each browser preset.
func ExamplePolicy_IsCORSSafelistedRequestHeader() {
	presets := []struct {
		name string
		p    cors.Policy
	}{{"spec", cors.Policy{}}, {"chromium", cors.ChromiumPolicy()}, {"firefox", cors.FirefoxPolicy()}, {"webkit", cors.WebKitPolicy()}}
	for _, v := range []string{"bytes=0-1", "Bytes=0-1", "bytes=9223372036854775807-", "bytes=18446744073709551616-"} {
		fmt.Printf("Range: %s:", v)
		for _, pr := range presets {
			fmt.Printf(" %s=%v", pr.name, pr.p.IsCORSSafelistedRequestHeader("Range", v))
		}
		fmt.Println()
	}
	// Output:
	// Range: bytes=0-1: spec=true chromium=true firefox=true webkit=true
	// Range: Bytes=0-1: spec=false chromium=false firefox=false webkit=true
	// Range: bytes=9223372036854775807-: spec=true chromium=false firefox=true webkit=true
	// Range: bytes=18446744073709551616-: spec=true chromium=false firefox=false webkit=false
}
