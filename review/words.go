package review

import "strconv"

// integer is any count the program prints.
type integer interface {
	~int | ~int64 | ~uint64
}

// Plural is one when n is 1, else many, so a number printed with a word
// agrees with it.
func Plural[N integer](n N, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count is n and the word that agrees with it: "1 submission",
// "2 submissions", "0 submissions".
func Count[N integer](n N, one, many string) string {
	return strconv.FormatInt(int64(n), 10) + " " + Plural(n, one, many)
}
