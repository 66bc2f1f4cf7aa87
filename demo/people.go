package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"assessor/review"
)

// The name lists avoid ordinary English words ("Will", "Hope", "Young",
// "Long") so a later identity-leak scan does not flag clean evidence that
// happens to use one of them.
var firstNames = [...]string{
	"Dana", "Marisol", "Keanu", "Priya", "Tomas", "Aisha", "Malia", "Jordan",
	"Renata", "Desmond", "Ingrid", "Kofi", "Leilani", "Mateo", "Noor", "Oksana",
	"Rafael", "Siobhan", "Tariq", "Yesenia", "Anneliese", "Bao", "Camila", "Darius",
	"Esperanza", "Farah", "Gideon", "Haruto", "Imani", "Jalen", "Kalani", "Lucinda",
	"Mirela", "Nikhil", "Odessa", "Paulo", "Quinlan", "Rosalind", "Soren", "Thandiwe",
}

var lastNames = [...]string{
	"Ruiz", "Nakamura", "Okafor", "Kealoha", "Lindqvist", "Abernathy", "Castellanos", "Delacroix",
	"Esposito", "Fairbanks", "Gallagher", "Haddad", "Iwasaki", "Jablonski", "Kowalczyk", "Lockhart",
	"Mahoney", "Nwosu", "Ostrowski", "Pacheco", "Quintero", "Rasmussen", "Sandoval", "Takahashi",
	"Underwood", "Valenzuela", "Whitfield", "Yamamoto", "Zielinski", "Achebe", "Bergstrom", "Cordero",
	"Dominguez", "Echeverria", "Fitzgerald", "Gutierrez", "Halvorsen", "Ibarra", "Kahananui", "Mendoza",
}

// district pairs an invented district with its state, so a candidate's
// district and state always agree.
type district struct{ name, state, slug string }

var districts = [...]district{
	{"Cedar Valley", "OR", "cedarvalley"}, {"North Harbor", "OR", "northharbor"},
	{"Willow Creek", "WA", "willowcreek"}, {"Pinecrest", "WA", "pinecrest"},
	{"Red Mesa", "AZ", "redmesa"}, {"Saguaro Flats", "AZ", "saguaroflats"},
	{"Kona Makai", "HI", "konamakai"}, {"Hilo Uplands", "HI", "hilouplands"},
	{"Prairie Ridge", "NE", "prairieridge"}, {"Sandhill", "NE", "sandhill"},
	{"Blue Lake", "MN", "bluelake"}, {"Iron Range East", "MN", "ironrange"},
	{"Magnolia Bend", "GA", "magnoliabend"}, {"Oconee Springs", "GA", "oconeesprings"},
	{"Granite Falls", "VT", "granitefalls"}, {"Maple Hollow", "VT", "maplehollow"},
	{"Copper Basin", "NM", "copperbasin"}, {"Rio Arenoso", "NM", "rioarenoso"},
	{"Lakeshore Unified", "MI", "lakeshore"}, {"Birch Point", "MI", "birchpoint"},
}

// mailDomains are shared providers; the rest of the candidates get their
// district's domain.
var mailDomains = [...]string{"example.org", "mail.example.org", "teachers.example.net"}

// person is one invented teacher; an application refers to one, and a
// teacher working through a stack has several applications.
type person struct {
	cand  *review.Candidate
	creds []int // rubric indexes this person has applied for
}

// people hands out candidates, reusing some so that stacks and repeat
// applicants appear, and keeps e-mails unique across namesakes.
type people struct {
	all   []*person
	names map[string]int // full name -> how many people carry it
}

func newPeople(capacity int) *people {
	return &people{all: make([]*person, 0, capacity), names: make(map[string]int, capacity)}
}

// pick returns a person for an application of rubric cred. About a third of
// applications come from a teacher who already holds another application,
// mostly one in the same stack, as happens when teachers work through a
// stack (so some complete one); a teacher never holds two applications for
// the same credential here. stackOf names a rubric's stack ("" for none).
func (p *people) pick(rng *rand.Rand, cred int, stackOf func(int) string) *person {
	if len(p.all) > 0 && rng.Float64() < 0.35 {
		// From a random teacher on, the nearby one furthest through cred's
		// stack, else the random one. No extra draws, so the rest of the
		// program is the same whoever is picked.
		start := rng.IntN(len(p.all))
		who := p.all[start]
		if stack := stackOf(cred); stack != "" {
			best := 0
			for i := range min(len(p.all), stackSearch) {
				w := p.all[(start+i)%len(p.all)]
				if n := w.inStack(stack, stackOf); n > best && !w.has(cred) {
					who, best = w, n
				}
			}
		}
		if !who.has(cred) {
			who.creds = append(who.creds, cred)
			return who
		}
	}
	who := &person{cand: p.newCandidate(rng), creds: []int{cred}}
	p.all = append(p.all, who)
	return who
}

// stackSearch bounds how many teachers pick looks at for one in the stack.
const stackSearch = 32

// inStack counts the person's applications for credentials of stack.
func (who *person) inStack(stack string, stackOf func(int) string) int {
	n := 0
	for _, c := range who.creds {
		if stackOf(c) == stack {
			n++
		}
	}
	return n
}

func (who *person) has(cred int) bool {
	for _, c := range who.creds {
		if c == cred {
			return true
		}
	}
	return false
}

func (p *people) newCandidate(rng *rand.Rand) *review.Candidate {
	first := firstNames[rng.IntN(len(firstNames))]
	last := lastNames[rng.IntN(len(lastNames))]
	d := districts[rng.IntN(len(districts))]
	name := first + " " + last
	n := p.names[name]
	p.names[name] = n + 1

	local := strings.ToLower(first + "." + last)
	if n > 0 {
		local += strconv.Itoa(n + 1) // a namesake: dana.ruiz2@…
	}
	domain := d.slug + ".k12.example.org"
	if rng.IntN(5) < 2 {
		domain = mailDomains[rng.IntN(len(mailDomains))]
	}
	c := &review.Candidate{Name: name, Email: local + "@" + domain, District: d.name, State: d.state}
	// Some programs pass a state educator id through; it exercises the
	// candidate.* extra fields.
	if rng.IntN(10) < 3 {
		c.Extra = map[string]string{"educator_id": "ED-" + strconv.Itoa(100000+rng.IntN(900000))}
	}
	return c
}

// Reviewers returns the ids of n demo reviewers: rev-01, rev-02, …
func Reviewers(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		s := strconv.Itoa(i + 1)
		if len(s) < 2 {
			s = "0" + s
		}
		ids[i] = "rev-" + s
	}
	return ids
}
