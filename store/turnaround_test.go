package store

import "testing"

func TestTurnaroundDays(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-1", "2024-02-01T22:00:00Z", "meets", "meets", "meets"), // 0.5 days
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-2", 1, "rev-1", "2024-02-04T11:00:00Z", "meets", "meets", "meets"), // 3.04 days
		submission("A-3", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-3", 1, "rev-1", "2024-05-01T10:00:00Z", "meets", "meets", "meets"), // 90 days
	)
	days, err := f.TurnaroundDays()
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != TurnaroundDayBuckets || days[0] != 1 || days[3] != 1 || days[30] != 1 {
		t.Fatalf("days %v", days)
	}
	var sum int64
	for _, n := range days {
		sum += n
	}
	if sum != 3 {
		t.Fatalf("total %d, want 3", sum)
	}
}
