package store_test

import (
	"assessor/store"
	"assessor/ui"
)

// The reviewer screens run on a *store.Store.
var _ ui.Backend = (*store.Store)(nil)
