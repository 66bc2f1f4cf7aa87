package review

// What a lead reads of an attempt's flags (docs/workflow.md, "Anonymity"):
// the store fills these, `assessor leaks` prints them and the lead's flag
// screen (ui/leaks) draws them, so both show the same and no more.

// FlaggedAttempt is one attempt whose evidence holds likely identity leaks,
// as the lead's list shows it: the handle, where and what kind, never the
// matched text nor the application id.
type FlaggedAttempt struct {
	// Key opens the attempt's flags; never shown. Not its handle: in a
	// store imported before handles and ids were kept apart, a handle may
	// be another application's id, and Resolve refuses it.
	Key        AttemptKey
	Handle     string // e.g. "DF-7KQ2#2"
	Credential string
	Decided    bool
	Leaks      []FlaggedLeak
}

// FlaggedLeak is one leak of a FlaggedAttempt.
type FlaggedLeak struct {
	Place     string // "part 2", "a file name of part 2", "the resubmission note"
	PartTitle string // the part's title; "" for the note
	File      bool   // the leak is in a file name
	Kind      string // Leak* kind
}

// FlagSpan is one span of an attempt as a lead sees it: its number (open
// flags only, for leaks redact/clear), where, what kind, and the text
// around it with the span between ⟦ ⟧ (sanitized, on one line).
type FlagSpan struct {
	N       int
	Place   string
	Kind    string
	Context string
}

// RedactedFile is a file the reviewer reads as redacted text.
type RedactedFile struct {
	ID    string // "f1", "f2", …: for leaks clear
	Place string // "part 2, file 1"
	Name  string // as the reviewer reads it
}

// FlagReport is what `assessor leaks show` prints for one attempt.
type FlagReport struct {
	Handle   string
	Decided  bool
	Open     []FlagSpan     // in the reviewer's copy
	Redacted []FlagSpan     // replaced at import, in the evidence as submitted
	Files    []RedactedFile // read inline only until released
	Actions  []FlagAction   // what leads did, oldest first
	// Worked names the flag or file the action that returned the report
	// worked, as its audit record does ("flag 2 (email, part 2)"); ""
	// for a read. The open flags after it are numbered one less now.
	Worked string
}
