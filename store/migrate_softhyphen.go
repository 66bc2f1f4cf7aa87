package store

// to18 redacts every stored attempt again, as to14 did. Import drops a
// soft hyphen as invisible, so a name broken with one at a line's end
// ("Halvor\u00ad\nsen") was kept as "Halvor\nsen", two words, and reached
// reviewers; this release's matching reads the two as the name. The user
// name of the candidate's own address made of an initial and the first
// part of a surname of two parts ("druiz@" of Dana Ruiz-Lopez), only
// flagged before, is replaced too. Flags move with the text.
var to18 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each:  (*txn).redactAgain,
}
