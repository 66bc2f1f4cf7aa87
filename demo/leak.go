package demo

import (
	"strconv"

	"assessor/review"
)

// Identity leaks are seeded on purpose so the import-time scan (docs/workflow.md,
// "Anonymity") has something to find: a candidate who signs the
// evidence, gives an e-mail for families, or a phone number. Everything
// else the demo writes is clean.
const (
	leakRateFirst  = 0.03  // attempt 1
	leakRateResub  = 0.012 // a new leak in a resubmission; earlier ones carry over
	leakPhoneAreas = "503206602808402612706802505907"
)

// leak writes one identifying sentence into the evidence of cand, in a
// part that has room for it so word limits hold as for clean evidence.
func (c *ctx) leak(parts []partText, cand *review.Candidate) {
	k := c.rng.IntN(len(parts))
	for j := range parts {
		if p := &parts[(k+j)%len(parts)]; p.cap-p.total >= 16 {
			k = (k + j) % len(parts)
			break
		}
	}
	pt := &parts[k]
	i := c.rng.IntN(len(pt.paras))
	var s string
	switch c.rng.IntN(3) {
	case 0:
		// Introducing oneself at the top of a part is the common slip.
		i = 0
		s = "My name is " + cand.Name + " and I have taught for " + strconv.Itoa(3+c.rng.IntN(20)) + " years. "
		pt.paras[i] = s + pt.paras[i]
	case 1:
		s = " Families can reach me at " + cand.Email + " with questions about the unit."
		pt.paras[i] += s
	default:
		a := 3 * c.rng.IntN(len(leakPhoneAreas)/3)
		s = " Parents who prefer to talk can call me at (" + leakPhoneAreas[a:a+3] + ") 555-01" + strconv.Itoa(10+c.rng.IntN(90)) + "."
		pt.paras[i] += s
	}
	w := countWords([]byte(s))
	pt.words[i] += w
	pt.total += w
	pt.text = ""
}
