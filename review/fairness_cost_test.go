package review

import (
	"fmt"
	"runtime"
	"testing"
)

// fairnessBytes is what FairnessFigures allocates over n applications of n
// candidates, each holding a candidate.* attribute no other one has (as an
// import line may: "candidate":{"note_17":"x"}).
func fairnessBytes(t *testing.T, n int) uint64 {
	apps := make([]FairnessApp, n)
	for i := range apps {
		c := &Candidate{Email: fmt.Sprintf("c%d@example.org", i), State: "HI", District: "Hilo", Extra: map[string]string{fmt.Sprint("note_", i): "x"}}
		apps[i] = FairnessApp{Candidate: c, FirstDecided: true, AnyDecided: true}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f := FairnessFigures(apps, 10)
	runtime.ReadMemStats(&after)
	if len(f.Omitted) != n {
		t.Fatalf("%d applications: %d attributes omitted, want all %d", n, len(f.Omitted), n)
	}
	return after.TotalAlloc - before.TotalAlloc
}

// TestFairnessCostLinear: the figures' memory grows with the applications
// and the values they hold, not with applications times distinct
// attributes. Eight times the applications may cost up to about eight
// times as much (twenty allowed), not sixty-four.
func TestFairnessCostLinear(t *testing.T) {
	small, big := fairnessBytes(t, 250), fairnessBytes(t, 2000)
	if ratio := float64(big) / float64(small); ratio > 20 {
		t.Errorf("8x the applications, each with an attribute of its own, allocate %.1fx the memory (%d KB, then %d KB): it grows with their square", ratio, small>>10, big>>10)
	}
}
