package server

import (
	"crypto/rand"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestStoredCertificateLetsNoOneIn: a certificate an earlier release
// stored as a reviewer's key (reviewers add now refuses one) logs no one
// in, expired or not: its expiry, principals and signer are not checked.
func TestStoredCertificateLetsNoOneIn(t *testing.T) {
	st := newDemoStore(t, 5)
	ca, _ := newKey(t)
	user, _ := newKey(t)
	cert := &gossh.Certificate{
		Key: user.PublicKey(), CertType: gossh.UserCert, KeyId: "rev-cert",
		ValidPrincipals: []string{"rev-cert"},
		ValidAfter:      uint64(time.Now().Add(-48 * time.Hour).Unix()),
		ValidBefore:     uint64(time.Now().Add(-24 * time.Hour).Unix()), // expired yesterday
	}
	if err := cert.SignCert(rand.Reader, ca); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(cert)))
	if err := st.AddReviewer(review.Reviewer{ID: "rev-cert", Role: review.RoleReviewer, Keys: []string{line}}); err != nil {
		t.Fatal(err)
	}
	_, addr := startServer(t, st, Config{})
	certSigner, err := gossh.NewCertSigner(cert, user)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []gossh.Signer{certSigner, user} {
		conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "rev-cert", Auth: []gossh.AuthMethod{gossh.PublicKeys(s)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
		if err == nil {
			conn.Close()
			t.Fatalf("%s logged in as rev-cert", s.PublicKey().Type())
		}
	}
}
