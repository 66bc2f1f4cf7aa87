package review

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// testPDF is a PDF whose pages have the given content streams, each
// FlateDecode-compressed when flate is set, in 11-point Helvetica.
func testPDF(t *testing.T, contents []string, flate bool) []byte {
	t.Helper()
	return metaPDF(t, contents, flate, "", "")
}

// metaPDF is testPDF's PDF with a document information dictionary (info,
// "<< /Author (…) >>") and an XMP metadata stream (xmp), each left out when
// "".
func metaPDF(t *testing.T, contents []string, flate bool, info, xmp string) []byte {
	t.Helper()
	n := len(contents)
	// Objects: 1 catalog, 2 page tree, 3 font, then each page and its content.
	kids := make([]string, n)
	for i := range n {
		kids[i] = strconv.Itoa(4+2*i) + " 0 R"
	}
	catalog := "<< /Type /Catalog /Pages 2 0 R >>"
	if xmp != "" {
		catalog = "<< /Type /Catalog /Pages 2 0 R /Metadata " + strconv.Itoa(4+2*n) + " 0 R >>"
	}
	objects := []string{
		catalog,
		"<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(n) + " >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	for i, c := range contents {
		objects = append(objects, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "+strconv.Itoa(5+2*i)+
			" 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
		data, filter := []byte(c), ""
		if flate {
			var z bytes.Buffer
			w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
			if _, err := w.Write(data); err != nil {
				t.Fatal(err)
			}
			w.Close()
			data, filter = z.Bytes(), " /Filter /FlateDecode"
		}
		objects = append(objects, "<< /Length "+strconv.Itoa(len(data))+filter+" >>\nstream\n"+string(data)+"\nendstream")
	}
	trailer := ""
	if xmp != "" {
		objects = append(objects, "<< /Type /Metadata /Subtype /XML /Length "+strconv.Itoa(len(xmp))+" >>\nstream\n"+xmp+"\nendstream")
	}
	if info != "" {
		objects = append(objects, info)
		trailer = " /Info " + strconv.Itoa(len(objects)) + " 0 R"
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, trailer, xref)
	return b.Bytes()
}

func pageShowing(s string) string { return "BT\n/F1 11 Tf\n72 740 Td\n(" + s + ") Tj\nET\n" }

// TestPDFTextBounded: a page whose content inflates past maxPDFContent is
// not handed to the PDF reader (which decodes it whole: a 2.5 MB file
// inflating to a gigabyte took the import down); the pages before it are
// read and the text says where reading stopped.
func TestPDFTextBounded(t *testing.T) {
	huge := pageShowing("second page") + strings.Repeat(" ", maxPDFContent)
	data := testPDF(t, []string{pageShowing("Dana Ruiz wrote this"), huge}, true)
	if len(data) > 1<<20 {
		t.Fatalf("the test PDF is %d bytes; it should be small", len(data))
	}
	text, err := AttachmentText(TypeOf("bomb.pdf", data), data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Dana Ruiz wrote this") || strings.Contains(text, "second page") ||
		!strings.Contains(text, "from page 2, inflates to over 32 MiB and was not read") {
		t.Errorf("text %q", text[:min(len(text), 300)])
	}
}

// TestPDFTextPages: pages are read in order in one walk of the page tree,
// up to maxPDFPages, and the text says the rest were not.
func TestPDFTextPages(t *testing.T) {
	pages := make([]string, maxPDFPages+2)
	for i := range pages {
		pages[i] = pageShowing("p" + strconv.Itoa(i+1) + ".")
	}
	data := testPDF(t, pages, false)
	text, err := PDFText(data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text, "\np1.\np2.\np3.") || !strings.Contains(text, "p5000.") || strings.Contains(text, "p5001.") ||
		!strings.Contains(text, "the pages after page 5000 were not read") {
		t.Errorf("text starts %q, ends %q", text[:min(len(text), 40)], text[max(len(text)-120, 0):])
	}
}

// TestFileTextCapped: the text of any file is read up to maxFileText and
// says the rest was not; an Office document's author, read after its body,
// is kept past the cap.
func TestFileTextCapped(t *testing.T) {
	big := strings.Repeat("word ", maxFileText/5+10) + "Dana Ruiz"
	text, err := AttachmentText(TypeText, []byte(big))
	if err != nil {
		t.Fatal(err)
	}
	if len(text) > maxFileText+200 || strings.Contains(text, "Dana Ruiz") || !strings.Contains(text, "over 4 MiB and was not read") {
		t.Errorf("text of %d bytes ends %q", len(text), text[max(len(text)-100, 0):])
	}
	if got := capText("café"); got != "café" {
		t.Errorf("capText of a short text = %q", got)
	}
}

// TestTypeOfSniffsPDF: a PDF is read as a PDF whatever its name says, so
// a renamed one is scanned like any other.
func TestTypeOfSniffsPDF(t *testing.T) {
	data := testPDF(t, []string{pageShowing("Dana Ruiz")}, false)
	for _, name := range []string{"plan.pdf", "plan.docx", "plan.bin", "plan"} {
		if got := TypeOf(name, data); got != TypePDF {
			t.Errorf("TypeOf(%q) = %s, want %s", name, got, TypePDF)
		}
	}
}

// TestPDFMetadataRead: a PDF's document information and XMP metadata are
// read after its pages, as an Office file's author is: a viewer shows the
// title, and the author is often the candidate.
func TestPDFMetadataRead(t *testing.T) {
	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Mara Quill</rdf:li></rdf:Seq></dc:creator>` +
		`</rdf:Description><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Noe Kekona"/>` +
		`</rdf:RDF></x:xmpmeta>`
	data := metaPDF(t, []string{pageShowing("Lesson plan")}, false,
		"<< /Author (Dana Ruiz) /Title (Hilo lesson by Dana Ruiz) /Subject (dana@example.org) /Count 3 >>", xmp)
	text, err := AttachmentText(TypePDF, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Lesson plan", "Author: Dana Ruiz", "Title: Hilo lesson by Dana Ruiz", "Subject: dana@example.org", "Mara Quill", "Noe Kekona"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "http://") || strings.Index(text, "Lesson plan") > strings.Index(text, "Author:") {
		t.Errorf("metadata before the pages:\n%s", text)
	}
	// A PDF with no metadata reads as its pages alone.
	if text, err := AttachmentText(TypePDF, testPDF(t, []string{pageShowing("Lesson plan")}, false)); err != nil || strings.TrimSpace(text) != "Lesson plan" {
		t.Errorf("plain PDF: %q, %v", text, err)
	}
}

// TestPDFTextLines: lines placed with Td, TD, ' and " (the usual ways) are
// read apart, as are words set apart by Td across a line or a wide gap in
// TJ, so a name at a line's edge is read whole, and redacted.
func TestPDFTextLines(t *testing.T) {
	page := "BT\n/F1 11 Tf\n72 740 Td\n(Teacher) Tj\n0 -14 Td\n(Keoni) Tj\n0 -14 TD\n(Grade 4 ) Tj\n60 0 Td\n(at Waiakea) Tj\n" +
		"(room 12) '\n1 2 (Marisol) \"\n0 -14 Td\n[(Fourth)-250(grade)10(rs)] TJ\n" +
		// A name set a piece at a time along its line, by Td and by Tm.
		"0 -14 Td\n(Kal) Tj\n16.5 0 Td\n(ani) Tj\n1 0 0 1 72 600 Tm\n(Ma) Tj\n1 0 0 1 87.3 600 Tm\n(hoe) Tj\n" +
		// Words placed one at a time, by Td and by Tm; a Tm back up to a
		// baseline after a Td down, and two columns on one baseline.
		"0 -14 Td\n(Teacher) Tj\n45 0 Td\n(Kalani) Tj\n40 0 Td\n(Mahoe) Tj\n1 0 0 1 72 500 Tm\n(by) Tj\n1 0 0 1 90 500 Tm\n(Keoni) Tj\n" +
		"0 -14 Td\n(notes) Tj\n1 0 0 1 300 500 Tm\n(Results) Tj\n" +
		// A word set a glyph at a time on a fixed pitch.
		"0 -14 Td\n(K) Tj 7 0 Td (a) Tj 7 0 Td (l) Tj 7 0 Td (a) Tj 7 0 Td (n) Tj 7 0 Td (i) Tj 10 0 Td (M) Tj 7 0 Td (a) Tj 7 0 Td (h) Tj 7 0 Td (o) Tj 7 0 Td (e) Tj\nET\n"
	text, err := PDFText(testPDF(t, []string{page}, true))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\nTeacher\nKeoni\nGrade 4 at Waiakea\nroom 12\nMarisol\nFourth graders\nKalani\nMahoe\nTeacher Kalani Mahoe\nby Keoni\nnotes\nResults\nKalani Mahoe"; text != want {
		t.Errorf("text %q, want %q", text, want)
	}
	// A PDF stored before is read as it was then, its lines joined: the
	// spans stored for it index that text.
	data := testPDF(t, []string{page}, true)
	at := NewAttachment("plan.pdf", data)
	old := testPDF(t, []string{"BT\n/F1 11 Tf\n72 740 Td\n(Teacher) Tj\n0 -14 Td\n(Keoni) Tj\n0 -14 TD\n(Grade 4) Tj\nET\n"}, true)
	if got, err := FileText(at, data); err != nil || got != text || !at.Lines {
		t.Errorf("FileText of a new PDF: %q, %v (lines %v); want %q", got, err, at.Lines, text)
	}
	at = NewAttachment("plan.pdf", old)
	at.Lines = false
	if got, err := FileText(at, old); err != nil || got != "\nTeacherKeoniGrade 4" {
		t.Errorf("FileText of a PDF stored before: %q, %v; want its lines joined", got, err)
	}
	if spans := NewRedactor(&Candidate{Name: "Kalani Mahoe"}).Spans(text); len(spans) != 3 {
		t.Errorf("the redactor finds %d spans of Kalani Mahoe in %q, want 3", len(spans), text)
	}
	r := NewRedactor(&Candidate{Name: "Marisol Keoni"})
	if spans := r.Spans(text); len(spans) != 3 {
		t.Errorf("the redactor finds %d spans of the name in %q, want 3", len(spans), text)
	}
}
