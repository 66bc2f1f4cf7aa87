package review

import (
	"reflect"
	"testing"
)

// TestScanFlagsNameWithEnding: a name written with an ending, as
// languages that decline names write them, is flagged for a lead (not
// redacted); the everyday words and places such a reading would flag in
// English evidence are not.
func TestScanFlagsNameWithEnding(t *testing.T) {
	for _, tc := range []struct {
		who  Candidate
		text string
		want []string
	}{
		{Candidate{Name: "Jan Nowak"}, "Dziękuję panu Nowakowi.", []string{"candidate-name:Nowakowi"}},
		{Candidate{Name: "Анна Иванова"}, "Урок Анны Ивановой.", []string{"candidate-name:Ивановой"}},
		{Candidate{Name: "Mikael Virtanen"}, "Mikaelin tunnilla.", []string{"candidate-name:Mikaelin"}},
		{Candidate{Name: "Anna Kovács"}, "Köszönet Kovácsnak.", []string{"candidate-name:Kovácsnak"}},
		{Candidate{Name: "Frank Müller"}, "Herrn Müllers Unterricht.", []string{"candidate-name:Müllers"}},
		{Candidate{Name: "Νίκος Παπαδόπουλος"}, "Η τάξη του Παπαδόπουλου.", []string{"candidate-name:Παπαδόπουλου"}},
		{Candidate{Name: "Rahul Sharma"}, "Sharmaji taught the class.", []string{"candidate-name:Sharmaji"}},
		// Not flagged: a name of four letters, an everyday surname, a word
		// in small letters, an ending longer than four letters, a script
		// without capitals.
		{Candidate{Name: "Mei Chan"}, "Change came slowly.", nil},
		{Candidate{Name: "Sam Walker"}, "Walking tours.", nil},
		{Candidate{Name: "Mikael Virtanen"}, "mikaelin tunnilla.", nil},
		{Candidate{Name: "Ana Roberts"}, "Robertsonville is far.", nil},
		{Candidate{Name: "राहुल शर्मा"}, "शर्माजी की कक्षा", nil},
		// Nor a Latin name cut short, nor an English ending, nor the
		// district: each starts everyday words and places.
		{Candidate{Name: "Ana Prince"}, "Principal Okada observed the lesson.", nil},
		{Candidate{Name: "Ana Norman"}, "Normally, students finish the warm-up first.", nil},
		{Candidate{Name: "George Ruiz"}, "Our Georgia Standards of Excellence unit.", nil},
		{Candidate{Name: "Angela Ruiz"}, "Los Angeles students wrote poems.", nil},
		{Candidate{Name: "Caroline Ruiz"}, "Students in North Carolina compared coastlines.", nil},
		{Candidate{Name: "Dana Williams"}, "William Shakespeare wrote sonnets.", nil},
		{Candidate{Name: "Dana Foster"}, "Fostering a love of reading was my goal.", nil},
		{Candidate{Name: "Dana Ruiz", District: "Hawaii District"}, "Native Hawaiian students led the morning.", nil},
	} {
		if got := found(t, tc.text, &tc.who); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s, %q: got %q, want %q", tc.who.Name, tc.text, got, tc.want)
		}
	}
}
