package reviewer

import (
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
	k := second.c.Styles.Look + "\x03queue\x03" + second.c.Mode + "\x03" + helpKey(second.width, second.help, second.keys)
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
