package store

// Schema versions and migrations.
//
// A store records the schema it was written with (bucketMeta, keySchema). A
// read-write Open of an older store first writes a backup beside it,
// NAME.v<old>.bak (0600; NAME.v<old>.1.bak and on when that exists), then
// runs the steps below from its version up, in order, each one read-write
// transaction that also records the version it reaches (so that memory
// does not grow with the store, a step that rewrites every value copies
// the store into a new file instead, migrate_copy.go, and one that changes
// stored attempts commits a chunk of them at a time, migrate_chunks.go): a
// crash between steps leaves a store at a version this build still
// upgrades, one inside a step of attempts a store that step goes on with,
// and a step that fails puts the backup back (migrate_backup.go). A store newer than
// SchemaVersion is refused; a read-only Open (or SchemaRefuse) of an older
// one fails with ErrOldSchema and writes nothing.
//
// Recipe: adding a bucket (or any change to what is stored).
//  1. keys.go: add the bucket's const and append it to bucketNames, which
//     a fresh store creates whole (initSchema), so nothing is created on
//     first use.
//  2. Bump SchemaVersion by one.
//  3. Append one step to migrations: {to: SchemaVersion, what: "…",
//     run: createBuckets(bucketNew)} for a new bucket; a step that changes
//     an encoding rewrites its values in the same transaction, and one
//     that changes stored attempts is an attemptStep (migrate_chunks.go).
//  4. Add the fixture of the schema before yours: with the release before
//     the change, `assessor demo --build-only --now 2026-11-25
//     --applications 40 --db s.db`, then gzip -9n it into testdata/stores/
//     as schema<old>.db.gz and save its `report --format json` beside it as
//     schema<old>.report.json; TestFixtures migrates it.
//
// Encodings that grow are extensible, so a new field is a migration, not
// corruption: JSON records ignore unknown fields and read missing ones as
// zero; tally varints (tally.go) read missing trailing counters as zero; app
// facts carry a flag byte with room for more bits.

