package store

import (
	"slices"
	"testing"

	"assessor/review"
)

// TestMigrateFlagsMarkedPlaces: a store of schema 10 holds another
// person's address at the candidate's district's domain, and a listed
// school named for the district, cut by redaction and left unflagged,
// beside a flag a lead could have numbered.
// A third holds the candidate's name run together last name first, which
// schema 10 did not redact. The upgrade redacts it (flagging the title's address no
// second time), flags the address and school, in order around the flag
// between them in the text (the screens mark a text's spans in one pass),
// and lists the attempt for leads; a flag a lead cleared is not opened
// again, and an attempt with no marker beside an "@" is left as it was.
func TestMigrateFlagsMarkedPlaces(t *testing.T) {
	f := newFixture(t)
	if _, err := f.AddListedName("Kaimuki Christian School"); err != nil {
		t.Fatal(err)
	}
	who := map[string]string{"name": "Keala Mahoe", "district": "Kaimuki", "state": "HI"}
	cut := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", who)
	cut["parts"] = []map[string]any{{"title": "Part 1", "text": "Ask lani.kai@kaimuki.org today, or call 808-555-0177 at Kaimuki Christian School."}}
	plain := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z").with("candidate", who)
	plain["parts"] = []map[string]any{{"title": "Part 1", "text": "Ask my principal at Kaimuki."}}
	user := submission("a3", "classroom-discourse", 1, "2024-02-03T10:00:00Z").with("candidate", who)
	user["parts"] = []map[string]any{{"title": "Part 1: ask pua@school.org", "text": "Posted by MahoeKeala on the portal."}}
	cleared := submission("a4", "classroom-discourse", 1, "2024-02-04T10:00:00Z").with("candidate", who)
	cleared["parts"] = []map[string]any{{"title": "Part 1", "text": "Write to lani@hawaii.gov."}}
	f.mustImport(cut, plain, user, cleared)
	// A lead judged a4's address (flagged by a build with this scan) not
	// identifying.
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	k4 := review.AttemptKey{Application: "a4", Attempt: 1}
	if _, err := f.WorkFlag("lead", k4, 1, nil, review.FlagClear, "the state's office"); err != nil {
		t.Fatal(err)
	}
	k1, k2 := review.AttemptKey{Application: "a1", Attempt: 1}, review.AttemptKey{Application: "a2", Attempt: 1}
	k3 := review.AttemptKey{Application: "a3", Attempt: 1}

	// What schema 10 held: the address cut and not flagged, the phone
	// flagged.
	var before review.Attempt
	f.upgradeFrom(10, func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		if a.Parts[0].Text != "Ask lani.kai@[candidate district].org today, or call 808-555-0177 at [candidate district] Christian School." || len(a.Leaks) != 3 {
			t.Fatalf("imported %q with %+v", a.Parts[0].Text, a.Leaks)
		}
		a.Leaks = a.Leaks[1:2] // the phone
		if err := tx.putAttempt(a, nil); err != nil {
			return err
		}
		if before, _, err = tx.attempt(k2); err != nil {
			return err
		}
		// a3 as schema 10 stored it: the name run together backwards not
		// redacted, the
		// title's address flagged.
		c, _, err := tx.attempt(k3)
		if err != nil {
			return err
		}
		c.Parts[0].Text = "Posted by MahoeKeala on the portal."
		if err := tx.putAttempt(c, nil); err != nil {
			return err
		}
		return tx.bucket(bucketSubmitted).Delete(attemptKey(k3))
	})

	err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		var got []string
		for _, l := range a.Leaks {
			got = append(got, l.Kind+":"+a.Parts[0].Text[l.Start:l.End])
		}
		if !slices.Equal(got, []string{"email:lani.kai@[candidate district].org", "phone:808-555-0177", "listed-name:[candidate district] Christian School"}) {
			t.Errorf("a1 flags after the upgrade: %q", got)
		}
		c, _, err := tx.attempt(k3)
		if err != nil {
			return err
		}
		if c.Parts[0].Text != "Posted by [candidate name] on the portal." || len(c.Leaks) != 1 || !c.Leaks[0].Title {
			t.Errorf("a3 after the upgrade: %q, flags %+v (want the name redacted, the title's flag once)", c.Parts[0].Text, c.Leaks)
		}
		if orig, ok, err := tx.submitted(k3); err != nil || !ok || orig.Parts[0].Text != "Posted by MahoeKeala on the portal." {
			t.Errorf("a3 as submitted: %+v %v %v", orig, ok, err)
		}
		if d, _, err := tx.attempt(k4); err != nil || len(d.Leaks) != 0 {
			t.Errorf("a4's cleared flag after the upgrade: %+v %v", d.Leaks, err)
		}
		b, _, err := tx.attempt(k2)
		if err != nil {
			return err
		}
		if len(b.Leaks) != len(before.Leaks) || b.Parts[0].Text != before.Parts[0].Text {
			t.Errorf("a2 changed: %+v, was %+v", b, before)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	flagged, err := f.Flagged()
	if err != nil || len(flagged) != 2 || len(flagged[0].Leaks) != 3 {
		t.Errorf("leads' list after the upgrade: %+v %v", flagged, err)
	}
}

