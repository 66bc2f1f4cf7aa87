package review

import (
	"reflect"
	"testing"
)

// TestScanFlagsNameWithEnding: a name or district written with an ending,
// as languages that decline names write them, is flagged for a lead (not
// redacted); a short name, an everyday surname, a small letter, or the
// word a stem was cut from alone are not.
func TestScanFlagsNameWithEnding(t *testing.T) {
	for _, tc := range []struct {
		who  Candidate
		text string
		want []string
	}{
		{Candidate{Name: "Anna Kowalska"}, "Lekcja pani Kowalskiej.", []string{"candidate-name:Kowalskiej"}},
		{Candidate{Name: "Анна Иванова"}, "Урок Анны Ивановой.", []string{"candidate-name:Ивановой"}},
		{Candidate{Name: "Hana Nováková"}, "Hodina paní Novákové.", []string{"candidate-name:Novákové"}},
		{Candidate{Name: "Mikael Virtanen"}, "Mikaelin tunnilla.", []string{"candidate-name:Mikaelin"}},
		{Candidate{Name: "Anna Kovács"}, "Köszönet Kovácsnak.", []string{"candidate-name:Kovácsnak"}},
		{Candidate{Name: "Frank Müller"}, "Herrn Müllers Unterricht.", []string{"candidate-name:Müllers"}},
		{Candidate{Name: "Νίκος Παπαδόπουλος"}, "Η τάξη του Παπαδόπουλου.", []string{"candidate-name:Παπαδόπουλου"}},
		{Candidate{Name: "Rahul Sharma"}, "Sharmaji taught the class.", []string{"candidate-name:Sharmaji"}},
		{Candidate{Name: "Dana Ruiz", District: "Tampere"}, "Opetan Tampereella.", []string{"candidate-detail:Tampereella"}},
		// Not flagged: a name of four letters, an everyday surname, a word
		// in small letters, an ending longer than four letters.
		{Candidate{Name: "Mei Chan"}, "Change came slowly.", nil},
		{Candidate{Name: "Sam Walker"}, "Walking tours.", nil},
		{Candidate{Name: "Mikael Virtanen"}, "mikaelin tunnilla.", nil},
		{Candidate{Name: "Ana Roberts"}, "Robertsonville is far.", nil},
		{Candidate{Name: "राहुल शर्मा"}, "शर्माजी की कक्षा", nil}, // no capitals: no name told from a word
	} {
		if got := found(t, tc.text, &tc.who); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s, %q: got %q, want %q", tc.who.Name, tc.text, got, tc.want)
		}
	}
}
