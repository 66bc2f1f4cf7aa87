package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Media types of the evidence files a reviewer can read inline.
const (
	TypeText     = "text/plain"
	TypeMarkdown = "text/markdown"
	TypeCSV      = "text/csv"
	TypeTSV      = "text/tab-separated-values"
	TypePDF      = "application/pdf"
	TypeOther    = "application/octet-stream"
)

// fileTypes maps a lower-case extension to its media type. The table is
// fixed, not the system's mime database, so every machine agrees.
var fileTypes = map[string]string{
	".txt": TypeText, ".text": TypeText, ".md": TypeMarkdown, ".markdown": TypeMarkdown,
	".csv": TypeCSV, ".tsv": TypeTSV, ".pdf": TypePDF,
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".doc": "application/msword", ".docx": TypeDOCX, ".ppt": "application/vnd.ms-powerpoint", ".pptx": TypePPTX, ".xlsx": TypeXLSX,
	".mp4": "video/mp4", ".mov": "video/quicktime", ".mp3": "audio/mpeg",
	// Text in other dress: read inline as its source, as the redactor and
	// the leak scan read it.
	".html": TypeText, ".htm": TypeText, ".xml": TypeText, ".json": TypeText, ".yaml": TypeText,
	".yml": TypeText, ".log": TypeText, ".tex": TypeText, ".rtf": TypeText, ".vtt": TypeText, ".srt": TypeText,
}

// FileType is the media type of a file name, from its extension; TypeOther
// when the extension is unknown.
func FileType(name string) string {
	if t, ok := fileTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return TypeOther
}

// TextLike reports whether files of media type t hold text a reviewer can
// read inline and the leak scan can search: plain text, Markdown, CSV, TSV,
// and PDF and Office documents (through their extracted text).
func TextLike(t string) bool {
	switch t {
	case TypeText, TypeMarkdown, TypeCSV, TypeTSV, TypePDF, TypeDOCX, TypePPTX, TypeXLSX:
		return true
	}
	return false
}

// NewAttachment describes the bytes of the file name. A file of an unknown
// type that holds text ("notes", "lesson.vtt") is text: it is read inline
// and scanned, never handed unread to a viewer.
func NewAttachment(name string, data []byte) Attachment {
	sum := sha256.Sum256(data)
	t := TypeOf(name, data)
	return Attachment{Name: name, Hash: hex.EncodeToString(sum[:]), Size: int64(len(data)), Type: t, Lines: t == TypePDF, OfficeParts: officeType(t)}
}

// TypeOf is the media type of the file name holding data: a PDF whatever
// its name (a renamed PDF is still read and scanned), else by its
// extension (FileType), and text when the extension is unknown and the
// bytes are text.
func TypeOf(name string, data []byte) string {
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return TypePDF
	}
	t := FileType(name)
	if t == TypeOther && looksText(data) {
		t = TypeText
	}
	return t
}

// ErrFileName means an evidence file name is not a plain name or a relative
// path inside the files folder.
var ErrFileName = errors.New("must be a file name or a relative path inside the files folder (no .., no absolute path)")

// ErrFileNameChars is a file name holding terminal control or invisible
// characters (escapes, bidi overrides): rename the file.
var ErrFileNameChars = errors.New("holds control or invisible characters, which a reviewer's screen does not show: rename the file")

// CheckFileName accepts a plain name ("plan.pdf") or a relative path below
// the files folder ("unit-3/plan.pdf") and refuses what could reach outside
// it: empty names, absolute paths, ".." elements and backslashes (a Windows
// separator that would let "..\\x" through on one system and not another).
func CheckFileName(name string) error {
	if name == "" || strings.ContainsRune(name, '\\') || strings.HasPrefix(name, "/") || !filepath.IsLocal(name) {
		return ErrFileName
	}
	// Element by element without a slice of them: every name of an import
	// line is checked as it is read.
	for rest := name; rest != ""; {
		var el string
		if el, rest, _ = strings.Cut(rest, "/"); el == ".." {
			return ErrFileName
		}
	}
	return nil
}

// FileLimits bound the evidence files of one attempt, in bytes.
type FileLimits struct {
	PerFile    int64 `json:"per_file"`
	PerAttempt int64 `json:"per_attempt"`
}

// DefaultFileLimits returns the limits of a store that has not configured
// any: 10 MB per file, 50 MB per attempt.
func DefaultFileLimits() FileLimits { return FileLimits{PerFile: 10 << 20, PerAttempt: 50 << 20} }

// MaxFileLimit is the most an admin may raise the per-file limit to, and
// MaxAttemptLimit the per-attempt one: an import holds an attempt's files in
// memory, several times over while it reads their text.
const (
	MaxFileLimit    = 256 << 20
	MaxAttemptLimit = 1 << 30
)

// Validate refuses limits past MaxFileLimit or MaxAttemptLimit, and a
// per-file limit over the per-attempt one, which no file could reach.
func (l FileLimits) Validate() error {
	switch {
	case l.PerFile > MaxFileLimit:
		return fmt.Errorf("per file %s: at most %s", FormatSize(l.PerFile), FormatSize(MaxFileLimit))
	case l.PerAttempt > MaxAttemptLimit:
		return fmt.Errorf("per attempt %s: at most %s", FormatSize(l.PerAttempt), FormatSize(MaxAttemptLimit))
	case l.PerFile > l.PerAttempt:
		return fmt.Errorf("per file %s is over per attempt %s: no file could reach it; raise --max-attempt too", FormatSize(l.PerFile), FormatSize(l.PerAttempt))
	}
	return nil
}

