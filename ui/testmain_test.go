package ui_test

import (
	"flag"
	"os"
	"testing"
)

// TestMain runs more of the parallel tests at once than there are cores,
// unless -parallel says otherwise or the race detector is on: the screen
// tests spend their time waiting for the program to draw, not computing,
// but under -race they compute several times as much.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set && !raceDetector {
		_ = flag.Set("test.parallel", "6")
	}
	os.Exit(m.Run())
}
