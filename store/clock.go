package store

import (
	"encoding/binary"
	"fmt"
	"sync"
	"time"
)

// keyClock, in bucketMeta, is the latest time the store has given a record
// (8-byte big-endian Unix nanoseconds), so that a process opened later, on
// a clock set back, starts from it.
const keyClock = "clock.latest"

// clockNotice is how far the store's clock may stand ahead of the
// machine's, as a store opens, before it says so: more than the seconds a
// clock is stepped back by at boot.
const clockNotice = time.Minute

// maxCarry is how far the store's clock carries on ahead of a wall clock
// set back. A step back further than this is taken as the correction of a
// clock that stood ahead (set forward by mistake, a time zone taken for
// UTC), and followed: carried on, the store would date every decision
// ahead of the candidates' resubmissions, which an import then refuses as
// made before the decision they follow, until the clock caught up.
const maxCarry = time.Hour

// storeClock is the store's now. It does not go back by up to maxCarry:
// a wall clock stepped back (an NTP step, a clock wrong at boot) would date
// a record before the one it follows: a second review before the first, an
// adjudication before both, an audit record before the one it follows, a
// snippet saved last listed as older. While the wall clock stands behind,
// time goes on from the latest time given by the process's monotonic
// clock, which no step moves, so a reviewer's active time still counts; a
// clock given without a monotonic reading (a test's) waits.
type storeClock struct {
	now func() time.Time
	// mono, when set, is the time elapsed on a clock no step moves (a
	// test's); unset, the monotonic readings of now's times are.
	mono func() time.Duration

	mu         sync.Mutex
	latest     time.Time     // the latest time given, UTC
	latestAt   time.Time     // what now read when it was given
	latestMono time.Duration // and mono
}

// read is the store's now in UTC, the zone every stored time is in: the
// wall clock's, or up to maxCarry later.
func (c *storeClock) read() time.Time {
	read := c.now()
	var mono time.Duration
	if c.mono != nil {
		mono = c.mono()
	}
	at := read.UTC() // UTC drops the monotonic reading read keeps
	c.mu.Lock()
	defer c.mu.Unlock()
	floor := c.latest
	if !c.latestAt.IsZero() {
		elapsed := read.Sub(c.latestAt) // by the monotonic readings, when both have one
		if c.mono != nil {
			elapsed = mono - c.latestMono
		}
		if since := c.latest.Add(elapsed); since.After(floor) {
			floor = since
		}
	}
	if at.Before(floor) && floor.Sub(at) <= maxCarry {
		at = floor
	}
	c.latest, c.latestAt, c.latestMono = at, read, mono
	return at
}

// notBefore takes at, the latest time the store recorded (keyClock), read
// as the store opens, as the latest time given: reads carry on from it as
// from any other.
func (c *storeClock) notBefore(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if at.After(c.latest) {
		c.latest, c.latestAt = at.UTC(), time.Time{}
	}
}

// ahead is how far the latest time given stands after the wall clock.
func (c *storeClock) ahead() time.Duration {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latest.Sub(now)
}

// given is the latest time read has given, zero if none.
func (c *storeClock) given() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latest
}

// recordClock keeps in the store the latest time its clock has given:
// part of every write transaction, so that the next process carries on
// from the latest record written.
func (t *txn) recordClock() error {
	at := t.s.clk.given()
	meta := t.bucket(bucketMeta)
	if at.IsZero() || meta == nil {
		return nil
	}
	// Kept when it differs, not only when later: after a correction
	// followed (maxCarry) the latest time given is the earlier one.
	if v := meta.Get([]byte(keyClock)); len(v) == 8 && int64(binary.BigEndian.Uint64(v)) == at.UnixNano() {
		return nil
	}
	return meta.Put([]byte(keyClock), binary.BigEndian.AppendUint64(nil, uint64(at.UnixNano())))
}

// readClock sets the clock no earlier than the latest time the store kept.
func (t *txn) readClock() {
	if meta := t.bucket(bucketMeta); meta != nil {
		if v := meta.Get([]byte(keyClock)); len(v) == 8 {
			t.s.clk.notBefore(time.Unix(0, int64(binary.BigEndian.Uint64(v))))
		}
	}
}

// clockAhead is the one line a store opened on a clock more than
// clockNotice behind its latest record says, "" otherwise: a clock set
// back, or one that stood ahead and was corrected, and an admin should
// know which the store takes it for (maxCarry).
func (s *Store) clockAhead() string {
	ahead := s.clk.ahead()
	if ahead <= clockNotice {
		return ""
	}
	dated := "from then on"
	if ahead > maxCarry {
		dated = "by this machine's clock, before it"
	}
	return fmt.Sprintf("store %s: its latest record is dated %s, %s after this machine's clock; what is recorded now is dated %s: check the clock", s.path, s.clk.given().Format(time.RFC3339), ahead.Round(time.Second), dated)
}
