//go:build !unix

package main

// suspendRequests is for systems without job control: nothing asks the
// browser to suspend.
func suspendRequests() (requests <-chan struct{}, stop func()) {
	return nil, func() {}
}

// stopProcess is nil where there is no job control: ctrl+z does nothing.
var stopProcess func() error
