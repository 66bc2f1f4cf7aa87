// Package ui holds the Bubble Tea programs of assessor: the reviewer
// program (New, Run), the lead dashboard (NewDashboard, RunDashboard) and
// adjudication (NewAdjudicate, RunAdjudicate). The programs live in the
// sub-packages reviewer, dashboard and adjudicate, built from the shared
// pieces in common, styles, keymap and components; this package only
// names them for the rest of assessor.
package ui

import "assessor/ui/common"

// Backend is everything the reviewer program needs from the store; see
// common.Backend.
type Backend = common.Backend

// LeadBackend is what the lead dashboard reads; see common.LeadBackend.
type LeadBackend = common.LeadBackend

// AdjudicationBackend is what adjudication needs; see
// common.AdjudicationBackend.
type AdjudicationBackend = common.AdjudicationBackend

// FlagBackend is what the lead's flag screen needs; see common.FlagBackend.
type FlagBackend = common.FlagBackend

// Clock lets tests fix "now".
type Clock = common.Clock

// Options tune the programs; see common.Options. The zero value is usable.
type Options = common.Options

// ModeCalibration is Options.Mode for `assessor calibrate`.
const ModeCalibration = common.ModeCalibration

// QueueChangedMsg tells a running reviewer program that the shared queue
// changed; see common.QueueChangedMsg.
type QueueChangedMsg = common.QueueChangedMsg

// QueueChange is one change a QueueChangedMsg carries; see
// common.QueueChange.
type QueueChange = common.QueueChange

// SaveAndQuitMsg asks any running program to save what it holds unsaved
// and quit; see common.SaveAndQuitMsg.
type SaveAndQuitMsg = common.SaveAndQuitMsg

// AttemptChangedMsg tells a program what a lead did to an attempt; see
// common.AttemptChangedMsg.
type AttemptChangedMsg = common.AttemptChangedMsg

// UnsavedQuitMsg is a program's answer to SaveAndQuitMsg when its draft
// could not be saved; see common.UnsavedQuitMsg.
type UnsavedQuitMsg = common.UnsavedQuitMsg

// Width is the number of cells a line of a screen takes, as the screens
// measure their lines; see common.Width. serve draws frames with it.
func Width(s string) int { return common.Width(s) }
