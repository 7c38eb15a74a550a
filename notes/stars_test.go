package notes_test

import (
	"fmt"

	"github.com/golanguk/golanguk/notes"
)

func ExampleStars() {
	fmt.Println(notes.Stars(6))
	fmt.Println(notes.Stars(0))
	fmt.Println(notes.Stars(12)) // clamped
	// Output:
	// ★★★★★★☆☆☆☆ 6/10
	// ☆☆☆☆☆☆☆☆☆☆ 0/10
	// ★★★★★★★★★★ 10/10
}

func ExampleStarRuns() {
	filled, empty := notes.StarRuns(3)
	fmt.Printf("%q %q\n", filled, empty)
	filled, empty = notes.StarRuns(-1)
	fmt.Printf("%q %q\n", filled, empty)
	// Output:
	// "★★★" "☆☆☆☆☆☆☆"
	// "" "☆☆☆☆☆☆☆☆☆☆"
}
