// Command modproxy serves a module's committed tree as a release from a module
// proxy on disk, so that `go install MODULE@VERSION` can be tried before the
// module is published. It writes the files a GOPROXY=file://DIR needs: the
// version list, and the .info, .mod and .zip of one version, the zip made by
// golang.org/x/mod/zip from a git revision, as the real proxy makes it.
//
//	go run . -repo ../.. -module github.com/golanguk/golanguk -version v0.0.0-ci -o /tmp/proxy
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	repo := flag.String("repo", ".", "the git checkout holding the module at its root")
	rev := flag.String("rev", "HEAD", "the git revision to release")
	mod := flag.String("module", "", "the module path")
	version := flag.String("version", "v0.0.0-ci", "the version to serve it as")
	out := flag.String("o", "", "the proxy directory to write")
	flag.Parse()
	if err := run(*repo, *rev, *mod, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(repo, rev, mod, version, out string) error {
	if mod == "" || out == "" {
		return fmt.Errorf("-module and -o are required")
	}
	m := module.Version{Path: mod, Version: version}
	if err := module.Check(m.Path, m.Version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(m.Path)
	if err != nil {
		return err
	}
	dir := filepath.Join(out, escaped, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	gomod, err := exec.Command("git", "-C", repo, "show", rev+":go.mod").Output()
	if err != nil {
		return fmt.Errorf("reading go.mod at %s: %w", rev, err)
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		return err
	}
	if err := zip.CreateFromVCS(f, m, repo, rev, ""); err != nil {
		f.Close()
		return fmt.Errorf("zipping %s at %s: %w", repo, rev, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"list":            []byte(version + "\n"),
		version + ".info": info,
		version + ".mod":  gomod,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("modproxy: %s served from %s\n", m, strings.TrimSuffix(out, "/"))
	return nil
}
