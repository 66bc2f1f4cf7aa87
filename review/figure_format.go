package review

import "strconv"

// NoFigure is what a figure with nothing to divide by shows (a null in
// the report). It is not "0": 0% and "no decisions yet" mean different
// things to a lead.
const NoFigure = "–"

// FormatRate formats a rate in [0,1] as a percentage with one decimal,
// "38.5%". The report table and the dashboard both use it, so a lead
// reads the same figure the same way in both.
func FormatRate(r *float64) string {
	if r == nil {
		return NoFigure
	}
	return strconv.FormatFloat(*r*100, 'f', 1, 64) + "%"
}

// FormatFigure formats any other figure (days, mean attempts, kappa) with
// two decimals, "8.10", for the report table and the dashboard alike.
func FormatFigure(f *float64) string {
	if f == nil {
		return NoFigure
	}
	return strconv.FormatFloat(*f, 'f', 2, 64)
}
