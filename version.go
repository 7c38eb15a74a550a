package main

import (
	"runtime/debug"
	"strings"
)

// version is the module version and VCS revision from the build info.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	rev = rev[:min(12, len(rev))]
	if rev != "" && !strings.Contains(v, rev) {
		v += " (" + rev + modified + ")"
	}
	return v
}
