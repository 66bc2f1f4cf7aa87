package main

import (
	"bytes"
	"testing"
	"time"
)

// TestRubricsShowOnLightTerminal: `rubrics show` renders a rubric as the
// reviewer sees it, so on a terminal with a light background that answers
// the background query it asks, as a screen does, and draws glamour's
// light style (dark text, 38;5;234), not the dark style's light grey
// (38;5;252), all but invisible on white.
func TestRubricsShowOnLightTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	db := demoStore(t, bin)
	ptmx, cmd := onTerminal(t, bin, "rubrics", "show", "formative-assessment-cycle", "--db", db)
	var out []byte
	buf := make([]byte, 65536)
	_ = ptmx.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		n, err := ptmx.Read(buf)
		out = append(out, buf[:n]...)
		if bytes.Contains(buf[:n], []byte(backgroundQuery)) {
			_, _ = ptmx.Write([]byte("\x1b]11;rgb:ffff/ffff/ffff\x1b\\")) // white
		}
		if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
			_, _ = ptmx.Write([]byte("\x1b[1;1R"))
		}
		if err != nil {
			break
		}
	}
	_ = cmd.Wait()
	if bytes.Contains(out, []byte("\x1b[38;5;252m")) || !bytes.Contains(out, []byte("\x1b[38;5;234m")) {
		t.Errorf("rubrics show on a white terminal does not draw the light style's text colour (38;5;234) the review screen draws there")
	}
}
