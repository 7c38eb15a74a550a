package state_test

import (
	"fmt"
	"os"

	"github.com/golanguk/golanguk/ui/state"
)

func Example() {
	dir, err := os.MkdirTemp("", "golanguk-state-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	content := []byte("# GolangUK 2016\n...")
	slugs := []string{"keynote-solid-go-design", "applied-go-kit", "idiomatic-go-tricks"}

	// A first run: read a talk part way, mark another.
	st, warnings := state.Open(dir, state.Options{})
	fmt.Println("warnings:", len(warnings))
	f := st.File("/home/reader/golanguk-2016.md", state.ContentHash(content), slugs)
	f.MarkRead("keynote-solid-go-design")
	f.SetTalk("idiomatic-go-tricks")
	f.SetPosition("idiomatic-go-tricks", state.Position{Section: "line-of-sight", Line: 3})
	f.SetList(state.ListView{Query: "cheney", Sort: "stars"})
	if err := st.Flush(); err != nil { // on quit
		fmt.Println(err)
	}

	// The next run starts where the first left off.
	st, _ = state.Open(dir, state.Options{})
	f = st.File("/home/reader/golanguk-2016.md", state.ContentHash(content), slugs)
	fmt.Printf("reading %s at %+v\n", f.Talk(), f.Position(f.Talk()))
	fmt.Printf("list %+v\n", f.List())
	fmt.Println(f.ReadCount(), "read; solid read:", f.IsRead("keynote-solid-go-design"))
	// Output:
	// warnings: 0
	// reading idiomatic-go-tricks at {Section:line-of-sight Line:3}
	// list {Query:cheney Rating:0 Sort:stars}
	// 1 read; solid read: true
}
