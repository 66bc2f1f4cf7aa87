package review

// AttemptNotice is what a lead did to an attempt that a reviewer may have
// open on screen: changed what reviewers read of it (a flag redacted or
// cleared, a redacted file released), amended its decision (whose
// feedback the reviewer of a later attempt reads), ended Holder's claim
// on it, or imported its decision while Holder held it. A server passes it to the
// screens showing that application, so nothing a lead redacted stays on a
// reviewer's screen and no reviewer works on believing they still hold a
// claim, or on an attempt that is settled.
type AttemptNotice struct {
	Key      AttemptKey
	Evidence bool // what reviewers read of it changed
	Amended  bool // its decision changed: later attempts show its feedback anew
	Released bool // a lead ended Holder's claim, or an admin one of Holder's keys (KeyRemoved)
	// KeyRemoved says the claim ended with one of Holder's keys: a session
	// on another of them goes on, and may take it back.
	KeyRemoved bool
	Decided    bool   // an import decided it while Holder held it (their draft went with the claim)
	Holder     string // whose claim ended, when Released or Decided
}