// TestMigrateMarkedPlacesCountInTheQueue: an attempt whose only detail
// schema 10 cut at the district without flagging it shows no flag in the
// queue; once the upgrade flags it, the queue shows it flagged, as an
// import of this build would.
func TestMigrateMarkedPlacesCountInTheQueue(t *testing.T) {
	f := newFixture(t)
	who := map[string]string{"name": "Keala Mahoe", "district": "Kaimuki", "state": "HI"}
	cut := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", who)
	cut["parts"] = []map[string]any{{"title": "Part 1", "text": "Ask lani.kai@kaimuki.org today."}}
	f.mustImport(cut)
	if err := f.AddReviewer(review.Reviewer{ID: "rev-1"}); err != nil {
		t.Fatal(err)
	}
	k1 := review.AttemptKey{Application: "a1", Attempt: 1}
	queued := func() int {
		t.Helper()
		q, err := f.Queue("rev-1", "", 0)
		if err != nil || len(q) != 1 {
			t.Fatalf("queue %+v %v", q, err)
		}
		return q[0].Flags
	}
	if n := queued(); n != 1 {
		t.Fatalf("imported with %d flagged parts in the queue, want 1", n)
	}
	f.upgradeFrom(10, func(tx *txn) error { return unflag(tx, k1) })
	if n := queued(); n != 1 {
		t.Errorf("after the upgrade the queue shows %d flagged parts, want 1", n)
	}
}

// TestMigrateFlagsMarkedPlacesInFiles: an e-mail address schema 10 cut at
// the district inside a text file, without flagging it, is flagged by the
// upgrade as the one in a part's text is: the file is the reviewer's to
// read.
func TestMigrateFlagsMarkedPlacesInFiles(t *testing.T) {
	f := newFixture(t)
	who := map[string]string{"name": "Keala Mahoe", "district": "Kaimuki", "state": "HI"}
	cut := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", who)
	cut["parts"] = []map[string]any{{"title": "Part 1", "text": "See my notes.", "files": []string{"notes.txt"}}}
	if _, err := f.importFiles(Files{"notes.txt": []byte("Ask lani.kai@kaimuki.org today.")}, cut); err != nil {
		t.Fatal(err)
	}
	k1 := review.AttemptKey{Application: "a1", Attempt: 1}
	fileFlags := func(tx *txn) []review.Leak {
		a, _, err := tx.attempt(k1)
		if err != nil {
			t.Fatal(err)
		}
		var out []review.Leak
		for _, l := range a.Leaks {
			if l.Attachment {
				out = append(out, l)
			}
		}
		return out
	}
	f.upgradeFrom(10, func(tx *txn) error {
		if got := fileFlags(tx); len(got) != 1 || got[0].Kind != review.LeakEmail {
			t.Fatalf("imported with file flags %+v, want the e-mail's", got)
		}
		return unflag(tx, k1)
	})
	if err := f.view(func(tx *txn) error {
		if got := fileFlags(tx); len(got) != 1 || got[0].Kind != review.LeakEmail || got[0].File != 1 {
			t.Errorf("file flags after the upgrade %+v, want the e-mail in notes.txt", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// unflag leaves attempt k as schema 10 kept an address it cut at the
// district: cut, not flagged, not in the leak index or the queue's flags.
func unflag(tx *txn, k review.AttemptKey) error {
	a, _, err := tx.attempt(k)
	if err != nil {
		return err
	}
	a.Leaks = nil
	if err := tx.putAttempt(a, nil); err != nil {
		return err
	}
	if err := tx.bucket(bucketLeakIndex).Delete(attemptKey(k)); err != nil {
		return err
	}
	return tx.requeueFlags(a, 0)
}
