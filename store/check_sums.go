package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// maxSumKeys bounds the keys a finding about one bucket names.
const maxSumKeys = 5

// sums verifies the checksum of every record in every bucket, nested ones
// too (record.go), and reports each bucket with failures as one finding:
// how many records, and the first few keys. It reads the raw values, so a
// failure is counted, not raised.
func (c *checker) sums() {
	if c.t.plain {
		return // a store below schemaChecksums has none to verify
	}
	_ = c.t.tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		c.bucketSums(string(name), b)
		return nil
	})
}

func (c *checker) bucketSums(name string, b *bolt.Bucket) {
	var keys []string
	bad := 0
	var nested [][]byte
	_ = b.ForEach(func(k, v []byte) error {
		if v == nil {
			if name == bucketQueueByCredential {
				nested = append(nested, k)
				return nil
			}
		} else if _, ok := unseal(k, v); ok {
			return nil
		}
		if bad++; len(keys) < maxSumKeys {
			keys = append(keys, quoteKey(k))
		}
		return nil
	})
	if bad > 0 {
		more := ""
		if bad > len(keys) {
			more = ", …"
		}
		c.problem("bucket %s: checksum mismatch in %s: %s%s", name, review.Count(bad, "record", "records"), strings.Join(keys, ", "), more)
	}
	for _, k := range nested {
		if nb := b.Bucket(k); nb != nil {
			c.bucketSums(name+"/"+quoteKey(k), nb)
		}
	}
}
