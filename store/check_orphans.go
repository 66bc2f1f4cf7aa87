package store

// orphans checks the records kept for an attempt beside it: each names an
// attempt the store holds. One left behind (by a write that lost its
// attempt, or an import that died before its final commit) is read by
// whatever looks the attempt up again, and would be an attempt's if one
// were imported under its key.
func (c *checker) orphans() {
	t := c.t
	attempts := t.bucket(bucketAttempts)
	for _, o := range []struct {
		bucket, what string
		skip         int // bytes before the attempt key: a queue key's time
	}{
		{bucketLeases, "claim", 0},
		{bucketDrafts, "draft", 0},
		{bucketLeakIndex, "leak index entry", 0},
		{bucketSubmitted, "evidence as submitted", 0},
		{bucketFlagActions, "flag work", 0},
		{bucketActivity, "running review time", 0},
		{bucketReviewTimes, "review time", 0},
		{bucketSecondReview, "second review", 0},
		{bucketDoubleReviews, "double review", 0},
		{bucketDisputes, "dispute", 8},
	} {
		_ = t.bucket(o.bucket).ForEach(func(k, _ []byte) error {
			ak, ok := decodeAttemptKey(k[min(o.skip, len(k)):])
			switch {
			case !ok:
				c.problem("%s %q: bad key", o.what, k)
			case attempts.Get(attemptKey(ak)) == nil:
				c.problem("%s of %s: no such attempt", o.what, ak)
			}
			return nil
		})
	}
}
