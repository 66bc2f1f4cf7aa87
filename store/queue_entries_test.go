package store

import (
	"testing"
)

// TestQueueEntriesReusedWhileBytesSame: a decoded entry is reused only
// while its stored bytes are the same; other bytes under the same key are
// decoded afresh, bad ones are an error, and a nil cache decodes.
func TestQueueEntriesReusedWhileBytesSame(t *testing.T) {
	var c queueEntries
	key := []byte("k1")
	first := []byte(`{"pseudonym":"DF-7KQ2","credential":"AL-1","flags":1}`)
	for range 2 {
		e, err := c.decode(key, first)
		if err != nil || e != (queueEntry{Pseudonym: "DF-7KQ2", Credential: "AL-1", Flags: 1}) {
			t.Fatalf("decode = %+v, %v", e, err)
		}
	}
	if allocs := testing.AllocsPerRun(20, func() { c.decode(key, first) }); allocs != 0 {
		t.Errorf("a cached entry allocated %v times", allocs)
	}
	e, err := c.decode(key, []byte(`{"pseudonym":"XX-0000","credential":"AL-2"}`))
	if err != nil || e.Pseudonym != "XX-0000" || e.Flags != 0 {
		t.Errorf("changed bytes under the same key gave %+v, %v", e, err)
	}
	if _, err := c.decode([]byte("k2"), []byte(`{"pseudonym":`)); err == nil {
		t.Error("a bad entry decoded without an error")
	}
	var none *queueEntries
	if e, err := none.decode(key, first); err != nil || e.Pseudonym != "DF-7KQ2" {
		t.Errorf("nil cache: %+v, %v", e, err)
	}
}

// TestQueueEntriesBounded: the cache starts afresh at queueEntriesMax.
func TestQueueEntriesBounded(t *testing.T) {
	var c queueEntries
	raw := []byte(`{"pseudonym":"DF-7KQ2","credential":"AL-1"}`)
	for i := range queueEntriesMax + 10 {
		if _, err := c.decode([]byte{byte(i), byte(i >> 8), byte(i >> 16)}, raw); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(c.m); n > queueEntriesMax {
		t.Errorf("%d entries held, more than %d", n, queueEntriesMax)
	}
}
