package notes

// Field names the part of a talk a query matched.
type Field int

const (
	FieldNone    Field = iota // no query: every talk is a hit
	FieldTitle                // the strongest match was in the title
	FieldSpeaker              // ... in the speaker's name
	FieldNotes                // ... only in the notes body
)

func (f Field) String() string {
	switch f {
	case FieldTitle:
		return "title"
	case FieldSpeaker:
		return "speaker"
	case FieldNotes:
		return "notes"
	}
	return ""
}

// Sort is an order for listed talks.
type Sort int

const (
	SortSchedule  Sort = iota // file order
	SortStars                 // most stars first, then schedule
	SortTitle                 // by title, case- and accent-insensitive
	SortSpeaker               // by speaker, then schedule
	SortRelevance             // best match first (only with a query)
)

// Query selects and orders talks.
type Query struct {
	// Text is the search: space-separated terms, all of which must match.
	Text string
	// MinStars keeps only talks with at least this rating (0: all).
	MinStars int
	// Sort orders the hits. With a Text and SortSchedule unset callers
	// usually pass SortRelevance.
	Sort Sort
}

// Hit is one talk selected by a Query, with what matched.
type Hit struct {
	Talk *Talk
	// Field is the strongest field matched: title over speaker over notes.
	Field Field
	// TitlePos and SpeakerPos are the matched rune positions in Talk.Title
	// and Talk.Speaker, for highlighting.
	TitlePos   []int
	SpeakerPos []int
	// Snippet is one line of the notes around the first notes match, and
	// SnippetPos the matched rune positions inside it. Empty when no term
	// matched the notes.
	Snippet    string
	SnippetPos []int
	// Score ranks hits; higher is better.
	Score int
}

// index holds what Search precomputes over a document's talks.
// (Filled in by the search implementation.)
type index struct{}
