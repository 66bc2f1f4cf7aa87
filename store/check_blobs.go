package store

import (
	"encoding/json"

	"assessor/review"
)

// blobs checks that every attachment an attempt lists has its bytes in
// bucketBlobs and that those bytes still hash to their key, so a reviewer
// never opens a file that is missing or silently changed.
func (c *checker) blobs() {
	blobs := c.t.bucket(bucketBlobs) // created on first use: may be absent
	cur := c.t.bucket(bucketAttempts).Cursor()
	verified := map[string]bool{}
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		// Decode the attachment lists only, not the evidence text.
		var a struct {
			Parts []struct {
				Attachments []struct {
					Name string `json:"name"`
					Hash string `json:"hash"`
				} `json:"attachments"`
			} `json:"parts"`
		}
		if err := json.Unmarshal(v, &a); err != nil {
			continue // records() reports undecodable attempts
		}
		for _, p := range a.Parts {
			for _, at := range p.Attachments {
				if verified[at.Hash] {
					continue
				}
				var data []byte
				if blobs != nil {
					data = blobs.Get([]byte(at.Hash))
				}
				switch {
				case data == nil:
					c.problem("attempt %q: file %s has no stored bytes (blob %.12s)", k, at.Name, at.Hash)
				case review.NewAttachment(at.Name, data).Hash != at.Hash:
					c.problem("blob %.12s (file %s) does not match its hash", at.Hash, at.Name)
				default:
					verified[at.Hash] = true
				}
			}
		}
	}
}
