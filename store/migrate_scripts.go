package store

import "assessor/review"

// to10 redacts again the attempts of each candidate whose name or
// district is written in a script that runs words together or joins
// words to a name (review/scripts.go): earlier releases found such a name
// only with a space or punctuation on either side, so "我是李小龍老师"
// kept 李小龍 in the reviewer's copy. Other candidates' attempts are as
// this release would redact them, and are not read.
var to10 = attemptStep{
	which: func(t *txn) ([]review.AttemptKey, error) {
		ids, err := t.vaultIDs()
		if err != nil {
			return nil, err
		}
		var again []string
		for _, id := range ids {
			c, ok, err := t.candidate(id)
			if err != nil {
				return nil, err
			}
			if ok && (review.WordsRunTogether(c.Name) || review.WordsRunTogether(c.District)) {
				again = append(again, id)
			}
		}
		return t.attemptsOf(again)
	},
	each: (*txn).redactAgain,
}
