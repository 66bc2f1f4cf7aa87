package cli

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// An independent checker of the Open Badges 2.0 required fields
// (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html),
// written from the spec rather than from the code it checks.

// obContext is the JSON-LD context every Open Badges 2.0 document names.
const obContext = "https://w3id.org/openbadges/v2"

// hashedIdentity is a hashed recipient identity: "sha256$" and 64 hex
// digits.
var hashedIdentity = regexp.MustCompile(`^sha256\$[0-9a-f]{64}$`)

// checkOpenBadges parses every file of an export and checks each against
// the 2.0 spec's required fields by its type, that every document's id is
// its own URL under base (so hosting the directory verifies it), and that
// assertions point at a BadgeClass and BadgeClasses at the Profile of the
// export. It returns the documents by file name.
func checkOpenBadges(t *testing.T, files map[string][]byte, base string) map[string]map[string]any {
	t.Helper()
	docs := map[string]map[string]any{}
	for name, data := range files {
		var d map[string]any
		if err := json.Unmarshal(data, &d); err != nil {
			t.Errorf("%s: not JSON: %v", name, err)
			continue
		}
		docs[name] = d
	}
	for _, f := range []string{"issuer.json", "revocations.json"} {
		if docs[f] == nil {
			t.Fatalf("export lacks %s", f)
		}
	}
	for name, d := range docs {
		c := obChecker{t: t, name: name, d: d}
		if d["id"] != base+name {
			t.Errorf("%s: id %v, want its own URL %s", name, d["id"], base+name)
		}
		switch d["type"] {
		case "Assertion":
			c.context()
			c.url("id")
			r := c.object("recipient")
			if r["type"] != "email" || r["hashed"] != true || !hashedIdentity.MatchString(str(r["identity"])) || str(r["salt"]) == "" {
				t.Errorf("%s: recipient %v is not a salted sha256-hashed email", name, r)
			}
			if c.url("badge"); docs[strings.TrimPrefix(str(d["badge"]), base)]["type"] != "BadgeClass" {
				t.Errorf("%s: badge %v is no BadgeClass of the export", name, d["badge"])
			}
			if v := c.object("verification"); v["type"] != "hosted" && v["type"] != "HostedBadge" {
				t.Errorf("%s: verification %v is not hosted", name, v)
			}
			if _, err := time.Parse(time.RFC3339, str(d["issuedOn"])); err != nil {
				t.Errorf("%s: issuedOn %v: %v", name, d["issuedOn"], err)
			}
			if ev, ok := d["evidence"]; ok {
				if e, _ := ev.(map[string]any); e == nil || str(e["narrative"]) == "" && str(e["id"]) == "" {
					t.Errorf("%s: evidence %v", name, ev)
				}
			}
			if rv, ok := d["revoked"]; ok && (rv != true || str(d["revocationReason"]) == "") {
				t.Errorf("%s: revoked %v without a reason", name, rv)
			}
		case "BadgeClass":
			c.context()
			c.url("id")
			c.text("name")
			c.text("description")
			if img := str(d["image"]); !strings.HasPrefix(img, "data:image/") && !isURL(img) {
				t.Errorf("%s: image %.40q is neither a URL nor a data URI", name, img)
			}
			if cr := c.object("criteria"); str(cr["narrative"]) == "" && !isURL(str(cr["id"])) {
				t.Errorf("%s: criteria %v has neither narrative nor id", name, cr)
			}
			if c.url("issuer"); docs[strings.TrimPrefix(str(d["issuer"]), base)]["type"] != "Profile" {
				t.Errorf("%s: issuer %v is not the export's Profile", name, d["issuer"])
			}
		case "Profile", "Issuer":
			c.context()
			c.url("id")
			c.text("name")
			if !isURL(str(d["url"])) && !strings.Contains(str(d["email"]), "@") {
				t.Errorf("%s: profile needs a url or an email", name)
			}
		case "RevocationList":
			c.context()
			c.url("id")
			c.url("issuer")
			list, ok := d["revokedAssertions"].([]any)
			if !ok {
				t.Errorf("%s: revokedAssertions %v is not a list", name, d["revokedAssertions"])
			}
			for _, x := range list {
				if ra, _ := x.(map[string]any); ra == nil || !isURL(str(ra["id"])) || docs[strings.TrimPrefix(str(ra["id"]), base)]["revoked"] != true {
					t.Errorf("%s: entry %v does not name a revoked assertion of the export", name, x)
				}
			}
		default:
			t.Errorf("%s: unknown type %v", name, d["type"])
		}
	}
	return docs
}

// obChecker checks the fields of one document.
type obChecker struct {
	t    *testing.T
	name string
	d    map[string]any
}

// context checks the document's @context.
func (c obChecker) context() {
	if c.d["@context"] != obContext {
		c.t.Errorf("%s: @context %v, want %s", c.name, c.d["@context"], obContext)
	}
}

// url checks that field is an absolute http(s) URL.
func (c obChecker) url(field string) {
	if !isURL(str(c.d[field])) {
		c.t.Errorf("%s: %s %v is not an http(s) URL", c.name, field, c.d[field])
	}
}

// text checks that field is a non-empty string.
func (c obChecker) text(field string) {
	if strings.TrimSpace(str(c.d[field])) == "" {
		c.t.Errorf("%s: %s is missing or empty", c.name, field)
	}
}

// object checks that field is a JSON object and returns it.
func (c obChecker) object(field string) map[string]any {
	m, ok := c.d[field].(map[string]any)
	if !ok {
		c.t.Errorf("%s: %s %v is not an object", c.name, field, c.d[field])
	}
	return m
}

// str is v as a string, "" if it is not one.
func str(v any) string { s, _ := v.(string); return s }

// isURL reports whether s is an absolute http(s) URL.
func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
