package review

import "time"

// Action is what one HistoryEntry did to an attempt's decision of record.
// Its string is the stored form: the values below never change.
type Action string

// The actions of a decision history.
const (
	ActionImport = Action("import") // decision migrated by an import file
	ActionDecide = Action("decide") // decision made by a reviewer (Decide)
	ActionAmend  = Action("amend")  // a lead changed the decision of record (rule 3)

	// A double-reviewed attempt gets its two reviews, then the decision.
	ActionReview1    = Action("review-1")   // the first independent review
	ActionReview2    = Action("review-2")   // the second independent review
	ActionAgreed     = Action("agreed")     // the reviews agreed: review 1 is the decision of record
	ActionAdjudicate = Action("adjudicate") // a lead settled a disagreement
)

// HistoryEntry is one change to an attempt's decision of record, kept
// forever (rule 3): what was done, by whom, when and why, with the decision
// as it stood afterwards. Its JSON is the stored form.
type HistoryEntry struct {
	Action   Action    `json:"action"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	Reason   string    `json:"reason,omitempty"`
	Decision Decision  `json:"decision"`
}

// OfRecord reports whether h set the attempt's decision of record: not
// one of a double review's two independent reviews, which only wait for
// the decision (agreed, or adjudicated).
func (h HistoryEntry) OfRecord() bool { return h.Action != ActionReview1 && h.Action != ActionReview2 }
