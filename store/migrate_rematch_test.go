package store

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// TestMigrateRedactsAgain: a store of schema 7 holds what its matching
// missed: a name broken by a zero-width space in the text (imported before
// invisible characters were dropped), one broken by a zero byte in a
// file, and files it did not read as text (a YAML file naming the
// candidate, a file of no extension with another's e-mail), and a title
// with another's e-mail it did not scan. The upgrade redacts both in the reviewer's copy, keeps the flag on
// another person's e-mail on what it marked, records the new spans in the
// evidence as submitted beside the old, reads the files as text (redacted,
// flagged) and check finds nothing wrong.
func TestMigrateRedactsAgain(t *testing.T) {
	f := newFixture(t)
	const (
		hidden  = "By Ru\u200biz, write k@x.org"
		partial = "Dana Ruiz and Ru\u200biz"
		fileRaw = "notes by Da\x00na Ruiz"
	)
	plain := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
	plain["parts"] = []map[string]any{{"title": "Part 1", "text": "By someone, write k@x.org", "files": []string{"n.txt"}}}
	before := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z")
	before["parts"] = []map[string]any{{"title": "Part 1", "text": "Dana Ruiz and someone"}}
	files := submission("a3", "classroom-discourse", 1, "2024-02-03T10:00:00Z")
	files["parts"] = []map[string]any{{"title": "Part 1 with ann@x.org", "text": "See my files.", "files": []string{"cfg.yaml", "notes"}}}
	src := Files{"n.txt": []byte("notes"), "cfg.yaml": []byte("teacher: Dana Ruiz"), "notes": []byte("ask k@x.org")}
	if _, err := f.importFiles(src, plain, before, files); err != nil {
		t.Fatal(err)
	}
	k1, k2 := review.AttemptKey{Application: "a1", Attempt: 1}, review.AttemptKey{Application: "a2", Attempt: 1}
	k3 := review.AttemptKey{Application: "a3", Attempt: 1}

	// Write back what schema 7 could hold.
	f.upgradeFrom(7, func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		a.Parts[0].Text = hidden
		at := strings.Index(hidden, "k@x.org")
		a.Leaks = []review.Leak{{Part: 0, Start: at, End: at + len("k@x.org"), Kind: review.LeakEmail}}
		file := review.NewAttachment("n.txt", []byte(fileRaw))
		a.Parts[0].Attachments[0] = file
		if err := tx.putBlob(file.Hash, []byte(fileRaw)); err != nil {
			return err
		}
		if err := tx.putAttempt(a, nil); err != nil {
			return err
		}
		b, _, err := tx.attempt(k2)
		if err != nil {
			return err
		}
		b.Parts[0].Text = "[candidate name] and Ru\u200biz"
		orig, _, err := tx.submitted(k2)
		if err != nil {
			return err
		}
		orig.Parts[0].Text = partial
		if err := tx.putSubmitted(k2, orig); err != nil {
			return err
		}
		if err := tx.putAttempt(b, nil); err != nil {
			return err
		}
		// Schema 7 read neither file as text: both kept as submitted, typed
		// as no known type, unscanned.
		c, _, err := tx.attempt(k3)
		if err != nil {
			return err
		}
		for j, name := range []string{"cfg.yaml", "notes"} {
			file := review.NewAttachment(name, src[name])
			file.Type = review.TypeOther
			c.Parts[0].Attachments[j] = file
			if err := tx.putBlob(file.Hash, src[name]); err != nil {
				return err
			}
		}
		c.Leaks = nil // nor titles scanned for others' details
		if err := tx.bucket(bucketSubmitted).Delete(attemptKey(k3)); err != nil {
			return err
		}
		if err := tx.bucket(bucketLeakIndex).Delete(attemptKey(k3)); err != nil {
			return err
		}
		return tx.putAttempt(c, nil)
	})

	err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		text := a.Parts[0].Text
		if text != "By [candidate name], write k@x.org" {
			t.Errorf("a1 text %q", text)
		}
		if len(a.Leaks) != 1 || text[a.Leaks[0].Start:a.Leaks[0].End] != "k@x.org" {
			t.Errorf("a1 flags %+v no longer mark the e-mail in %q", a.Leaks, text)
		}
		file := a.Parts[0].Attachments[0]
		if data := tx.bucket(bucketBlobs).Get([]byte(file.Hash)); !file.Redacted || string(data) != "notes by [candidate name]" {
			t.Errorf("a1 file %+v holds %q", file, data)
		}
		orig, ok, err := tx.submitted(k1)
		if err != nil || !ok || orig.Parts[0].Text != hidden || orig.Parts[0].Attachments[0].Redacted {
			t.Errorf("a1 evidence as submitted %+v %v %v", orig, ok, err)
		}
		if len(orig.Redacted) != 2 {
			t.Errorf("a1 spans as submitted %+v, want the text's and the file's", orig.Redacted)
		}

		b, _, err := tx.attempt(k2)
		if err != nil {
			return err
		}
		if b.Parts[0].Text != "[candidate name] and [candidate name]" {
			t.Errorf("a2 text %q", b.Parts[0].Text)
		}
		orig, _, err = tx.submitted(k2)
		if err != nil {
			return err
		}
		var found []string
		for _, l := range orig.Redacted {
			found = append(found, orig.Parts[0].Text[l.Start:l.End])
		}
		if !slices.Equal(found, []string{"Dana Ruiz", "Ru\u200biz"}) {
			t.Errorf("a2 spans as submitted mark %q, want the old and the new", found)
		}

		c, _, err := tx.attempt(k3)
		if err != nil {
			return err
		}
		yaml, notes := c.Parts[0].Attachments[0], c.Parts[0].Attachments[1]
		if data := tx.bucket(bucketBlobs).Get([]byte(yaml.Hash)); !yaml.Redacted || string(data) != "teacher: [candidate name]" {
			t.Errorf("a3 cfg.yaml %+v holds %q, want it redacted", yaml, data)
		}
		if notes.Type != review.TypeText || len(c.Leaks) != 2 || !c.Leaks[0].Title || c.Parts[0].Title[c.Leaks[0].Start:c.Leaks[0].End] != "ann@x.org" ||
			!c.Leaks[1].Attachment || c.Leaks[1].File != 2 || c.Leaks[1].Kind != review.LeakEmail {
			t.Errorf("a3 notes %+v, flags %+v: want the title's e-mail flagged, the file read as text and its e-mail flagged", notes, c.Leaks)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
}

