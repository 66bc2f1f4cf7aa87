package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"assessor/review"
	"assessor/ui"
)

// startReviewer opens the reviewer program on d as the golden reviewer and
// waits for the queue, whose oldest row is first.
func startReviewer(t *testing.T, d *demoData, w, h int) *frameOf {
	t.Helper()
	p := run(t, ui.New(d.st, goldenReviewer, goldenOptions()), w, h)
	p.WaitAfter(0, d.queue(t)[0].Handle())
	return p
}

// goldenQueue draws the queue after keys, which must draw shows.
func goldenQueue(t *testing.T, screen string, keys []string, shows ...string) {
	eachSize(t, screen, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		q := d.queue(t)
		p := startReviewer(t, d, w, h)
		if len(keys) > 0 {
			p.Do(keys, shows...)
		}
		frame := p.frame()
		requireContains(t, frame, "reviewer "+goldenReviewer, fmt.Sprintf("%d pending", len(q)), q[0].Handle(), q[1].Handle())
		requireContains(t, frame, shows...)
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenQueue(t *testing.T) {
	goldenQueue(t, "queue", nil, "filter: all credentials", "Days", "Status", "▸  "+"FA")
}

func TestGoldenQueueHelp(t *testing.T) {
	goldenQueue(t, "queue_help", keys("?"), "oldest", "newest listed", "claim & open", "filter credential", "reload")
}

// claimQueue puts claims and drafts on the golden queue's first rows:
// secondReviewer holds row 0, the golden reviewer holds row 1 with a draft,
// and has a draft of row 2 whose claim they released.
func claimQueue(t *testing.T, d *demoData) []review.QueueItem {
	t.Helper()
	q := d.queue(t)
	if err := d.st.AddReviewer(review.Reviewer{ID: secondReviewer}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.st.Claim(secondReviewer, q[0].Key()); err != nil {
		t.Fatal(err)
	}
	for _, it := range q[1:3] {
		if _, err := d.st.Claim(goldenReviewer, it.Key()); err != nil {
			t.Fatal(err)
		}
		draft := review.Draft{Feedback: map[string]string{review.OverallKey: "Started."}}
		if err := d.st.SaveDraft(goldenReviewer, it.Key(), draft); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.st.Release(goldenReviewer, q[2].Key()); err != nil {
		t.Fatal(err)
	}
	return q
}

// until is when a claim taken at goldenNow lapses, as the queue shows it.
var until = goldenNow().Add(review.LeaseDuration).Format("15:04")

func TestGoldenQueueClaims(t *testing.T) {
	eachSize(t, "queue_claims", func(t *testing.T, w, h int) string {
		d := demoStore(t)
		q := claimQueue(t, d)
		p := startReviewer(t, d, w, h)
		// The cursor is on row 0: the line under the table names its holder.
		p.WaitAfter(0, q[0].Handle()+" is being reviewed by "+secondReviewer+" until "+until)
		frame := p.frame()
		requireContains(t, frame, "yours to "+until+" · draft", "draft")
		if w >= 120 {
			requireContains(t, frame, "in review by "+secondReviewer+" to "+until)
		} else {
			requireContains(t, frame, "in review to "+until)
		}
		requireNoIdentity(t, frame, d)
		return frame
	})
}

// TestQueueReleaseKey: x on the reviewer's own claim releases it, so
// another reviewer may take the attempt; the draft stays, and the row says
// so. On another's claim x does nothing.
func TestQueueReleaseKey(t *testing.T) {
	d := demoStore(t)
	q := claimQueue(t, d)
	p := startReviewer(t, d, 160, 48)
	p.Press("x") // row 0 is secondReviewer's: not ours to release
	p.Do(keys("down"), "You hold "+q[1].Handle()+" until "+until+": enter goes on with it, x releases it")
	p.Do(keys("?"), "release my claim")
	p.Do(keys("x"), "Released "+q[1].Handle()+"; others may take it now")
	p.WaitAfter(0, "You have a draft of "+q[1].Handle())
	p.frame()
	if _, err := d.st.Claim(secondReviewer, q[1].Key()); err != nil {
		t.Errorf("another reviewer cannot claim after x: %v", err)
	}
	if _, err := d.st.Claim(goldenReviewer, q[0].Key()); err == nil {
		t.Errorf("x on %s released another reviewer's claim", q[0].Handle())
	}
	if dr, ok, err := d.st.Draft(goldenReviewer, q[1].Key()); err != nil || !ok || dr.Empty() {
		t.Errorf("draft after x: %+v %v %v", dr, ok, err)
	}
}

// markedHandle is the handle on the frame's ▸ row.
func markedHandle(t *testing.T, frame string) string {
	t.Helper()
	for _, line := range strings.Split(frame, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "▸" {
			return f[1]
		}
	}
	t.Fatalf("no row marked ▸:\n%s", frame)
	return ""
}

// TestQueueCursorStaysVisible: after moving to the last row and cycling
// the filter through every credential back to all, the selected row is
// drawn with its marker, and enter opens that row and no other.
func TestQueueCursorStaysVisible(t *testing.T) {
	cycle := func(t *testing.T, d *demoData) *frameOf {
		creds, err := d.st.Credentials()
		if err != nil {
			t.Fatal(err)
		}
		p := startReviewer(t, d, 80, 24)
		p.Do(keys("G"), "▸  "+d.queue(t)[len(d.queue(t))-1].Handle())
		for _, r := range creds {
			p.Do(keys("f"), "filter: "+r.Title[:20])
		}
		// The filter's name shows at once, over the rows it had; the
		// count says the whole queue is back.
		p.Do(keys("f"), "filter: all credentials", fmt.Sprintf(" %d pending", len(d.queue(t))))
		return p
	}
	frame := cycle(t, demoStore(t)).frame()
	marked := markedHandle(t, frame)
	p := cycle(t, demoStore(t))
	p.Do(keys("enter"), marked+" · ")
}

// TestQueueCursorFollowsLiveRefresh: with the cursor on the last row, a
// live refresh keeps it on its attempt when a row above it is decided by
// someone else, and puts it on a row that is drawn when its own attempt is.
func TestQueueCursorFollowsLiveRefresh(t *testing.T) {
	for _, tt := range []struct {
		name    string
		decided func(q []review.QueueItem) review.QueueItem
		marked  func(q []review.QueueItem) review.QueueItem
	}{
		{"row above decided", func(q []review.QueueItem) review.QueueItem { return q[0] }, func(q []review.QueueItem) review.QueueItem { return q[len(q)-1] }},
		{"selected row decided", func(q []review.QueueItem) review.QueueItem { return q[len(q)-1] }, func(q []review.QueueItem) review.QueueItem { return q[len(q)-2] }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := demoStore(t)
			if err := d.st.AddReviewer(review.Reviewer{ID: secondReviewer}); err != nil {
				t.Fatal(err)
			}
			q := d.queue(t)
			p := startReviewer(t, d, 80, 24)
			p.Do(keys("G"), "▸  "+q[len(q)-1].Handle())
			it := tt.decided(q)
			r := d.rubrics[it.Credential]
			levels := map[string]string{}
			for _, c := range r.Criteria {
				levels[c.ID] = r.PassingLevel()
			}
			if _, err := d.st.Claim(secondReviewer, it.Key()); err != nil {
				t.Fatal(err)
			}
			if _, err := d.st.Decide(secondReviewer, it.Key(), levels, nil); err != nil {
				t.Fatal(err)
			}
			m := p.Mark()
			p.TM.Send(ui.QueueChangedMsg{})
			p.WaitAfter(m, fmt.Sprintf("%d pending", len(q)-1))
			frame := p.frame()
			if got, want := markedHandle(t, frame), tt.marked(q).Handle(); got != want {
				t.Errorf("▸ is on %s, want %s:\n%s", got, want, frame)
			}
		})
	}
}
