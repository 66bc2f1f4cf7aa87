package store

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"sort"

	"assessor/review"
)

// tallies compares the running tallies and median turnarounds with those
// review.Recompute builds from the histories records gathered, then the two
// reports as a whole, then the turnaround index's levels with each other.
func (c *checker) tallies() {
	creds, err := c.t.credentialMap()
	if err != nil {
		c.problem("rubrics: %v", err)
		return
	}
	stored, err := c.t.storedTallies()
	if err != nil {
		c.problem("running tallies: %v", err)
		return
	}
	raw := review.Recompute(creds, c.histories)
	before := len(c.problems) + c.dropped
	diffTallies(c, stored.Groups, raw.Groups, groupName)
	diffMedians(c, stored.GroupMedians, raw.GroupMedians, groupName)
	diffTallies(c, stored.Reviewers, raw.Reviewers, reviewerName)
	diffMedians(c, stored.ReviewerMedians, raw.ReviewerMedians, reviewerName)
	diffTallies(c, stored.Criteria, raw.Criteria, func(k review.CriterionKey) string {
		return "criterion " + k.Credential + "/" + k.Criterion
	})
	diffTallies(c, stored.Agreements, raw.Agreements, func(id string) string { return "agreement of reviewer " + id })
	diffTallies(c, stored.LevelPairs, raw.LevelPairs, func(k review.PairKey) string {
		return "levels of reviewer " + k.Reviewer + " " + k.Own + "/" + k.Other
	})
	c.stackCompletions(stored.StacksCompleted, raw.StacksCompleted, creds) // check_stacks.go
	if len(c.problems)+c.dropped == before {
		// Equal tallies make equal reports; this is the backstop.
		s, _ := json.Marshal(stored.Report(creds))
		r, _ := json.Marshal(raw.Report(creds))
		if !bytes.Equal(s, r) {
			c.problem("report from running tallies differs from the report recomputed from raw decisions")
		}
	}
	c.index(stored)
}

func groupName(g review.Group) string {
	if g.Kind == review.GroupOverall {
		return "overall"
	}
	return string(g.Kind) + " " + g.Key
}

func reviewerName(id string) string { return "reviewer " + id }

// diffTallies reports, field by field, each tally that differs; a tally
// missing on one side counts as zero.
func diffTallies[K comparable, V comparable](c *checker, stored, raw map[K]V, name func(K) string) {
	for _, k := range unionKeys(stored, raw, name) {
		s, r := stored[k], raw[k]
		if s == r {
			continue
		}
		sf, rf := fields(s), fields(r)
		for _, f := range slices.Sorted(maps.Keys(sf)) {
			if sf[f] != rf[f] {
				c.problem("%s: %s is %d in the running tally, %d recomputed from raw decisions", name(k), f, sf[f], rf[f])
			}
		}
	}
}

// diffMedians reports each median turnaround that differs.
func diffMedians[K comparable](c *checker, stored, raw map[K]*review.Middle, name func(K) string) {
	str := func(p *review.Middle) string {
		if p == nil {
			return "none"
		}
		return p.String()
	}
	for _, k := range unionKeys(stored, raw, name) {
		if s, r := str(stored[k]), str(raw[k]); s != r {
			c.problem("%s: median turnaround is %s in the index, %s recomputed from raw decisions", name(k), s, r)
		}
	}
}

// unionKeys lists the keys of a and b sorted by name.
func unionKeys[K comparable, V any](a, b map[K]V, name func(K) string) []K {
	seen := map[K]bool{}
	var keys []K
	for _, m := range []map[K]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return name(keys[i]) < name(keys[j]) })
	return keys
}

// fields is a tally's counters by JSON name.
func fields(v any) map[string]int64 {
	m := map[string]int64{}
	b, _ := json.Marshal(v)
	_ = json.Unmarshal(b, &m)
	return m
}

