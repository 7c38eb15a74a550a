package source

import "time"

// SetMinPoll lowers the floor on the poll interval of s, so that a test
// can poll a local server every few milliseconds.
func SetMinPoll(s *Source, d time.Duration) { s.minPoll = d }

// PollEvery is how often Watch polls s when asked to poll every every.
func PollEvery(s *Source, every time.Duration) time.Duration { return s.pollEvery(every) }