// CheckFile returns an error naming the file when size is over the
// per-file limit, and when total (the attempt's files so far, this one
// included) is over the per-attempt limit.
func (l FileLimits) CheckFile(name string, size, total int64) error {
	switch {
	case l.PerFile > 0 && size > l.PerFile:
		return fmt.Errorf("%s is %s, over the %s limit per file", Quoted(name), FormatSize(size), FormatSize(l.PerFile))
	case l.PerAttempt > 0 && total > l.PerAttempt:
		return fmt.Errorf("%s brings the attempt's files to %s, over the %s limit per attempt", Quoted(name), FormatSize(total), FormatSize(l.PerAttempt))
	}
	return nil
}

// Size units. Sizes are binary, as file managers show them: 1 MB is
// 1024 KB is 1,048,576 bytes.
const (
	kb = 1 << 10
	mb = 1 << 20
	gb = 1 << 30
)

// FormatSize writes n bytes as "812 B", "4.2 KB", "12.4 MB" or "10 MB".
func FormatSize(n int64) string {
	unit := func(div int64, name string) string {
		s := strconv.FormatFloat(float64(n)/float64(div), 'f', 1, 64)
		return strings.TrimSuffix(s, ".0") + " " + name
	}
	switch {
	case n >= gb:
		return unit(gb, "GB")
	case n >= mb:
		return unit(mb, "MB")
	case n >= kb:
		return unit(kb, "KB")
	}
	return strconv.FormatInt(n, 10) + " B"
}

// ParseSize reads "10MB", "10 MiB", "512KB", "1.5GB" or a plain number of
// bytes. Units are binary and case-insensitive.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", gb}, {"GB", gb}, {"G", gb}, {"MIB", mb}, {"MB", mb}, {"M", mb}, {"KIB", kb}, {"KB", kb}, {"K", kb}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || f*float64(mult) > 1<<50 {
		return 0, fmt.Errorf("size %q: want a positive size such as 10MB, 512KB or 1GB", s)
	}
	return int64(f * float64(mult)), nil
}

// ErrNoText means a file's text could not be extracted: its type holds no
// text, or the PDF is scanned, encrypted or damaged.
var ErrNoText = errors.New("no text could be extracted")

// AttachmentText is the text a file of media type t holds: the bytes
// themselves for text, Markdown, CSV and TSV (UTF-16 decoded, invalid UTF-8
// replaced), the extracted text for a PDF or an Office document. It fails
// with ErrNoText for other types and for a document whose text cannot be
// read. The text is sanitized: what
// the redactor and the leak scan read is what a terminal draws, so a name
// broken by a control character ("Mari\x00sol") is read whole.
func AttachmentText(t string, data []byte) (string, error) {
	switch t {
	case TypeText, TypeMarkdown, TypeCSV, TypeTSV:
		return Sanitize(capText(decodeText(data))), nil
	case TypePDF:
		text, err := PDFText(data)
		return Sanitize(capText(text)), err
	case TypeDOCX, TypePPTX, TypeXLSX:
		text, err := officeText(data, true)
		return Sanitize(text), err
	}
	return "", ErrNoText
}

// officeType reports whether t is an Office Open XML document's type.
func officeType(t string) bool { return t == TypeDOCX || t == TypePPTX || t == TypeXLSX }

// FileText is AttachmentText for the stored file a: a PDF imported before
// its lines were read apart (Attachment.Lines) is read as it was then, as
// the PDF reader joins its lines, and an Office document imported before
// its authors, links and cell strings were read (Attachment.OfficeParts)
// without them, so the spans stored for it (flags, redactions) still
// index its text.
func FileText(a Attachment, data []byte) (string, error) {
	if a.Type == TypePDF && !a.Lines {
		text, err := pdfTextRead(data, func(p pdf.Page) (string, error) { return p.GetPlainText(nil) })
		return Sanitize(capText(text)), err
	}
	if officeType(a.Type) && !a.OfficeParts {
		text, err := officeText(data, false)
		return Sanitize(text), err
	}
	return AttachmentText(a.Type, data)
}

// MaxAttemptFileText bounds the text read from all of one attempt's files,
// as maxFileText does one file's: past it, a file's text is not read
// (Attachment.Unread). An import reads and scans what it reads several
// times over; 160 files of 4 MiB each took 2.8 GB.
const MaxAttemptFileText = 32 << 20

// maxFileText bounds the text read from one file, of any type: the text a
// reviewer reads inline, and the import's redaction and leak scan read,
// each several times over.
const maxFileText = 4 << 20

// capText is text cut to maxFileText bytes (at a rune's start), with a line
// saying the rest was not read; text within the bound is returned as is.
func capText(text string) string {
	if len(text) <= maxFileText {
		return text
	}
	cut := maxFileText
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + fmt.Sprintf("\n[the rest of this file's text is over %d MiB and was not read]\n", maxFileText>>20)
}

// PDFText extracts the plain text of a PDF's pages, in page order, then of
// its metadata (pdfMeta); a PDF whose pages hold no text has none. The PDF
// reader panics on some malformed files; a panic is turned into ErrNoText,
// since evidence is untrusted and must never bring down an import.
func PDFText(data []byte) (text string, err error) { return pdfTextRead(data, pageText) }

// pdfTextRead is PDFText with each page's text as read gives it.
func pdfTextRead(data []byte, read func(pdf.Page) (string, error)) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w: %v", ErrNoText, r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoText, err)
	}
	b, err := pdfText(r, read) // attachment_pdf.go: bounded
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoText, err)
	}
	s := strings.ToValidUTF8(b, "\ufffd")
	if strings.TrimSpace(s) == "" || !utf8.ValidString(s) {
		return "", ErrNoText // scanned: its pages hold no text to read
	}
	if meta := pdfMeta(r); meta != "" {
		s = strings.TrimRight(s, "\n") + "\n\n" + strings.ToValidUTF8(meta, "\ufffd")
	}
	return s, nil
}
