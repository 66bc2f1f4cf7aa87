package store

// CalibrationStanding is reviewer's closing line for a calibrate session
// (review.CalibrationScore.Standing), so the local command and the SSH
// screen end with the same words.
func (s *Store) CalibrationStanding(reviewer string) (string, error) {
	p, err := s.CalibrationPolicy()
	if err != nil {
		return "", err
	}
	scores, err := s.CalibrationScores(reviewer)
	if err != nil || len(scores) == 0 {
		return "", err
	}
	return scores[0].Standing(p), nil
}
