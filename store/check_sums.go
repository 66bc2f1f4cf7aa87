package store

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// maxSumKeys bounds the keys a finding about one bucket names.
const maxSumKeys = 5

// sumProblems verifies the checksum of every record in every bucket,
// nested ones too (record.go), and reports each bucket with failures as one
// problem: how many records, and the first few keys. It reads the raw
// values, so a failure is counted, not raised. A store below
// schemaChecksums has no checksums: none.
func sumProblems(tx *bolt.Tx) []string {
	if n, err := readSchema(tx, ""); err != nil || n < schemaChecksums {
		return nil
	}
	var problems []string
	_ = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		problems = bucketSums(problems, string(name), b)
		return nil
	})
	return problems
}

func bucketSums(problems []string, name string, b *bolt.Bucket) []string {
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
		problems = append(problems, fmt.Sprintf("bucket %s: checksum mismatch in %s: %s%s", name, review.Count(bad, "record", "records"), strings.Join(keys, ", "), more))
	}
	for _, k := range nested {
		if nb := b.Bucket(k); nb != nil {
			problems = bucketSums(problems, name+"/"+quoteKey(k), nb)
		}
	}
	return problems
}

// fileProblems is what makes a copy of the store worthless: bbolt's
// consistency check, then, on sound pages, the records' checksums.
func fileProblems(tx *bolt.Tx, path string) []string {
	if p := pageProblems(tx, path); len(p) > 0 {
		return p
	}
	return sumProblems(tx)
}
