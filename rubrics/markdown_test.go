package rubrics

import (
	"reflect"
	"testing"
)

func TestSplitLines(t *testing.T) {
	tests := []struct {
		src  string
		want []line
	}{
		{"", nil},
		{"a", []line{{"a", 1, 0}}},
		{"a\n", []line{{"a", 1, 0}}},
		{"a\n\nb", []line{{"a", 1, 0}, {"", 2, 2}, {"b", 3, 3}}},
		{"a\r\nb\r\n", []line{{"a", 1, 0}, {"b", 2, 3}}},
	}
	for _, tt := range tests {
		if got := splitLines(tt.src); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitLines(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestATXHeading(t *testing.T) {
	tests := []struct {
		text  string
		level int
		title string
		ok    bool
	}{
		{"## Part 1: Overview", 2, "Part 1: Overview", true},
		{"### C1. Name", 3, "C1. Name", true},
		{"###\tC1. Name  ", 3, "C1. Name", true},
		{"   # Three spaces of indent", 1, "Three spaces of indent", true},
		{"### C1. Closed ###", 3, "C1. Closed", true},
		{"### C#", 3, "C#", true}, // '#' not after a space is text
		{"###", 3, "", true},
		{"### ###", 3, "", true},
		{"###### Six", 6, "Six", true},
		{"####### Seven", 0, "", false},
		{"###C1. No space", 0, "", false},
		{"    ### Indented code", 0, "", false},
		{"Plain text", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		level, title, ok := atxHeading(tt.text)
		if level != tt.level || title != tt.title || ok != tt.ok {
			t.Errorf("atxHeading(%q) = %d, %q, %v; want %d, %q, %v", tt.text, level, title, ok, tt.level, tt.title, tt.ok)
		}
	}
}
