package store_test

import (
	"assessor/store"
	"assessor/ui"
)

// The reviewer screens and the lead dashboard run on a *store.Store.
var (
	_ ui.Backend     = (*store.Store)(nil)
	_ ui.LeadBackend = (*store.Store)(nil)
)
