package safelist

import "strings"

// casings returns name in several byte casings: as given, lower, upper and
// alternating, so that every name test also checks byte-case-insensitivity.
func casings(name string) []string {
	alt := []byte(strings.ToLower(name))
	for i := range alt {
		if i%2 == 1 && 'a' <= alt[i] && alt[i] <= 'z' {
			alt[i] -= 'a' - 'A'
		}
	}
	return []string{name, strings.ToLower(name), strings.ToUpper(name), string(alt)}
}
