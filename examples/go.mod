module github.com/corsfetch/corsfetch/examples

go 1.26.0

replace github.com/corsfetch/corsfetch => ../

require (
	github.com/corsfetch/corsfetch v0.0.0-00010101000000-000000000000
	github.com/rs/cors v1.11.1
)

require (
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
