package store

import (
	"fmt"
	"testing"
)

// BenchmarkRecordSum is what a checksum adds to one read (unseal: verify,
// no copy) and one write (sealed: one allocation and copy) of a value of
// each size: a counter, a queue entry or decision, an attempt's evidence.
func BenchmarkRecordSum(b *testing.B) {
	key := []byte("A-1234567\x00\x00\x00\x00\x01")
	for _, size := range []int{8, 300, 6000} {
		value := make([]byte, size)
		stored := sealed(key, value)
		b.Run(fmt.Sprintf("read/%dB", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := unseal(key, stored); !ok {
					b.Fatal("checksum")
				}
			}
		})
		b.Run(fmt.Sprintf("write/%dB", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = sealed(key, value)
			}
		})
	}
}