import (
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout version this build writes, stored in bucket
// meta under key schema. A store with a higher version is refused; one with
// a lower version is migrated (migrations).
//
// 1: the first release; buckets created on first use.
// 2: every bucket created by Open; the stack index and the minute level of
// the turnaround index built.
// 3: the releases bucket, the claims a lead ended (claim.go).
// 4: buckets submitted, flag_actions, activity, review_times; every stored
// attempt redacted against its vault entry (migrate_redact.go).
// 5: every value ends in a checksum of its key and value (record.go).
// 6: buckets import_pending and import_journal: an import commits a large
// file in chunks hidden from everyone else until its final commit
// (import_journal.go); a schema-5 build would show them.
// 7: every stored attempt's part titles redacted against its vault entry
// (migrate_titles.go).
// 8: every stored attempt redacted again with the matching that reads a
// name through invisible characters and look-alike letters
// (migrate_rematch.go).
// 9: candidate fields stored under another case ("Name") moved into their
// fields, and those candidates' attempts redacted again (migrate_fields.go).
// 10: the attempts of candidates whose name or district is in a script
// that runs words together (Chinese, Japanese, Thai, …) or joins words to
// a name (Korean, Arabic) redacted again (migrate_scripts.go).
// 11: every stored attempt redacted again (a name run together last name
// first, phones with other dashes),
// and e-mail addresses and school names that redaction cut at the
// candidate's district or state flagged (migrate_marked.go).
// 12: the stack counts of a store holding revocations built again without
// the revoked passes (migrate_revoked.go).
// 13: every stored attempt redacted again (letters typed without their
// marks, phones abroad; migrate_typed.go).
// 14: every stored attempt redacted again (a Hebrew name after joined
// letters, a name before an ʻokina, one hyphenated at a line's end;
// migrate_joined.go).
// 19: the turnaround index built again from the decisions, to the
// nanosecond; earlier schemas kept whole seconds, truncated
// (migrate_turnarounds.go).
const SchemaVersion = 19

// A migration upgrades a store from schema to-1 to schema to, in one
// read-write transaction.
type migration struct {
	to   int
	what string // for the package's docs and test messages
	run  func(t *txn) error
	// rewrite, instead of run, changes every value of the store (key, old
	// value → new value): the step copies the store (migrate_copy.go).
	rewrite func(k, v []byte) []byte
	// attempts, instead of run, changes stored attempts one by one: the
	// step commits every upgradeChunk of them (migrate_chunks.go).
	attempts *attemptStep
}

// migrations are the steps, in order: migrations[i].to is i+2.
var migrations = []migration{
	{to: 2, what: "create every bucket up front; build the stack index and the turnaround minutes", run: migrateTo2},
	{to: 3, what: "create the releases bucket", run: createBuckets(bucketReleases)},
	{to: 4, what: "create the redaction, flag-work and review-time buckets; redact stored attempts", attempts: &to4},
	{to: 5, what: "add a checksum to every stored value", rewrite: sealed}, // by copy: migrate_copy.go
	{to: 6, what: "create the buckets of imports in chunks", run: createBuckets(bucketImportPending, bucketImportJournal)},
	{to: 7, what: "redact the part titles of stored attempts", attempts: &to7},
	{to: 8, what: "redact stored attempts again with the matching of this release", attempts: &to8},
	{to: 9, what: "move candidate fields stored under another case into their fields", run: migrateTo9},
	{to: 10, what: "redact again the attempts of candidates named in scripts without spaces between words", attempts: &to10},
	{to: 11, what: "redact stored attempts again; flag the e-mail addresses and school names redaction cut at a candidate's district or state", attempts: &to11},
	{to: 12, what: "count the stacks again without revoked passes", run: migrateTo12},
	{to: 13, what: "redact stored attempts again: letters typed without their marks, phones abroad or with extensions, districts of three letters", attempts: &to13},
	{to: 14, what: "redact stored attempts again: Hebrew names after joined letters, names before an ʻokina typed for an apostrophe, names hyphenated at a line's end", attempts: &to14},
	{to: 15, what: "write stack names in one form (composed, single spaces) and count the stacks again", run: migrateTo15},
	{to: 16, what: "redact again the attempts of candidates whose district types its ʻokina as an apostrophe", attempts: &to16},
	{to: 17, what: "record the ids of the reviewers removed so far, from the audit log", run: migrateTo17},
	{to: 18, what: "redact stored attempts again: names broken with a soft hyphen at a line's end, user names made of a part of a surname", attempts: &to18},
	{to: 19, what: "build the turnaround index again from the decisions, to the nanosecond", run: (*txn).rebuildTurnarounds},
}

// migrateTo2 creates the buckets schema 1 created on first use and the
// indexes it built lazily.
func migrateTo2(t *txn) error {
	return layoutIndexes(t)
}

// createBuckets is a step that creates the named top-level buckets.
func createBuckets(names ...string) func(t *txn) error {
	return func(t *txn) error {
		for _, name := range names {
			if _, err := t.createBucket(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return nil
	}
}

// completeLayout creates every bucket of bucketNames the store lacks and
// builds the indexes a store of this schema always has: the minute level of
// the turnaround index (median.go) and the stack index (stacks.go). It is
// what a fresh store gets, and what repairs a store of this schema that
// lacks a bucket because a build forgot its migration step. It also builds
// the turnaround index again from the decisions when step 19 left that to
// the rollback of an import that died (migrate_turnarounds.go).
func completeLayout(t *txn) error {
	if err := layoutIndexes(t); err != nil {
		return err
	}
	if t.bucket(bucketMeta).Get([]byte(keyTurnaroundExact)) == nil {
		return t.rebuildTurnarounds()
	}
	return nil
}

// layoutIndexes is completeLayout but for the turnaround index's rebuild:
// step 2, on a store long before the nanoseconds, runs it alone.
func layoutIndexes(t *txn) error {
	if err := createBuckets(bucketNames()...)(t); err != nil {
		return err
	}
	if t.bucket(bucketMeta).Get([]byte(keyTurnaroundMinutes)) == nil {
		if err := buildMinutes(t); err != nil {
			return err
		}
	}
	_, _, _, err := t.stackIndex()
	return err
}

// completeLayoutIfNeeded runs completeLayout, in a write transaction only
// when it would change something.
func (s *Store) completeLayoutIfNeeded() error {
	complete := true
	if err := s.view(func(t *txn) error { complete = layoutComplete(t); return nil }); err != nil || complete {
		return err
	}
	return s.update(completeLayout)
}

// layoutComplete reports whether completeLayout would change nothing.
func layoutComplete(t *txn) bool {
	meta := t.bucket(bucketMeta)
	if len(t.missingBuckets()) > 0 || meta.Get([]byte(keyTurnaroundMinutes)) == nil || meta.Get([]byte(keyTurnaroundExact)) == nil {
		return false
	}
	return t.bucket(bucketStackMembers).Get([]byte(keyStacksIndexed)) != nil
}

// SchemaPolicy is what Open does with a store of an older schema.
type SchemaPolicy int

const (
	// SchemaUpgrade backs the store up and migrates it (read-write opens);
	// a read-only open refuses it as SchemaRefuse does.
	SchemaUpgrade SchemaPolicy = iota
	// SchemaRefuse fails with ErrOldSchema and writes nothing: for
	// commands that only read, which must not change a store behind the
	// admin's back.
	SchemaRefuse
	// SchemaAsIs opens it unchanged, for a command that copies the file
	// whole (backup). Store.Schema tells its version.
	SchemaAsIs
)

// ErrOldSchema means the store was written by an older assessor and this
// open may not upgrade it.
var ErrOldSchema = errors.New("store written by an older assessor")

// Schema is the schema version of the open store: SchemaVersion unless it
// was opened with SchemaAsIs.
func (s *Store) Schema() int { return s.schema }

// BackupPath is where Open backs up a store of schema old at path before
// migrating it, unless an earlier upgrade's backup is there already
// (upgradeBackupPath).
func BackupPath(path string, old int) string { return path + ".v" + strconv.Itoa(old) + ".bak" }

// readSchema reads the version: 0 for a fresh (empty) file.
func readSchema(tx *bolt.Tx, path string) (int, error) {
	meta := tx.Bucket([]byte(bucketMeta))
	if meta == nil {
		if other := tx.ForEach(func([]byte, *bolt.Bucket) error { return ErrNotStore }); other != nil {
			return 0, notStore(path, "it holds another program's data")
		}
		return 0, nil
	}
	v := meta.Get([]byte(keySchema))
	n, err := parseSchema(v)
	switch {
	case err != nil || n < 1:
		return 0, notStore(path, fmt.Sprintf("bad schema version %q", v))
	case n > SchemaVersion:
		return 0, &openError{fmt.Sprintf("store %s was written by a newer assessor (schema %d; this build reads up to %d): upgrade assessor", path, n, SchemaVersion), ErrNewerSchema}
	}
	return n, nil
}

// parseSchema reads a stored schema version: decimal, with a checksum
// from schemaChecksums on (record.go), without one below it.
func parseSchema(v []byte) (int, error) {
	if d, ok := unseal([]byte(keySchema), v); ok {
		if n, err := strconv.Atoi(string(d)); err == nil && n >= schemaChecksums {
			return n, nil
		}
	}
	n, err := strconv.Atoi(string(v))
	if err == nil && n >= schemaChecksums {
		return 0, fmt.Errorf("schema %d without its checksum", n)
	}
	return n, err
}

// setSchema records version n in the transaction.
func setSchema(t *txn, n int) error {
	return t.bucket(bucketMeta).Put([]byte(keySchema), []byte(strconv.Itoa(n)))
}

// initSchema lays out a fresh store: every bucket, its indexes, the version.
func initSchema(t *txn) error {
	if err := completeLayout(t); err != nil {
		return err
	}
	return setSchema(t, SchemaVersion)
}

// migrate backs the store (at schema from) up beside itself and runs the
// migration steps up to SchemaVersion, each in its own transaction, then
// tells notify in one line. When a step fails, the backup goes back in
// place and the store is closed (undoUpgrade).
func (s *Store) migrate(from int, opt Options) error {
	bak := upgradeBackupPath(s.path, from) // migrate_backup.go
	if err := s.backupBeforeUpgrade(bak); errors.Is(err, ErrCorrupt) {
		return fmt.Errorf("store %s (schema %d) was not upgraded, and is unchanged: %w", s.path, from, err)
	} else if err != nil {
		return fmt.Errorf("store %s needs an upgrade from schema %d, but its backup failed: %w", s.path, from, err)
	}
	was, ran := fileID(s.path), false
	for _, m := range migrations {
		if m.to <= from {
			continue
		}
		// A panic (a damaged page or record) too must put the backup back.
		// ran is set too once a step in commits of attempts commits one.
		if err := safely(func() error { return s.runStep(m, opt, &ran) }); err != nil {
			changed := ran || replaced(s.path, was) // a copy step renamed its file in
			return s.undoUpgrade(from, m, err, bak, changed)
		}
		ran = true
	}
	if opt.Notify != nil {
		opt.Notify(fmt.Sprintf("upgraded store %s from schema %d to %d; the old store is backed up in %s", s.path, from, SchemaVersion, bak))
	}
	return nil
}

// runStep runs one migration step: in one transaction, by copying the
// store for a step that rewrites every value (migrate_copy.go), or in
// commits of attempts (migrate_chunks.go), setting changed at the first.
func (s *Store) runStep(m migration, opt Options, changed *bool) error {
	switch {
	case m.rewrite != nil:
		return s.rewriteByCopy(m, opt)
	case m.attempts != nil:
		return s.runAttemptStep(m, changed)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		// A step reads and writes the store as the schema before it
		// has it: values without checksums below schemaChecksums.
		t := &txn{tx: tx, s: s, plain: m.to <= schemaChecksums}
		if err := m.run(t); err != nil {
			return err
		}
		if err := t.flush(); err != nil {
			return err
		}
		return setSchema(t, m.to)
	})
}

// oldSchema is ErrOldSchema for the store at path.
func oldSchema(path string, n int) error {
	return &openError{fmt.Sprintf("store %s was written by an older assessor (schema %d; this build writes %d)", path, n, SchemaVersion), ErrOldSchema}
}
