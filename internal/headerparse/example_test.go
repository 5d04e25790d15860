package headerparse_test

import (
	"fmt"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

func ExampleNewListIter() {
	it := headerparse.NewListIter([]string{"PUT, ,DELETE", " PATCH"})
	for m, ok := it.Next(); ok; m, ok = it.Next() {
		fmt.Println(m)
	}
	// Output:
	// PUT
	// DELETE
	// PATCH
}

func ExampleGetDecodeAndSplit() {
	fmt.Printf("%q\n", headerparse.GetDecodeAndSplit(`"1,2", 3,`))
	// Output: ["\"1,2\"" "3" ""]
}

func ExampleParseMIMEType() {
	m, ok := headerparse.ParseMIMEType("Text/Plain;charset=utf-8")
	fmt.Println(ok, m.HasEssence("text/plain"))
	_, ok = headerparse.ParseMIMEType("text /plain")
	fmt.Println(ok)
	// Output:
	// true true
	// false
}

func ExampleParseSingleRange() {
	r, ok := headerparse.ParseSingleRange("bytes=500-", false)
	fmt.Printf("%q %q %v\n", r.Start, r.End, ok)
	_, ok = headerparse.ParseSingleRange("bytes=2-1", false)
	fmt.Println(ok)
	// Output:
	// "500" "" true
	// false
}

func ExampleParseDeltaSeconds() {
	fmt.Println(headerparse.ParseDeltaSeconds("600"))
	fmt.Println(headerparse.ParseDeltaSeconds("-1"))
	// Output:
	// 600 true
	// 0 false
}
