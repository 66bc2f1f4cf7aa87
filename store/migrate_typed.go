package store

// to13 redacts every stored attempt again with this release's matching,
// as to8 and to11 did. Earlier releases read a letter with no accent to
// lose (Đ, Ø, Ł, ß, Þ) only as itself, so of Đặng Thị Lan the reviewer's
// copy kept "Mr. Dang", and they missed the candidate's phone written
// abroad (+44 20 7946 0958, or at home as 020 7946 0958) or with an
// extension on record, and a district of three letters (Ewa). Only what
// the new matching finds in the reviewer's copy is replaced; flags move
// with the text; titles are not scanned again (to8 did).
var to13 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each:  (*txn).redactAgain,
}
