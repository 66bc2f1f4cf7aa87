package demo

import (
	"strconv"
	"strings"

	"assessor/review"
)

// Word-count bounds of generated parts (before the deliberate overruns).
const (
	minPartWords = 150
	maxPartWords = 450
	// overLimitRate is the share of word-limited parts written slightly
	// over the limit, as some candidates do.
	overLimitRate = 0.05
)

// partText is one part of an application's evidence, kept as paragraphs so
// a resubmission can revise one of them.
type partText struct {
	paras []string
	crit  []int // criterion each paragraph addresses, -1 for none
	words []int
	total int
	cap   int // most words a revision may bring the part to
	files []string
	text  string // paras joined; "" when it must be rebuilt
}

func (pt *partText) render() string {
	if pt.text == "" {
		pt.text = strings.Join(pt.paras, "\n\n")
	}
	return pt.text
}

func (pt *partText) insert(i int, para string, crit, words int) {
	pt.paras = append(pt.paras[:i], append([]string{para}, pt.paras[i:]...)...)
	pt.crit = append(pt.crit[:i], append([]int{crit}, pt.crit[i:]...)...)
	pt.words = append(pt.words[:i], append([]int{words}, pt.words[i:]...)...)
	pt.total += words
	pt.text = ""
}

func (pt *partText) replace(i int, para string, crit, words int) {
	pt.total += words - pt.words[i]
	pt.paras[i], pt.crit[i], pt.words[i] = para, crit, words
	pt.text = ""
}

// kindRoles are the paragraph roles of each kind of part: the opening
// paragraph, an optional second one, fillers, the closing one, and the body
// pool of paragraphs about one criterion.
type kindRoles struct {
	head, second, filler, last role
	hasSecond                  bool
	critBody                   pool
}

var rolesByKind = [...]kindRoles{
	kindOverview: {
		head: role{poolOvContext, poolOvContext}, second: role{poolOvTarget, poolOvTarget}, hasSecond: true,
		filler: role{poolOvPractice, poolOvPractice}, last: role{poolOvWhy, poolOvWhy}, critBody: poolOvPractice,
	},
	kindArtifacts: {
		head: role{poolArtIntro, poolArtIntro}, filler: role{poolArtBody, poolArtBody},
		last: role{poolArtBody, poolArtBody}, critBody: poolArtBody,
	},
	kindReflection: {
		head: role{poolRefImpact, poolRefBody}, filler: role{poolRefBody, poolRefBody},
		last: role{poolRefNext, poolRefNext}, critBody: poolRefBody,
	},
}

// buildPart writes attempt 1 of one part: 3–6 paragraphs (more when the
// part holds many criteria) adding up to about target words, never more
// than capW, and at least floor.
func (c *ctx) buildPart(b []byte, pp *partPlan, target, capW, floor int) ([]byte, partText) {
	kr := &rolesByKind[pp.kind]
	n := min(max((target+37)/75, 3), 6)
	n = max(n, min(len(pp.crits)+2, 7))
	type step struct {
		r    role
		crit int
	}
	seq := make([]step, 0, n)
	seq = append(seq, step{kr.head, -1})
	if kr.hasSecond && n-2-len(pp.crits) > 0 {
		seq = append(seq, step{kr.second, -1})
	}
	for _, ci := range pp.crits {
		seq = append(seq, step{role{poolCritOpen, kr.critBody}, ci})
	}
	for len(seq) < n-1 {
		seq = append(seq, step{kr.filler, -1})
	}
	seq = append(seq, step{kr.last, -1})

	// The part is written into one buffer and its paragraphs are slices of
	// the resulting string, so attempt 1 costs one allocation per part.
	c.partTitle = pp.title
	pt := partText{cap: capW, paras: make([]string, len(seq), len(seq)+2), crit: make([]int, 0, len(seq)+2), words: make([]int, 0, len(seq)+2)}
	bounds := make([]int, 0, 2*len(seq))
	b = b[:0]
	for i, s := range seq {
		left := len(seq) - i
		share := (target - pt.total) / left
		hard := capW - pt.total - (left-1)*35
		maxW := min(share*6/5, hard)
		maxW = max(maxW, 25)
		minW := min(share*17/20, maxW)
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		start := len(b)
		var w int
		b, w = c.paragraph(b, s.r, s.crit, minW, maxW)
		bounds = append(bounds, start, len(b))
		pt.crit = append(pt.crit, s.crit)
		pt.words = append(pt.words, w)
		pt.total += w
	}
	// Top up the closing paragraph (the buffer's tail) when sentence
	// lengths fell short.
	last := len(seq) - 1
	for tries := 0; pt.total < floor && tries < 12; tries++ {
		mark := len(b)
		b = append(b, ' ')
		var w int
		b, w = c.sentence(b, kr.filler.body)
		if pt.total+w > capW {
			b = b[:mark]
			continue
		}
		pt.total += w
		pt.words[last] += w
	}
	bounds[2*last+1] = len(b)
	pt.text = string(b)
	for i := range pt.paras {
		pt.paras[i] = pt.text[bounds[2*i]:bounds[2*i+1]]
	}
	return b, pt
}

