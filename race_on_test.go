//go:build race

package main

// raceDetector: under -race every test costs several times the CPU, so
// TestMain runs no more tests at once than there are cores.
const raceDetector = true
