package store

import (
	"strings"

	"assessor/review"
)

// migrateTo17 records the id of each reviewer, lead or admin removed
// before this schema (keepFormer), read from the audit log's records of
// their removal ("ID (role)"): candidates' texts withhold the ids of
// removed reviewers whose decisions stay on record, and one whose
// decisions a lead all amended is in no tally any more.
func migrateTo17(t *txn) error {
	var former []string
	err := eachLog(t, bucketAudit, "audit record", func(r review.AuditRecord) error {
		if r.Action == review.AuditReviewerRemoved {
			id, _, _ := strings.Cut(r.Subject, " (")
			former = append(former, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range former {
		if err := t.keepFormer(id); err != nil {
			return err
		}
	}
	return nil
}
