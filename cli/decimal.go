package cli

import (
	"strconv"

	"github.com/spf13/pflag"
)

// decimal is a whole-number flag read in base 10 only. pflag's IntVar reads
// as Go source does, so `rubrics show --version 010` showed version 8 and
// `--applications 0x10` made 16; a lead types numbers as numbers.
type decimal[T ~int | ~int64] struct{ p *T }

// decimalVar defines a flag like fs.IntVar (or Int64Var) that reads its
// value in base 10.
func decimalVar[T ~int | ~int64](fs *pflag.FlagSet, p *T, name string, value T, usage string) {
	*p = value
	fs.Var(decimal[T]{p}, name, usage)
}

func (d decimal[T]) Set(s string) error {
	v, err := strconv.ParseInt(s, 10, 64)
	if err == nil && int64(T(v)) != v { // an int of 32 bits
		err = &strconv.NumError{Func: "ParseInt", Num: s, Err: strconv.ErrRange}
	}
	if err != nil {
		return err
	}
	*d.p = T(v)
	return nil
}

func (d decimal[T]) String() string {
	if d.p == nil { // pflag makes a zero Value to tell a default from its zero
		return "0"
	}
	return strconv.FormatInt(int64(*d.p), 10)
}

// Type is what help shows after the flag's name, as pflag's own.
func (d decimal[T]) Type() string {
	var t T
	if _, ok := any(t).(int64); ok {
		return "int64"
	}
	return "int"
}
