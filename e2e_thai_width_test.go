package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEndThaiEvidenceFitsPane: a Thai submission whose text has
// sara am (ำ: ทำ, สำคัญ, คำ) opens in tmux with the evidence pane whole:
// its top border on the second row and every row below it starting at
// the pane's left border. tmux draws ำ in a cell of its own, the screen
// measured it inside the letter before, so each such line ran past the
// border, tmux wrapped it onto the next row and the screen scrolled:
// the header and the top border were gone and rows began mid-pane.
func TestEndToEndThaiEvidenceFitsPane(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)
	th := "ครูทำงานสำคัญกับนักเรียน นักเรียนทำแบบฝึกหัดและกำลังแก้ไขงาน การให้ข้อมูลย้อนกลับสำคัญมาก ครูจำได้ว่านักเรียนนำคำแนะนำไปใช้ทำงานใหม่"
	line := `{"type":"submission","application":"A-TH1","credential":"descriptive-feedback","attempt":1,"submitted_at":"2019-06-01T10:00:00Z","parts":[{"title":"Part 1: Overview questions","text":"` + th + `"}]}` + "\n"
	f := filepath.Join(t.TempDir(), "th.jsonl")
	if err := os.WriteFile(f, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	runBin(t, bin, "import", f, "--db", db)
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-thai")
	queue := tm.waitQueue()
	h := handleRow.FindStringSubmatch(queue)[1]
	tm.key("Enter")
	screen := tm.waitForText("ไปใช้") // the last line's words, which hold no sara am
	rows := strings.Split(screen, "\n")
	if !strings.HasPrefix(rows[0], h+" · ") || !strings.HasPrefix(rows[1], "┏") {
		t.Fatalf("the header and the pane's top border are not on the first rows (the screen scrolled):\n%s", screen)
	}
	for i, r := range rows[2:] {
		if strings.HasPrefix(r, "┗") {
			break
		}
		if !strings.HasPrefix(r, "┃") {
			t.Fatalf("row %d does not start at the pane's border (a line ran past it and wrapped):\n%s", i+2, screen)
		}
	}
}
