package store

import (
	"encoding/json"
	"strings"
	"testing"

	"assessor/review"
)

// TestMigrateRedactsStoredAttempts: upgrading the schema 3 demo store
// (whose PDFs name their candidates) redacts every stored attempt: no
// attempt or file a reviewer can read holds its candidate's name or
// e-mail, the evidence as submitted is kept, flags left are only those of
// the redacted copy, and check finds nothing wrong.
func TestMigrateRedactsStoredAttempts(t *testing.T) {
	path := unzipFixture(t, "schema3")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	redacted, checked := 0, 0
	err = st.view(func(tx *txn) error {
		return tx.bucket(bucketAttempts).ForEach(func(k, v []byte) error {
			var a review.Attempt
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			c, ok, err := tx.candidate(a.Application)
			if err != nil || !ok {
				return err
			}
			seen := strings.ToLower(string(v))
			for _, p := range a.Parts {
				for _, at := range p.Attachments {
					if at.Redacted {
						redacted++
						seen += strings.ToLower(string(tx.bucket(bucketBlobs).Get([]byte(at.Hash))))
					}
				}
			}
			for _, val := range []string{c.Name, c.Email} {
				if strings.Contains(seen, strings.ToLower(val)) {
					t.Errorf("%s still holds %q after the upgrade", a.Handle(), val)
				}
			}
			if _, ok, _ := tx.submitted(a.Key()); ok != strings.Contains(seen, "[candidate ") {
				t.Errorf("%s: evidence as submitted kept %v, markers %v", a.Handle(), ok, !ok)
			}
			checked++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if redacted == 0 || checked < 40 {
		t.Errorf("%d attempts checked, %d redacted files: the fixture's PDFs name candidates", checked, redacted)
	}
	if problems, err := st.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
