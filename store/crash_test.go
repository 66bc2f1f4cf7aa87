package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"assessor/review"
)

// The crash test kills a process that imports, drafts and decides with
// SIGKILL at random moments, then reopens the store and holds it to what the
// process had reported done. The child is this test binary re-executed with
// crashEnv naming the store: TestCrashChild then does the work.

const (
	crashEnv     = "ASSESSOR_CRASH_STORE"
	crashRunEnv  = "ASSESSOR_CRASH_RUN"
	crashRuns    = 60
	crashPerFile = 12 // applications per import file
	crashRev     = "rev-crash"
)

// crashApp is application j of import file i of run r.
func crashApp(run, file, j int) string { return fmt.Sprintf("K%03d-%03d-%02d", run, file, j) }

// crashFile names import file i of run r.
func crashFile(run, file int) string { return fmt.Sprintf("crash-%d-%d.jsonl", run, file) }

// TestCrashChild is the child: in a loop it imports a file of
// crashPerFile applications, then for some of them claims, saves two draft
// versions and decides, printing each step only after the store returned.
// It runs until killed (or 20 s, so a lost parent does not leave it behind).
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		return
	}
	run, _ := strconv.Atoi(os.Getenv(crashRunEnv))
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(2)
	}
	fmt.Println("ready")
	r := rand.New(rand.NewPCG(uint64(run), 3))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	deadline := time.Now().Add(20 * time.Second)
	for file := 0; time.Now().Before(deadline); file++ {
		var recs []review.Record
		for j := range crashPerFile {
			recs = append(recs, review.Record{Line: j + 1, Submission: &review.Submission{
				Application: crashApp(run, file, j), Credential: "descriptive-feedback", Attempt: 1,
				SubmittedAt: base.Add(time.Duration(run*10_000+file*100+j) * time.Minute),
				Candidate:   &review.Candidate{Name: "Cand " + strconv.Itoa(j), District: "Hilo", State: "HI"},
				Parts:       []review.EvidencePart{{Title: "Part 1: Overview questions", Text: strings.Repeat("My students set goals. ", 40)}},
			}})
		}
		if _, err := s.Import(crashFile(run, file), recs); err != nil {
			fail(err)
		}
		fmt.Println("imported", crashFile(run, file))
		for j := range crashPerFile {
			if r.IntN(3) == 0 {
				continue // left pending, untouched
			}
			k := review.AttemptKey{Application: crashApp(run, file, j), Attempt: 1}
			if _, err := s.Claim(crashRev, k); err != nil {
				fail(err)
			}
			for v := 1; v <= 2; v++ {
				d := review.Draft{Levels: map[string]string{"C1": "meets"}, Feedback: map[string]string{"C2": "draft v" + strconv.Itoa(v)}, Session: "crash"}
				if err := s.SaveDraft(crashRev, k, d); err != nil {
					fail(err)
				}
				fmt.Println("draft", k.Application, v)
			}
			if r.IntN(2) == 0 {
				continue // drafted, not decided
			}
			if _, err := s.Decide(crashRev, k, allMeets, nil); err != nil {
				fail(err)
			}
			fmt.Println("decided", k.Application)
		}
	}
	os.Exit(0)
}

// crashReport is what one child printed before it died.
type crashReport struct {
	imported map[string]bool // import file names
	files    int             // import files it may have started: printed + 1
	drafts   map[string]int  // application → last draft version printed
	decided  []string
}

// TestCrashSafety runs crashRuns children against one store, killing each
// with SIGKILL after a random time, and after every kill reopens the store
// and checks that nothing reported done was lost: every import file is
// wholly there or wholly absent, and there when reported; every reported
// decision is stored; every reported draft is stored at that version or a
// later one, unless its attempt was decided since; and Check finds nothing.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes: skipped with -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t)
	path := f.path
	f.Close()
	f.Store = nil
	r := rand.New(rand.NewPCG(42, 42))
	var totalDecided, totalFiles int
	start := time.Now()
	for run := range crashRuns {
		rep := crashOnce(t, exe, path, run, time.Duration(r.IntN(120))*time.Millisecond)
		totalDecided += len(rep.decided)
		totalFiles += len(rep.imported)
		verifyCrash(t, path, run, rep)
		if t.Failed() {
			t.Fatalf("run %d failed", run)
		}
	}
	t.Logf("%d kills in %v: %d import files and %d decisions reported before the kills, none lost",
		crashRuns, time.Since(start).Round(time.Millisecond), totalFiles, totalDecided)
}

// crashOnce starts a child, kills it delay after it is ready, and returns
// what it had printed.
func crashOnce(t *testing.T, exe, path string, run int, delay time.Duration) crashReport {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path, crashRunEnv+"="+strconv.Itoa(run))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	rep := crashReport{imported: map[string]bool{}, drafts: map[string]int{}}
	var kill <-chan time.Time
	for line := range lines {
		f := strings.Fields(line)
		switch f[0] {
		case "ready":
			kill = time.After(delay)
			go func() {
				<-kill
				_ = cmd.Process.Signal(syscall.SIGKILL)
			}()
		case "imported":
			rep.imported[f[1]] = true
			rep.files++
		case "draft":
			v, _ := strconv.Atoi(f[2])
			rep.drafts[f[1]] = v
		case "decided":
			rep.decided = append(rep.decided, f[1])
		case "error":
			t.Fatalf("run %d: child failed: %s", run, line)
		}
	}
	err = cmd.Wait()
	if kill == nil {
		t.Fatalf("run %d: child never got ready: %v", run, err)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("run %d: child ended without SIGKILL: %v", run, err)
	}
	rep.files++ // the one in flight when it died
	return rep
}

// verifyCrash reopens the store after run's child died and checks it
// against what the child reported.
func verifyCrash(t *testing.T, path string, run int, rep crashReport) {
	t.Helper()
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("run %d: reopen after kill: %v", run, err)
	}
	defer s.Close()
	for file := range rep.files {
		n := 0
		for j := range crashPerFile {
			if _, err := s.Application(crashApp(run, file, j)); err == nil {
				n++
			}
		}
		switch {
		case rep.imported[crashFile(run, file)] && n != crashPerFile:
			t.Errorf("run %d: %s reported imported, %d of %d applications stored", run, crashFile(run, file), n, crashPerFile)
		case n != 0 && n != crashPerFile:
			t.Errorf("run %d: %s partly imported: %d of %d applications", run, crashFile(run, file), n, crashPerFile)
		}
	}
	for _, app := range rep.decided {
		if _, ok, err := s.Decision(review.AttemptKey{Application: app, Attempt: 1}); err != nil || !ok {
			t.Errorf("run %d: decision on %s reported, not stored (%v)", run, app, err)
		}
	}
	for app, v := range rep.drafts {
		k := review.AttemptKey{Application: app, Attempt: 1}
		d, ok, err := s.Draft(crashRev, k)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			if _, decided, _ := s.Decision(k); !decided {
				t.Errorf("run %d: draft v%d of %s reported, none stored and not decided", run, v, app)
			}
			continue
		}
		got, _ := strconv.Atoi(strings.TrimPrefix(d.Feedback["C2"], "draft v"))
		if got < v || d.Levels["C1"] != "meets" {
			t.Errorf("run %d: draft of %s is %+v, v%d was reported", run, app, d, v)
		}
	}
	problems, err := s.Check()
	if err != nil || len(problems) > 0 {
		t.Errorf("run %d: check after kill: %v %v", run, problems, err)
	}
}
