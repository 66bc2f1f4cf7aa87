package review

// LevelPair is one criterion judged twice: Own is the level a reviewer gave,
// Other the level it is compared with (true level, other review or
// adjudication).
type LevelPair struct{ Own, Other string }

// Confusion counts judgement pairs: how often Own was given where Other was
// the reference. It is the running form of two label lists, so agreement
// and kappa can be kept incrementally and still equal a recomputation.
type Confusion map[LevelPair]int64

// Add counts (sign +1) or takes back (−1) one pair.
func (m Confusion) Add(own, other string, sign int) { m[LevelPair{own, other}] += int64(sign) }

// Total is the number of pairs counted.
func (m Confusion) Total() int64 {
	var n int64
	for _, c := range m {
		n += c
	}
	return n
}

// Agreement is the fraction of pairs whose two levels are equal; ok is
// false when there are none.
func (m Confusion) Agreement() (po float64, ok bool) {
	n := m.Total()
	if n <= 0 {
		return 0, false
	}
	var same int64
	for p, c := range m {
		if p.Own == p.Other {
			same += c
		}
	}
	return float64(same) / float64(n), true
}

// Kappa is Cohen's kappa of the pairs: (po − pe) / (1 − pe), where po is
// the observed agreement and pe the agreement expected by chance from each
// side's own level frequencies. ok is false when kappa is undefined: fewer
// than 2 pairs, or pe = 1 (both sides gave one and the same level
// throughout, so chance alone explains the agreement).
func (m Confusion) Kappa() (kappa float64, ok bool) {
	n := m.Total()
	if n < 2 {
		return 0, false
	}
	own, other := map[string]int64{}, map[string]int64{}
	for p, c := range m {
		own[p.Own] += c
		other[p.Other] += c
	}
	var pe float64
	for level, c := range own {
		pe += float64(c) / float64(n) * float64(other[level]) / float64(n)
	}
	if pe >= 1 {
		return 0, false
	}
	po, _ := m.Agreement()
	return (po - pe) / (1 - pe), true
}
