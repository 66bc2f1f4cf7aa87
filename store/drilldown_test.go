package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// drillFixture: A-1 (descriptive-feedback) resubmitted by rev-1 on C2 then
// passed by rev-2; A-2 (descriptive-feedback) pending; B-1
// (classroom-discourse) passed by rev-1.
func drillFixture(t *testing.T) *fixture {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-01-02T10:00:00Z"),
		decision("A-1", 1, "rev-1", "2024-01-05T10:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-01-10T10:00:00Z"),
		decision("A-1", 2, "rev-2", "2024-01-12T10:00:00Z", "meets", "meets", "meets"),
		submission("A-2", "descriptive-feedback", 1, "2024-01-20T10:00:00Z"),
		submission("B-1", "classroom-discourse", 1, "2024-01-03T10:00:00Z"),
		decision("B-1", 1, "rev-1", "2024-01-04T10:00:00Z", "meets", "meets"),
	)
	return f
}

func drillRows(rows []review.DrillRow) string {
	var hs []string
	for _, r := range rows {
		hs = append(hs, r.Handle[strings.Index(r.Handle, "#"):]+":"+string(r.Outcome)+":"+r.Level)
	}
	return strings.Join(hs, " ")
}

// TestDrillDown: the attempts behind a credential (pending first, then
// latest decided), a reviewer and a criterion, by handle, never by
// application id; the limit keeps the total.
func TestDrillDown(t *testing.T) {
	f := drillFixture(t)
	for _, c := range []struct {
		f     review.DrillFilter
		n     int
		order string
	}{
		{review.DrillFilter{Credential: "descriptive-feedback"}, 3, "#1:: #2:pass: #1:resubmit:"},
		{review.DrillFilter{Reviewer: "rev-1"}, 2, "#1:resubmit: #1:pass:"},
		{review.DrillFilter{Credential: "descriptive-feedback", Criterion: "C2"}, 2, "#2:pass:meets #1:resubmit:not-yet"},
	} {
		rows, total, err := f.DrillDown(c.f, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != c.n || drillRows(rows) != c.order {
			t.Errorf("%+v: %d rows %q, want %d %q", c.f, total, drillRows(rows), c.n, c.order)
		}
		for _, r := range rows {
			if strings.Contains(r.Handle, "A-") || strings.Contains(r.Handle, "B-") {
				t.Errorf("row names the application: %+v", r)
			}
		}
	}
	rows, total, err := f.DrillDown(review.DrillFilter{Credential: "descriptive-feedback"}, 1)
	if err != nil || total != 3 || len(rows) != 1 || !rows[0].Pending() {
		t.Errorf("limit 1: %d of %d, %v (%+v)", len(rows), total, err, rows)
	}
}

// TestAttemptLogs: an application's attempts with their decisions and
// decision histories, oldest first.
func TestAttemptLogs(t *testing.T) {
	f := drillFixture(t)
	logs, err := f.AttemptLogs(key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 2 || logs[0].Decision == nil || logs[0].Decision.Outcome != review.Resubmit || logs[1].Decision.Reviewer != "rev-2" ||
		len(logs[0].History) != 1 || !strings.HasSuffix(logs[1].Handle, "#2") {
		t.Errorf("logs %+v", logs)
	}
	if _, err := f.AttemptLogs(key("nope", 1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown application: %v", err)
	}
}

// TestDecodeAttemptFront reads the dates of a stored attempt as
// json.Unmarshal would, in the stored field order or any other.
func TestDecodeAttemptFront(t *testing.T) {
	at := time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)
	stored, err := json.Marshal(review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "df", RubricVersion: 2, Number: 3,
		SubmittedAt: at, Parts: []review.EvidencePart{{Title: "Part 1", Text: strings.Repeat("evidence ", 1000)}}})
	if err != nil {
		t.Fatal(err)
	}
	reordered := []byte(`{"parts":[{"title":"x","text":"y"}],"submitted_at":"2024-01-02T10:00:00Z","attempt":3,"rubric_version":2,"credential":"df","pseudonym":"DF-7KQ2","application":"A-1"}`)
	want := attemptHead{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "df", RubricVersion: 2, Number: 3, SubmittedAt: at}
	for _, v := range [][]byte{stored, reordered} {
		if got, err := decodeAttemptFront(v); err != nil || !got.SubmittedAt.Equal(at) || got.Application != want.Application ||
			got.Pseudonym != want.Pseudonym || got.Credential != want.Credential || got.RubricVersion != 2 || got.Number != 3 {
			t.Errorf("decodeAttemptFront(%.60s…) = %+v, %v; want %+v", v, got, err, want)
		}
	}
	if _, err := decodeAttemptFront([]byte(`[1]`)); err == nil {
		t.Error("a JSON array decoded as an attempt")
	}
}
