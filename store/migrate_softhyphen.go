package store

// to18 redacts every stored attempt again, as to14 did. Earlier releases
// dropped a soft hyphen before redacting, so a name broken with one at a
// line's end ("Halvor\u00ad\nsen") read as two words and reached reviewers.
// An evidence file is kept as it was sent, so its text, extracted again,
// is redacted now; a part's text, title or note was stored without the
// soft hyphen, and nothing shows where it was. The user name of the
// candidate's own address made of an initial and the first part of a
// surname of two parts ("druiz@" of Dana Ruiz-Lopez), only flagged before,
// is replaced too. Flags move with the text.
var to18 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each:  (*txn).redactAgain,
}