// TestMigrateFromSchema3FlagsATitleOnce: in a schema-3 store an attempt
// names its candidate in the text and another person's e-mail in a part
// title. The step to 4 redacts it with this release's scan, which reads
// titles, and the step to 8 scans titles again: the e-mail is flagged
// once, as an import flags it, so a lead who clears that flag leaves none
// open on the title.
func TestMigrateFromSchema3FlagsATitleOnce(t *testing.T) {
	path := unzipFixture(t, "schema3")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	k := key("A-1001", 1)
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketAttempts))
		var a map[string]any
		if err := json.Unmarshal(b.Get(attemptKey(k)), &a); err != nil {
			return err
		}
		p := a["parts"].([]any)[0].(map[string]any)
		p["title"] = "Part 1: Overview questions, shared with ann@x.org"
		p["text"] = "Dana Lockhart wrote this. " + p["text"].(string)
		v, err := json.Marshal(a)
		if err != nil {
			return err
		}
		return b.Put(attemptKey(k), v)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	titleFlags := func() (n, first int) {
		t.Helper()
		err := s.view(func(tx *txn) error {
			a, _, err := tx.attempt(k)
			for i, l := range a.Leaks {
				if l.Title {
					if n++; n == 1 {
						first = i + 1
					}
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, first
	}
	n, first := titleFlags()
	if n != 1 {
		t.Fatalf("the title's e-mail is flagged %d times after the upgrade from schema 3, want once", n)
	}
	if _, err := s.WorkFlag("demo-lead", k, first, nil, review.FlagClear, "a colleague's address, not the candidate's"); err != nil {
		t.Fatal(err)
	}
	if n, _ := titleFlags(); n != 0 {
		t.Errorf("after a lead cleared the title's flag, %d stay open on it", n)
	}
}

// TestMigrateKeepsReleasedFile: a file a lead released to reviewers as
// submitted (leaks clear HANDLE f1, audited) stays released when an
// upgrade redacts every stored attempt again; it was redacted again, and
// leaks show listed it among the redacted files, the lead's decision
// silently undone.
func TestMigrateKeepsReleasedFile(t *testing.T) {
	f := newFixture(t)
	sent := []byte("Plan by Ms. Halvorsen, with Ms. Halvor\u00ad\nsen's notes.")
	s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": "Dana Halvorsen"})
	s["parts"] = []map[string]any{{"title": "Part 1", "text": "My plan.", "files": []string{"plan.txt"}}}
	if _, err := f.importFiles(Files{"plan.txt": sent}, s); err != nil {
		t.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	k := review.AttemptKey{Application: "a1", Attempt: 1}
	if _, err := f.ReleaseFile("lead", k, "f1", nil, "the candidate agreed"); err != nil {
		t.Fatal(err)
	}
	f.upgradeFrom(17, func(tx *txn) error { return nil })
	rep, err := f.FlagReport("lead", k, "check")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 0 {
		t.Errorf("after the upgrade leaks show lists redacted files %+v; want none", rep.Files)
	}
	if err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		if at := a.Parts[0].Attachments[0]; at.Redacted || string(tx.bucket(bucketBlobs).Get([]byte(at.Hash))) != string(sent) {
			t.Errorf("after the upgrade the file a lead released is redacted again: %+v", at)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
