package uitest

import "runtime"

// Allocated returns the bytes fn allocates (TotalAlloc, on every
// goroutine while it runs), after a GC so a collection owed from before
// does not land in the count. The bounds on hostile evidence are
// checked with it.
func Allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
