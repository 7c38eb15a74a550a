// Command gennotes writes a synthetic notes file for trying golanguk at
// scale:
//
//	go run ./notes/notestest/gennotes -n 100000 -seed 1 -o big.md
//	golanguk --notes big.md
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/golanguk/golanguk/notes/notestest"
)

func main() {
	n := flag.Int("n", 1000, "number of talks")
	seed := flag.Int64("seed", 1, "random seed; the same seed writes the same file")
	out := flag.String("o", "-", "output file, - for stdout")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gennotes [-n talks] [-seed N] [-o file]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gennotes:", err)
		os.Exit(1)
	}
}

func run(out string, n int, seed int64) error {
	if out == "-" {
		return notestest.Write(os.Stdout, n, seed)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := notestest.Write(f, n, seed); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
