package store

import (
	"encoding/json"
	"fmt"
	"time"

	"assessor/review"
)

// A credential badge an export published revoked (its pass amended away)
// stays revoked, as verifiers saw it: a pass that comes back, amended back
// or on a later attempt, is an assertion of its own
// (review.CredentialAgainID), and the published one keeps its date, attempt
// and revocation. So an export records each credential assertion it
// publishes revoked (in bucketIssuer: keyIssuedCredential + assertion id →
// issuedCredential), and the application's pass takes the first id of its
// chain not so recorded. A lead's revocation is for good: the chain stops
// at an assertion a lead revoked, as the stack index does (passRevoked).

// keyIssuedCredential starts the key, in bucketIssuer, of a credential
// assertion an export has published revoked; its id follows.
const keyIssuedCredential = "issued_credential\x00"

// issuedCredential is a credential assertion as an export first published
// it revoked.
type issuedCredential struct {
	ID        string           `json:"-"`
	Attempt   int              `json:"attempt"`
	IssuedOn  time.Time        `json:"issued_on"`
	Recipient review.Recipient `json:"recipient"`
	Revoked   Revocation       `json:"revoked"`
}

// badge is the published assertion of app, as published.
func (r issuedCredential) badge(app review.Application) Badge {
	rev := r.Revoked
	return Badge{ID: r.ID, Credential: app.Credential, Applications: []string{app.ID}, Handles: []string{app.Pseudonym},
		Attempt: r.Attempt, IssuedOn: r.IssuedOn, Recipient: r.Recipient, Revocation: &rev}
}

// credentialChain is what exports published revoked of application's
// credential badge, in order from its first assertion, and the id its
// pass takes now: the first after them, or one a lead revoked. Through
// getRaw, an import's snapshot keeps the reads.
func (t *txn) credentialChain(secret []byte, application string) (published []issuedCredential, next string, err error) {
	first := review.CredentialAssertionID(secret, application)
	for id := first; ; id = review.CredentialAgainID(secret, first, len(published)) {
		if t.getRaw(bucketRevocations, []byte(id)) != nil {
			return published, id, nil
		}
		v := t.getRaw(bucketIssuer, []byte(keyIssuedCredential+id))
		if v == nil {
			return published, id, nil
		}
		r := issuedCredential{ID: id}
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, "", fmt.Errorf("%w (bad issued credential %s: %v)", ErrCorrupt, id, err)
		}
		published = append(published, r)
	}
}

// recordCredential records credential badge bg, revoked, as published
// (in b, bucketIssuer), the first time an export publishes it so.
func recordCredential(b *bucket, bg Badge) error {
	key := []byte(keyIssuedCredential + bg.ID)
	if bg.Revocation == nil || b.Get(key) != nil {
		return nil
	}
	return putJSON(b, key, issuedCredential{Attempt: bg.Attempt, IssuedOn: bg.IssuedOn, Recipient: bg.Recipient, Revoked: *bg.Revocation})
}
