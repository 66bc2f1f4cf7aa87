package reviewer

import (
	"strconv"
	"strings"
	"testing"

	"assessor/ui/common"
)

// TestQueueHelpKept: the queue's help is drawn once for every session
// with the same look, size and keys on offer (each frame asked for it
// twice, and 200 sessions drew the same lines), and what is kept is
// what would be drawn afresh after every key that changes the keys on
// offer or the size.
func TestQueueHelpKept(t *testing.T) {
	f := newFake()
	loaded := fakeQueueLoaded(t, f)
	open := func() queueModel {
		c := common.New(f, "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()})
		q := newQueue(c, "")
		q.Update(loaded)
		q.setSize(131, 37) // a size no other test draws
		return q
	}
	first := open()
	_ = first.helpView()
	second := open()
	k := second.c.Styles.Look + "\x03queue\x03" + second.c.Mode + "\x03" + helpKey(second.width, second.help, second.keys) + "\x03" + strconv.Itoa(second.height)
	sharedHelp.Get(k, func() string {
		t.Error("the second session drew the help the first drew")
		return second.drawHelp()
	})
	for _, step := range []string{"j", "?", "j", "f", "esc", "?", "resize", "G", "?"} {
		if step == "resize" {
			second.setSize(117, 31)
		} else {
			second.Update(keyMsg(step))
		}
		if got, want := second.helpView(), second.drawHelp(); got != want {
			t.Fatalf("after %s: kept help\n%s\nfresh\n%s", step, got, want)
		}
	}
}

// TestQueueHelpLeavesRows: with the full help open, the legend of the
// columns hangs its meanings under each other, and gives way to a line
// saying so where it would leave the table no rows.
func TestQueueHelpLeavesRows(t *testing.T) {
	f := newFake()
	loaded := fakeQueueLoaded(t, f)
	for _, size := range [][2]int{{66, 34}, {60, 20}} {
		c := common.New(f, "rev-1", common.Options{Now: testClock})
		q := newQueue(c, "")
		q.Update(loaded)
		q.setSize(size[0], size[1])
		q.Update(keyMsg("?"))
		v := q.View()
		requireFits(t, v, size[0], size[1])
		legend := strings.Contains(v, "in review to 14:05   another reviewer's claim")
		if !strings.Contains(v, "▸ DF-7KQ2#2") && !strings.Contains(v, "DF-7KQ2#2") {
			t.Errorf("%v: no row with the help open:\n%s", size, v)
		}
		if size[1] == 34 && (!legend || !strings.Contains(v, "\n                     if wide)")) {
			t.Errorf("%v: want the legend, its meanings hung under each other:\n%s", size, v)
		}
		if size[1] == 20 && (legend || !strings.Contains(v, "The legend of the columns needs a taller window.")) {
			t.Errorf("%v: want the legend left out, and said so:\n%s", size, v)
		}
	}
}