// firstEvidence writes attempt 1's parts.
func (c *ctx) firstEvidence(b []byte) ([]byte, []partText) {
	parts := make([]partText, len(c.plan.parts))
	for i := range c.plan.parts {
		pp := &c.plan.parts[i]
		hi := maxPartWords
		if pp.maxWords > 0 && pp.maxWords < hi {
			hi = pp.maxWords
		}
		var target, capW, floor int
		if pp.maxWords > 0 && c.rng.Float64() < overLimitRate {
			// A candidate who ran over: a few words to a paragraph's worth.
			target = pp.maxWords + 3 + c.rng.IntN(28)
			capW, floor = pp.maxWords+40, pp.maxWords+1
		} else {
			// Most candidates write close to the limit.
			u := c.rng.Float64()
			target = hi - 10 - int(float64(hi-190)*u*u)
			capW, floor = hi, minPartWords+5
		}
		b, parts[i] = c.buildPart(b, pp, target, capW, floor)
		if pp.kind == kindArtifacts && c.rng.IntN(5) > 0 {
			parts[i].files = pickFiles(c, 1+c.rng.IntN(3))
		}
	}
	return b, parts
}

func pickFiles(c *ctx, n int) []string {
	var used uint32
	fs := make([]string, n)
	for i := range fs {
		fs[i] = artifactFiles[pickFresh(c.rng, len(artifactFiles), &used)]
	}
	return fs
}

// render turns the parts into an attempt's evidence. Texts are shared with
// the previous attempt where unchanged (strings are immutable); file lists
// are copied so no two attempts share a slice.
func render(p *rubricPlan, parts []partText) []review.EvidencePart {
	ev := make([]review.EvidencePart, len(parts))
	for i := range parts {
		ev[i] = review.EvidencePart{Title: p.parts[i].title, Text: parts[i].render()}
		if len(parts[i].files) > 0 {
			ev[i].Files = append([]string(nil), parts[i].files...)
		}
	}
	return ev
}

// revise turns the parts of attempt n-1 into attempt n by adding or
// rewriting one or two paragraphs about criteria that were not yet met, and
// returns the candidate's note. The parts are modified in place.
func (c *ctx) revise(b []byte, parts []partText, notYet []int, prev int) ([]byte, string) {
	k := 1
	if len(notYet) > 1 && c.rng.IntN(2) == 0 {
		k = 2
	}
	first := c.rng.IntN(len(notYet))
	note := make([]byte, 0, 256)
	note = append(note, "What I changed since attempt "...)
	note = strconv.AppendInt(note, int64(prev), 10)
	note = append(note, ": "...)
	attached := false // at most one new file per attempt
	for j := range k {
		ci := notYet[(first+j)%len(notYet)]
		cp := &c.plan.crits[ci]
		pt := &parts[cp.part]
		c.partTitle = c.plan.parts[cp.part].title
		at := -1 // the paragraph already about this criterion
		for i, x := range pt.crit {
			if x == ci {
				at = i
			}
		}
		if j > 0 {
			note = append(note, "; "...)
		}
		room := pt.cap - pt.total
		var w int
		if len(pt.paras) < 7 && room >= 60 {
			b, w = c.paragraph(b[:0], role{poolRevOpen, poolRevBody}, ci, 45, min(room, 90))
			pos := len(pt.paras) - 1 // before the closing paragraph
			if at >= 0 {
				pos = at + 1
			}
			pt.insert(pos, string(b), ci, w)
			note = append(note, "in "...)
			note = append(note, c.partTitle...)
			note = append(note, " I added a paragraph on "...)
		} else {
			if at < 0 {
				at = 1 + c.rng.IntN(max(len(pt.paras)-2, 1))
			}
			maxW := pt.cap - pt.total + pt.words[at]
			b, w = c.paragraph(b[:0], role{poolRevOpen, poolRevBody}, ci, min(45, maxW), maxW)
			pt.replace(at, string(b), ci, w)
			note = append(note, "in "...)
			note = append(note, c.partTitle...)
			note = append(note, " I rewrote the paragraph on "...)
		}
		note = append(note, cp.lower...)
		if c.plan.parts[cp.part].kind == kindArtifacts && !attached && c.rng.IntN(2) == 0 {
			attached = true
			name := "revised-work-samples-attempt-" + strconv.Itoa(prev+1) + ".pdf"
			pt.files = append(append([]string(nil), pt.files...), name)
			note = append(note, " and attached "...)
			note = append(note, name...)
		}
	}
	note = append(note, '.')
	switch c.rng.IntN(3) {
	case 0:
		note = append(note, " Thank you for the specific feedback."...)
	case 1:
		note = append(note, " I left the other parts as they were."...)
	}
	return b, string(note)
}
