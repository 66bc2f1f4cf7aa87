package store

// to14 redacts every stored attempt again, as to13 did. Earlier releases
// did not find a Hebrew name after the letters Hebrew joins to the next
// word ("ומיכל", "and Michal"), a name before an ending after an ʻokina
// or ʼ typed for an apostrophe ("Ruizʻs"), nor one broken with a hyphen at
// a line's end ("Halvor-\nsen"). Only what the new matching finds in the
// reviewer's copy is replaced; flags move with the text.
var to14 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each:  (*txn).redactAgain,
}
