package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// TestListJSONMemoryAtScale: list --json on 1,000,000 tiny talks held
// every talk's JSON value at once (2.4 GB peak). writeListJSON now writes
// a talk at a time; its bytes must stay those of encoding the whole array
// with an Encoder indented by two spaces, for any number of talks.
func TestListJSONMemoryAtScale(t *testing.T) {
	doc := embedded(t)
	all := doc.Search(notes.Query{})
	isRead := func(slug string) bool { return slug == all[0].Talk.Slug }
	for _, tc := range []struct {
		name      string
		hits      []notes.Hit
		withMatch bool
	}{
		{"none", nil, false},
		{"one", all[:1], false},
		{"all", all, false},
		{"search", doc.Search(notes.Query{Text: "error", Sort: notes.SortRelevance}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := make([]listTalkJSON, len(tc.hits))
			for i, h := range tc.hits {
				want[i] = listTalkJSON{notes.NewTalkJSON(h, tc.withMatch), isRead(h.Talk.Slug)}
			}
			var wb bytes.Buffer
			enc := json.NewEncoder(&wb)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(want); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := writeListJSON(&got, tc.hits, tc.withMatch, isRead); err != nil {
				t.Fatal(err)
			}
			if got.String() != wb.String() {
				t.Errorf("writeListJSON wrote\n%.400s\nwant\n%.400s", got.String(), wb.String())
			}
		})
	}
}
