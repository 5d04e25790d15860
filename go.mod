module github.com/corsfetch/corsfetch

go 1.26

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/net v0.62.0 // indirect
)
