package review

import "testing"

// TestFences: fences open and close as CommonMark reads them.
func TestFences(t *testing.T) {
	tests := []struct {
		open   string
		opens  bool
		line   string
		closes bool
	}{
		{"```", true, "```", true},
		{"```go", true, "````", true},
		{"````", true, "```", false},
		{"~~~", true, "```", false},
		{"~~~ info `ok`", true, "~~~  ", true},
		{"```", true, "``` trailing", false},
		{"```", true, "    ```", false},
		{"``", false, "", false},
		{"``` info `no`", false, "", false},
		{"    ```", false, "", false},
	}
	for _, tt := range tests {
		f, ok := OpenFence(tt.open)
		if ok != tt.opens {
			t.Errorf("OpenFence(%q) = %v, want %v", tt.open, ok, tt.opens)
			continue
		}
		if ok && f.Closes(tt.line) != tt.closes {
			t.Errorf("fence %q closed by %q = %v, want %v", tt.open, tt.line, !tt.closes, tt.closes)
		}
	}
}
