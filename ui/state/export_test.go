package state

// SetBeforeRename sets a hook run between writing the temporary file and
// renaming it over state.json, for the crash test's helper process.
func SetBeforeRename(f func()) { beforeRename = f }

// Reencode decodes b as state.json and encodes the result as a write
// would, bounded; for the fuzz target.
func Reencode(b []byte) ([]byte, error) {
	d, err := decode(b)
	if err != nil {
		return nil, err
	}
	return d.bound(nil)
}
