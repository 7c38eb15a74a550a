package notestest

// The vocabulary the generator draws from: the subjects, names and the
// note-taking voice of Go conference notes.

var numberWords = [...]string{
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
}

var conferences = []string{
	"GolangUK", "GopherCon", "dotGo", "GopherCon EU", "Go Devroom", "GoLab",
}

var sizeSuffixes = []string{"", "", " =512x", " =512x", " =450x", " =512x300", " =512x380"}

var tlds = []string{".com", ".io", ".dev", ".org", ".co.uk"}

var affiliations = []string{
	"Go team", "Google", "Docker", "CoreOS", "Cloudflare", "SoundCloud",
	"Improbable", "HashiCorp", "Monzo", "Social Point",
}

var firstNames = []string{
	"Dave", "Peter", "Mat", "Matthew", "Marcel", "Natalie", "Paul", "Florin",
	"Piyush", "Nicholas", "Slawosz", "Eleanor", "Björn", "Carlisia", "Jennie",
	"Mandy", "Nic", "Víctor", "Andreas", "Francesc", "Kavya", "Ashley",
	"Brian", "Katrina", "Sameer", "Bill", "Rob", "Russ", "Ian", "Aditya",
	"Ronna", "Kat", "Jaana", "Filippo", "Johan", "Renée", "Zoë", "Łukasz",
	"Ștefan", "Joël", "Chloé", "Søren", "Jürgen", "Ramón", "Inés", "Gonzalo",
	"Hernán", "Sergio", "Alberto", "Ferran", "Liz", "Steve", "William",
	"Hana", "Ayşe", "Mihai", "Anaïs", "Nuño", "Lucía", "Tomás",
}

var lastNames = []string{
	"Cheney", "Bourgon", "Ryer", "Campbell", "van Lohuizen", "Pistunovich",
	"Crawford", "Pățan", "Verma", "Ng", "Slawinski", "McHugh", "Rabenstein",
	"Campos", "Lees", "Waite", "Jackson", "Ruiz", "Krennmair", "Campoy",
	"Ramakrishnan", "McNamara", "Ketelsen", "Owens", "Ajmani", "Kennedy",
	"Pike", "Cox", "Lance Taylor", "Mazumdar", "Steele", "Zimmerman", "Dogan",
	"Valsorda", "Brandhorst", "French", "Kowalski", "Müller", "Fernández",
	"Hernán", "Serrano", "Orriols", "Moya", "Kleiman", "Rice", "Francia",
	"Yılmaz", "Popescu", "Åström", "Jørgensen", "Peña", "Núñez",
	"Ionescu", "Dubois", "Lefèvre", "Schäfer",
}

var titleShapes = []string{
	"SOLID Go design",
	"Applied {Thing}",
	"Idiomatic Go Tricks",
	"{Topic} in your {Topic}",
	"Advanced testing concepts for Go {ver}",
	"Developing Apps for Developing Countries with {Thing}",
	"A beginners guide to {Topic}",
	"Go from Dev to Prod",
	"Design patterns in {Topic} architectures and {Thing}",
	"static deadlock detection",
	"Advanced Patterns with {pkg}",
	"What every developer should know about {Topic}",
	"Implementing software machines in Go & C",
	"Grand Treatise of Modern {Topic} and {Topic}",
	"{Thing} and the Go Community: Initiatives and Opportunities",
	"Managing and scaling Real-time {Topic} using Go",
	"Building Cloud Native applications with Go",
	"Building {Thing} with Go",
	"Seven ways to profile Go applications",
	"Building your own {Thing} in Go",
	"Real-Time Go",
	"{Topic} at scale with Go",
	"Lessons learned from {n} years of {Topic}",
	"Understanding {pkg}",
	"The past, present and future of {Topic}",
	"Go for {Topic} engineers",
	"Writing fast {Thing}s in Go",
	"{Topic}: the missing manual",
	"From Python to Go: {Topic} at {Thing}",
	"Inside the Go {Topic}",
	"Zero-allocation {Topic}",
	"How we replaced our {Thing} with {n} lines of Go",
	"Debugging {Topic} in production",
	"Go {ver} and beyond: {Topic}",
	"Go and {Topic}: a love story",
	"Ten things I wish I knew about {pkg}",
	"Profiling {Thing}s with pprof",
}

