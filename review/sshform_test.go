package review

import "testing"

// TestSSHForm: a command serve runs is named as run over ssh; a screen, a
// local-only command, a path or a word that merely holds "assessor" stay.
func TestSSHForm(t *testing.T) {
	for in, want := range map[string]string{
		"assessor: A-1: remove it first (assessor calibration remove A-1#1)":       "assessor: A-1: remove it first (ssh -p PORT HOST calibration remove A-1#1)",
		"See them with: assessor audit.":                                           "See them with: ssh -p PORT HOST audit.",
		"Usage:\n  assessor leaks show HANDLE [flags]\n":                           "Usage:\n  ssh -p PORT HOST leaks show HANDLE [flags]\n",
		"calibrate first: assessor calibrate (on a server: ssh -t HOST calibrate)": "calibrate first: assessor calibrate (on a server: ssh -t HOST calibrate)",
		"copied as it is (assessor upgrade first)":                                 "copied as it is (assessor upgrade first)",
		"in use by another assessor process; ./assessor report":                    "in use by another assessor process; ./assessor report",
		"no assessor here": "no assessor here",
	} {
		if got := SSHForm(in); got != want {
			t.Errorf("SSHForm(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
