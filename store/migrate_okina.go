package store

import "assessor/review"

// to16 redacts again the stored attempts of candidates whose district
// types its ʻokina as an apostrophe ("Wai'anae Complex Area"). Earlier
// releases split the district's key at it ("wai anae"), so "Waianae" or
// "Waiʻanae" written alone in the evidence stayed in the reviewer's copy,
// as the district written with the ʻokina never did. Only those attempts
// are read again; flags move with the text.
var to16 = attemptStep{
	which: (*txn).okinaDistrictAttempts,
	each:  (*txn).redactAgain,
}

// okinaDistrictAttempts are the stored attempts of the applications whose
// candidate's district holds an apostrophe read as an ʻokina.
func (t *txn) okinaDistrictAttempts() ([]review.AttemptKey, error) {
	ids, err := t.vaultIDs()
	if err != nil {
		return nil, err
	}
	var typed []string
	for _, id := range ids {
		c, ok, err := t.candidate(id)
		if err != nil {
			return nil, err
		}
		if ok && review.TypedOkinas(c.District) {
			typed = append(typed, id)
		}
	}
	return t.attemptsOf(typed)
}