var topics = []string{
	"Microservices", "Concurrency", "Context", "Logging", "Instrumentation",
	"Orchestration", "Data Pipelines", "Testing", "Profiling", "Garbage Collection",
	"Scheduling", "Error Handling", "Interfaces", "Generics", "Networking",
	"Security", "Cryptography", "Observability", "Tracing", "Databases",
	"Cloud", "Containers", "Kubernetes", "WebAssembly", "Embedded Systems",
	"Compilers", "Code Generation", "Reflection", "Memory Management",
	"Distributed Systems", "Streaming", "Machine Learning", "Mobile",
	"Tooling", "Static Analysis", "Fuzzing", "Benchmarks", "API Design",
	"Dependency Management", "Serialization",
}

var things = []string{
	"Go kit", "go-mobile", "Gilmour", "GoBridge", "Mobile SDK", "message queue",
	"log-based message queue", "load balancer", "key-value store", "web server",
	"CLI tool", "terminal UI", "bidding system", "service mesh", "scheduler",
	"rate limiter", "cache", "database driver", "compiler", "game engine",
	"search engine", "metrics exporter", "proxy", "static site generator",
}

var packages = []string{
	"io.ReadWriter", "io.Reader", "net/http", "context", "sync", "sync/atomic",
	"testing", "database/sql", "encoding/json", "os/exec", "runtime/pprof",
	"net/http/httptest", "text/template", "go/ast", "reflect", "unsafe",
	"time", "bufio", "errors", "log/slog", "iter", "expvar",
}

var headings = []string{
	"Summary", "Introduction", "tips", "tips and tricks", "Problems", "Results",
	"code show", "demo", "transport", "dist tracing", "Memory", "CPU",
	"Random thoughts", "Q&A", "why {topic}", "{topic} 101", "how to structure {topic}",
	"what went wrong", "lessons learned", "the **SOLID** principles",
	"benchmarks", "architecture", "the problem", "iterations", "storage",
	"testing {topic}", "conclusions", "further reading", "go kit", "microservices",
}

var idents = []string{
	"io.Reader", "io.Writer", "http.Handler", "ServeHTTP()", "context.Context",
	"context.CancelFunc", "time.After", "t.Run", "t.Errorf", "b.ResetTimer()",
	"sync.WaitGroup", "sync.Mutex", "errgroup.Group", "select {}", "go vet",
	"go test -race", "go tool pprof", "runtime.GC()", "GOMAXPROCS", "defer",
	"chan struct{}", "interface{}", "any", "Write()", "Close()", "json.Marshal",
	"unsafe.Pointer", "protoc", "go generate", "GODEBUG=gctrace=1",
	"tc := tc", "os.Exit(1)", "log.Fatal", "errors.Is", "fmt.Errorf(\"%w\")",
}

var emoji = []string{
	":smile:", ":cry:", ":bomb:", ":+1:", ":tada:", ":fire:", ":rocket:",
	":thinking:", ":moneybag:", ":bike:", ":heart:", ":-)", ":-|",
}

var projects = []string{
	"dingo-hunter", "biglog", "netlog", "interfacer", "go-kit", "gilmour",
	"prometheus", "kubernetes", "etcd", "docker", "hugo", "caddy", "cobra",
	"bubbletea", "glamour", "pprof", "delve", "gopls", "staticcheck", "ko",
}

