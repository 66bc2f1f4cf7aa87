package review

import (
	"math"
	"testing"
)

// labels expands counts of (a, b) label pairs into two parallel lists.
func labels(pairs ...any) (a, b []string) {
	for i := 0; i < len(pairs); i += 3 {
		for range pairs[i+2].(int) {
			a = append(a, pairs[i].(string))
			b = append(b, pairs[i+1].(string))
		}
	}
	return a, b
}

func TestCohenKappa(t *testing.T) {
	tests := []struct {
		name   string
		a, b   []string
		want   float64
		wantOK bool
	}{
		// The classic 2×2 textbook table, 50 items: both yes 20, A yes B no 5,
		// A no B yes 10, both no 15. po = 35/50 = 0.7; A says yes 25/50 = 0.5,
		// B 30/50 = 0.6, so pe = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = 0.2/0.5 = 0.4.
		{name: "2x2 textbook", want: 0.4, wantOK: true},
		// Three levels, 10 items (rows A, columns B):
		//        x  y  z | A
		//   x    3  1  0 | 4
		//   y    0  2  1 | 3
		//   z    1  0  2 | 3
		//   B    4  3  3
		// po = (3+2+2)/10 = 0.7; pe = (4·4 + 3·3 + 3·3)/100 = 0.34;
		// κ = 0.36/0.66 = 6/11.
		{name: "3 categories by hand", want: 6.0 / 11, wantOK: true},
		// scikit-learn's cohen_kappa_score documentation example:
		// y1 = [neg, pos, neg, neu, pos], y2 = [neg, pos, neg, neu, neg] → 0.6875.
		// By hand: po = 4/5; A: neg 2, pos 2, neu 1; B: neg 3, pos 1, neu 1;
		// pe = (6+2+1)/25 = 0.36; κ = 0.44/0.64 = 0.6875.
		{name: "scikit-learn docs", a: []string{"negative", "positive", "negative", "neutral", "positive"},
			b: []string{"negative", "positive", "negative", "neutral", "negative"}, want: 0.6875, wantOK: true},
		{name: "perfect agreement", a: []string{"meets", "not-yet", "meets"}, b: []string{"meets", "not-yet", "meets"}, want: 1, wantOK: true},
		// po = 0, pe = 0.5: κ = −1, the worst possible.
		{name: "perfect disagreement", a: []string{"meets", "not-yet"}, b: []string{"not-yet", "meets"}, want: -1, wantOK: true},
		// Agreement no better than chance: po = pe = 0.5.
		{name: "chance", a: []string{"meets", "meets", "not-yet", "not-yet"}, b: []string{"meets", "not-yet", "meets", "not-yet"}, want: 0, wantOK: true},
		{name: "one item is undefined", a: []string{"meets"}, b: []string{"meets"}},
		{name: "no items", a: nil, b: nil},
		{name: "one level throughout: pe = 1", a: []string{"meets", "meets", "meets"}, b: []string{"meets", "meets", "meets"}},
		{name: "lengths differ", a: []string{"meets", "meets"}, b: []string{"meets"}},
	}
	tests[0].a, tests[0].b = labels("yes", "yes", 20, "yes", "no", 5, "no", "yes", 10, "no", "no", 15)
	tests[1].a, tests[1].b = labels("x", "x", 3, "x", "y", 1, "y", "y", 2, "y", "z", 1, "z", "x", 1, "z", "z", 2)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CohenKappa(tt.a, tt.b)
			if ok != tt.wantOK || math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("CohenKappa = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
			// The running form agrees with the list form.
			m := Confusion{}
			for i := range min(len(tt.a), len(tt.b)) {
				m.Add(tt.a[i], tt.b[i], 1)
			}
			if len(tt.a) == len(tt.b) {
				if k, ok2 := m.Kappa(); ok2 != ok || k != got {
					t.Errorf("Confusion.Kappa = %v, %v; CohenKappa %v, %v", k, ok2, got, ok)
				}
			}
		})
	}
}

func TestConfusionTakeBack(t *testing.T) {
	m := Confusion{}
	m.Add("meets", "meets", 1)
	m.Add("meets", "not-yet", 1)
	m.Add("meets", "not-yet", -1)
	if po, ok := m.Agreement(); !ok || po != 1 {
		t.Errorf("agreement after take-back = %v, %v; want 1", po, ok)
	}
}

// CohenKappa is Cohen's kappa of two raters' labels for the same items,
// a[i] and b[i] judging item i. ok is false when it is undefined: the lists
// differ in length, hold fewer than 2 items, or the expected agreement is 1.
func CohenKappa(a, b []string) (kappa float64, ok bool) {
	if len(a) != len(b) {
		return 0, false
	}
	m := Confusion{}
	for i := range a {
		m.Add(a[i], b[i], 1)
	}
	return m.Kappa()
}
