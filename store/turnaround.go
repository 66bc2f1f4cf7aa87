package store

// TurnaroundDays counts decided attempts by whole days of turnaround, read
// from the overall coarse histogram (0.1-day buckets), so it costs one value
// read whatever the size of the store. Index d counts turnarounds in
// [d, d+1) days for d < TurnaroundDayBuckets−1; the last index counts every
// longer one.
func (s *Store) TurnaroundDays() ([]int64, error) {
	days := make([]int64, TurnaroundDayBuckets)
	err := s.view(func(t *txn) error {
		h, err := t.histogram([]byte{subjectOverall})
		if err != nil {
			return err
		}
		for _, bin := range h {
			d := int(bin.bucket) / 10 // ten 0.1-day buckets a day
			if d >= len(days) {
				d = len(days) - 1
			}
			days[d] += bin.count
		}
		return nil
	})
	return days, err
}

// TurnaroundDayBuckets is the length of TurnaroundDays: 0 … 29 days and 30+.
const TurnaroundDayBuckets = 31
