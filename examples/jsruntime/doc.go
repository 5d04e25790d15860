// Package jsruntime installs a browser-exact fetch() in a goja JavaScript
// runtime, built only on corsfetch's public API.
package jsruntime