// index checks the turnaround index: the fine keys of each subject and
// bucket add up to its histogram entry, and each histogram counts exactly
// the decisions its group's or reviewer's tally counts.
func (c *checker) index(stored review.Tallies) {
	want := map[string]int64{}
	for g, tl := range stored.Groups {
		want[string(groupSubject(g))] = tl.DecidedAttempts
	}
	for id, rt := range stored.Reviewers {
		want[string(reviewerSubject(id))] = rt.Decisions
	}
	fine := map[string]map[uint16]int64{}
	perMinute := map[string]map[int64]int64{} // finePrefix → minute → count
	minuteVals := map[string][]byte{}         // finePrefix → minute histogram
	_ = c.t.bucket(bucketTurnaroundFine).ForEach(func(k, v []byte) error {
		if isMinuteKey(k) {
			minuteVals[string(k)] = v
			return nil
		}
		subject, b, ns, ok := decodeFineKey(k)
		if !ok || len(k) != len(fineKey(subject, ns)) || b != coarseBucket(turnaroundSecs(ns)) || len(v) != 8 {
			c.problem("turnaround index: bad fine key %q", k)
			return nil
		}
		if fine[string(subject)] == nil {
			fine[string(subject)] = map[uint16]int64{}
		}
		fine[string(subject)][b] += int64(decodeCounter(v))
		p := string(finePrefix(subject, b))
		if perMinute[p] == nil {
			perMinute[p] = map[int64]int64{}
		}
		perMinute[p][minuteOf(turnaroundSecs(ns))] += int64(decodeCounter(v))
		return nil
	})
	c.minutes(minuteVals, perMinute)
	_ = c.t.bucket(bucketTurnaroundHist).ForEach(func(k, v []byte) error {
		h, ok := decodeHistogram(v)
		if !ok {
			c.problem("turnaround index of %q: bad histogram", k)
			return nil
		}
		if n := h.total(); n != want[string(k)] {
			c.problem("turnaround index of %q: holds %s, its tally %d", k, review.Count(n, "decision", "decisions"), want[string(k)])
		}
		delete(want, string(k))
		fb := fine[string(k)]
		delete(fine, string(k))
		for _, bin := range h {
			if fb[bin.bucket] != bin.count {
				c.problem("turnaround index of %q: bucket %d counts %d, its fine keys %d", k, bin.bucket, bin.count, fb[bin.bucket])
			}
			delete(fb, bin.bucket)
		}
		for _, b := range slices.Sorted(maps.Keys(fb)) {
			c.problem("turnaround index of %q: %s in bucket %d, which its histogram lacks", k, review.Count(fb[b], "fine key", "fine keys"), b)
		}
		return nil
	})
	for _, s := range slices.Sorted(maps.Keys(want)) {
		if want[s] != 0 {
			c.problem("turnaround index of %q: missing, its tally counts %s", s, review.Count(want[s], "decision", "decisions"))
		}
	}
	for _, s := range slices.Sorted(maps.Keys(fine)) {
		c.problem("turnaround index of %q: fine keys without a histogram", s)
	}
}

// minutes checks the minute level of the turnaround index against the fine
// keys, counted per subject, coarse bucket and minute. A store opened
// read-only before its migration has no minute level, and its medians read
// the fine keys alone: nothing to check then.
func (c *checker) minutes(stored map[string][]byte, fine map[string]map[int64]int64) {
	if c.t.minuteBucket() == nil {
		if len(stored) > 0 {
			c.problem("turnaround index: %s in a store not marked as having them", review.Count(len(stored), "minute histogram", "minute histograms"))
		}
		return
	}
	for _, k := range slices.Sorted(maps.Keys(stored)) {
		h, ok := decodeMinutes(stored[k])
		if !ok || len(h) == 0 {
			c.problem("turnaround index: bad minute histogram %q", k)
			continue
		}
		want := fine[string(k)]
		delete(fine, string(k))
		for _, bin := range h {
			if want[bin.minute] != bin.count {
				c.problem("turnaround index %q: minute %d counts %d, its fine keys %d", k, bin.minute, bin.count, want[bin.minute])
			}
			delete(want, bin.minute)
		}
		for _, m := range slices.Sorted(maps.Keys(want)) {
			c.problem("turnaround index %q: %s in minute %d, which its minute histogram lacks", k, review.Count(want[m], "fine key", "fine keys"), m)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(fine)) {
		c.problem("turnaround index %q: fine keys without a minute histogram", k)
	}
}
