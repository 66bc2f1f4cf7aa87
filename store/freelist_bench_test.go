package store

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"assessor/review"
)

// BenchmarkFreelistSettings compares bbolt's default free list with etcd's
// settings (Options.EtcdFreelist: NoFreelistSync, hashmap) on copies of the
// stores `assessor gen` builds (ASSESSOR_BENCH_DB_10K, ASSESSOR_BENCH_DB_1M),
// interleaved so both see the same machine: per op, one decision of record
// on each copy, and one open → first frame on each (Open, the reviewer's
// queue page the first frame shows, Close). It reports each one's mean.
func BenchmarkFreelistSettings(b *testing.B) {
	for _, size := range scaleStores {
		b.Run(size.name, func(b *testing.B) {
			src := scaleStore(b, size.env)
			dir := b.TempDir()
			paths := [2]string{filepath.Join(dir, "default.db"), filepath.Join(dir, "etcd.db")}
			for _, p := range paths {
				copyFile(b, src, p)
			}
			opts := [2]Options{{}, {EtcdFreelist: true}}
			var decide, open [2]time.Duration
			stores := [2]*Store{}
			var keys []keysAndLevels
			for i := range stores {
				s, err := Open(paths[i], opts[i])
				if err != nil {
					b.Fatal(err)
				}
				stores[i] = s
				k, lv := pendingToPass(b, s, 5000)
				keys = append(keys, keysAndLevels{k, lv})
			}
			n := 0
			for b.Loop() {
				for i, s := range stores {
					if n >= len(keys[i].keys) {
						b.Fatal("out of pending attempts")
					}
					k := keys[i].keys[n]
					if _, err := s.Claim("rev-bench-decide", k); err != nil {
						b.Fatal(err)
					}
					start := time.Now()
					if _, err := s.Decide("rev-bench-decide", k, keys[i].levels(k), nil); err != nil {
						b.Fatal(err)
					}
					decide[i] += time.Since(start)
				}
				n++
				if n%10 == 0 {
					// Open → first frame, on each copy in turn.
					for i := range stores {
						stores[i].Close()
						start := time.Now()
						s, err := Open(paths[i], opts[i])
						if err != nil {
							b.Fatal(err)
						}
						if _, err := s.Queue("rev-bench-open", "", 50); err != nil {
							b.Fatal(err)
						}
						open[i] += time.Since(start)
						stores[i] = s
					}
				}
			}
			for _, s := range stores {
				s.Close()
			}
			b.ReportMetric(float64(decide[0].Microseconds())/float64(n)/1e3, "ms/decide-default")
			b.ReportMetric(float64(decide[1].Microseconds())/float64(n)/1e3, "ms/decide-etcd")
			if opens := n / 10; opens > 0 {
				b.ReportMetric(float64(open[0].Microseconds())/float64(opens)/1e3, "ms/open-default")
				b.ReportMetric(float64(open[1].Microseconds())/float64(opens)/1e3, "ms/open-etcd")
			}
		})
	}
}

type keysAndLevels struct {
	keys   []review.AttemptKey
	levels func(review.AttemptKey) map[string]string
}

// copyFile copies src to dst, 0600.
func copyFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