// phrases read like the notes: short, lower case, opinionated.
var phrases = []string{
	"{topic} is hard, bugs are hard to find",
	"use {ident} to keep it simple",
	"small interfaces are more powerful (e.g {ident})",
	"a lot of the stdlib types implement {ident}",
	"make the happy path return the last statement if possible",
	"next time you write else, consider flipping the logic",
	"line of sight: quickly scan to see what it does",
	"{topic} solves organizational problems but creates technical problems",
	"if you have less than {n} devs you don't need {topic}",
	"they built a {thing} on top of {pkg}",
	"{pkg} gives you most of what you need",
	"measure before optimizing: {ident} is your friend",
	"benchmarks showed {n}x fewer allocations",
	"p99 latency went from {n}ms to a few ms",
	"deadlines: set an internal deadline of {n}ms",
	"storage: first memcached, then MongoDB, then Redis",
	"sender blocks the goroutine and waits until the receiver is ready",
	"go detects deadlocks at execution time and panics",
	"models the program goroutines as FSMs and builds a graph",
	"table-driven tests with subtests, run one with `go test -run=TestTime/12:[0-9]`",
	"in the Run func start with setup and defer the teardown",
	"no global state, declarative, encourages good design",
	"move non-business stuff to middlewares",
	"middlewares using the decorator design pattern",
	"{name} showed a demo with curl against the HTTP API",
	"question from {name} about {topic}",
	"{name} recommends reading the {pkg} source",
	"don't communicate by sharing memory, share memory by communicating",
	"the garbage collector pauses are under {n} microseconds now",
	"counters always go up, gauges can go down",
	"USE method: **U**tilization, **S**aturation and **E**rror rates",
	"RED method: **R**equest count, **E**rror count and **D**uration",
	"packages should be named for what they provide, not util or common",
	"an acyclic import graph is a design property, not only a compiler rule",
	"they use {ident} everywhere in the {thing}",
	"profile your {topic} system, it is often the bottleneck",
	"security: never log passwords or keys",
	"you can scale the processors horizontally",
	"patterns: fan-out, broadcast, filtering (wildcards)",
	"replicated load balancer + health checking",
	"it gives you the typical go VM stats: goroutine number, memory, GC",
	"it's a functional data structure which is actually used",
	"dispatch loops read opcodes from memory and change the machine state",
	"{topic} with {pkg} was {n} lines of code",
	"the {thing} serves {n}K QPS on a single node",
	"Pățan's advice: ship small binaries, use the race detector in CI",
	"it works on linux, macOS and windows, even on a Raspberry Pi",
	"error handling: wrap with context, check with {ident}",
	"`context` should be the first argument, never stored in a struct",
	"cancellation flows down the call graph with {ident}",
	"use `pprof` labels to split CPU time per request",
	"flame graphs make the hot path obvious",
	"escape analysis: `go build -gcflags=-m` tells you what moves to the heap",
	"sync.Pool helps when allocations dominate, but measure first",
	"slides: https://talks.golang.org/{n}",
	"video will be on youtube in a few weeks",
	"good read: https://blog.golang.org/{n}",
}

// codeBlocks are the fenced code samples; each ends with a newline.
var codeBlocks = []string{
	`func TestFoo(t *testing.T) {
	// common set-up code

	t.Run("case", func(t *testing.T) {
		// test
	})

	// common tear-down code
}
`,
	`type Service interface {
	Uppercase(ctx context.Context, s string) (string, error)
	Count(ctx context.Context, s string) int
}
`,
	`ctx, cancel := context.WithTimeout(ctx, 75*time.Millisecond)
defer cancel()
select {
case <-ctx.Done():
	return ctx.Err()
case r := <-results:
	return r
}
`,
	`for _, tc := range tests {
	tc := tc
	t.Run(tc.name, func(t *testing.T) {
		t.Parallel()
		if got := Do(tc.in); got != tc.want {
			t.Errorf("Do(%q) = %q, want %q", tc.in, got, tc.want)
		}
	})
}
`,
	`go test -bench=. -benchmem -cpuprofile cpu.out
go tool pprof -top cpu.out
`,
	`type Endpoint func(ctx context.Context, request interface{}) (response interface{}, err error)
`,
	`var wg sync.WaitGroup
for i := 0; i < n; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
}
wg.Wait()
`,
	`if err := run(); err != nil {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
`,
}

// indentStyles are the indentations of list levels 0, 1 and 2.
var indentStyles = [][3]string{
	{"", "  ", "    "},
	{"", "\t", "\t\t"},
	{"", "  ", "  \t"},
	{"", "\t", "\t  "},
	{"", "   ", "      "},
}
