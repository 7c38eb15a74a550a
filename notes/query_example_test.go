package notes_test

import (
	"fmt"

	"github.com/golanguk/golanguk/notes"
)

func ExampleParseQuery() {
	q, err := notes.ParseQuery(`speaker:cheney 'solid | ^seven !profiling\ go stars:>=7`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, g := range q.Groups {
		for _, t := range g {
			fmt.Printf("group %d: %-22s field %-7v kind %-8v negate %-5v text %q\n",
				i, q.Text[t.Span.Start:t.Span.End], t.Field, t.Kind, t.Negate, t.Text)
		}
	}
	fmt.Println(q)
	fmt.Println("rating", q.MinStars, "to", q.MaxStars)

	talk := &notes.TalkFields{Title: "Keynote: SOLID Go design", Speaker: "Dave Cheney", Stars: 8}
	m, ok := q.MatchTalk(talk)
	fmt.Println("keynote matches:", ok, "score", m.Score)
	for _, mk := range m.Marks {
		text := map[notes.TermField]string{notes.InTitle: talk.Title, notes.InSpeaker: talk.Speaker}[mk.Field]
		r := mk.Ranges[0]
		fmt.Printf("  %s marks %v %q\n", q.Text[mk.Term.Span.Start:mk.Term.Span.End], mk.Field, text[r.Start:r.End])
	}

	_, err = notes.ParseQuery("go stars:>=11")
	fmt.Println(err)
	// Output:
	// group 0: speaker:cheney         field speaker kind fuzzy    negate false text "cheney"
	// group 1: 'solid                 field         kind exact    negate false text "solid"
	// group 1: ^seven                 field         kind prefix   negate false text "seven"
	// group 2: !profiling\ go         field         kind exact    negate true  text "profiling go"
	// group 3: stars:>=7              field stars   kind fuzzy    negate false text ""
	// speaker:cheney 'solid | ^seven !profiling\ go ★≥7
	// rating 7 to 10
	// keynote matches: true score 180
	//   speaker:cheney marks speaker "Cheney"
	//   'solid marks title "SOLID"
	// query: stars:>=11: ratings go from 0 to 10
}

func ExampleTerm_Match() {
	q, _ := notes.ParseQuery("'patan")
	t := &q.Groups[0][0]
	speaker := "Florin Pățan"
	m, ok := t.Match(notes.InSpeaker, speaker)
	fmt.Println(ok, m.Ranges, speaker[m.Ranges[0].Start:m.Ranges[0].End], m.Tier == notes.TierWord, m.Score)
	// Output:
	// true [{7 14}] Pățan true 80
}
