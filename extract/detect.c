#include <string.h>
#include <zip.h>

#include "detect.h"
#include "ziplib.h"

/* How far into a file its kind shows. */
#define SNIFF 1024

static gboolean
has_prefix(const char *data, gsize len, const char *magic, gsize n)
{
	return len >= n && memcmp(data, magic, n) == 0;
}

/*
 * The ASCII of the start of the file, lower-cased: a UTF-16 BOM's zero
 * bytes dropped, so "<html" reads the same in any of the encodings an
 * HTML page arrives in.
 */
static char *
ascii_head(const char *data, gsize len)
{
	GString *s = g_string_new(NULL);
	gsize i = 0, step = 1, n = len < 2 * SNIFF ? len : 2 * SNIFF;

	if (has_prefix(data, len, "\xEF\xBB\xBF", 3))
		i = 3;
	else if (has_prefix(data, len, "\xFF\xFE", 2))
		i = 2, step = 2;
	else if (has_prefix(data, len, "\xFE\xFF", 2))
		i = 3, step = 2;
	for (; i < n && s->len < SNIFF; i += step)
		g_string_append_c(s, g_ascii_tolower(data[i]));
	return g_string_free(s, FALSE);
}

static gboolean
is_html(const char *head)
{
	static const char *const tags[] = { "<!doctype html", "<html", "<head",
	    "<body", "<table", "<meta", "<title", "<div", "<p>", "<p " };
	const char *p = head;
	gboolean yes = FALSE;

	while (g_ascii_isspace(*p))
		p++;
	/* Markup starts the file; a comment or <?xml may come first. */
	if (*p == '<')
		for (size_t i = 0; i < G_N_ELEMENTS(tags) && !yes; i++)
			yes = strstr(p, tags[i]) != NULL;
	return yes;
}

/* An SVG drawing: its root element near the start (after <?xml, a comment). */
static gboolean
is_svg(const char *head)
{
	return strstr(head, "<svg") != NULL && strstr(head, "<html") == NULL;
}

/*
 * Word's and Excel's XML of 2003, by the root element or the
 * processing instruction that tells Windows which program opens it. A
 * page Excel saved as HTML names the office namespaces too, but is <html.
 */
static enum doc_format
office_xml(const char *head)
{
	enum doc_format f = FMT_TEXT;

	if (strstr(head, "<?xml") != NULL && strstr(head, "<html") == NULL) {
		if (strstr(head, "progid=\"excel.sheet\"") != NULL ||
		    strstr(head, "urn:schemas-microsoft-com:office:"
		    "spreadsheet") != NULL)
			f = FMT_XML_SHEET;
		else if (strstr(head, "progid=\"word.document\"") != NULL ||
		    strstr(head, "schemas.microsoft.com/office/word/2003/"
		    "wordml") != NULL)
			f = FMT_XML_WORD;
	}
	return f;
}

/*
 * A page image Leptonica decodes: PNG, JPEG, TIFF, and what a phone or an
 * old scanner program saves (GIF, WebP, JPEG 2000, BMP with a DIB header).
 */
static gboolean
is_image(const char *data, gsize len)
{
	static const struct { const char *magic; gsize n; } kinds[] = {
		{ "\x89PNG\r\n\x1a\n", 8 }, { "\xff\xd8\xff", 3 },
		{ "II*\0", 4 }, { "MM\0*", 4 }, { "GIF87a", 6 }, { "GIF89a", 6 },
		{ "\0\0\0\x0cjP  \r\n\x87\n", 12 }, { "\xff\x4f\xff\x51", 4 },
	};
	const unsigned char *u = (const unsigned char *)data;

	for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++)
		if (has_prefix(data, len, kinds[i].magic, kinds[i].n))
			return TRUE;
	if (len >= 12 && memcmp(data, "RIFF", 4) == 0 &&
	    memcmp(data + 8, "WEBP", 4) == 0)
		return TRUE;
	/* "BM" alone starts words too: the DIB header's size must follow. */
	return len >= 26 && data[0] == 'B' && data[1] == 'M' &&
	    (u[14] == 12 || u[14] == 40 || u[14] == 52 || u[14] == 56 ||
	    u[14] == 108 || u[14] == 124) && u[15] == 0 && u[16] == 0 &&
	    u[17] == 0;
}

/* A web page saved by Internet Explorer or Word as one MIME file. */
static gboolean
is_mht(const char *head)
{
	return strstr(head, "mime-version:") != NULL &&
	    strstr(head, "multipart/related") != NULL;
}

static enum doc_format
zip_kind(const char *data, gsize len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	enum doc_format f = FMT_ZIP;

	if (!zip_load(NULL))
		return FMT_ZIP;	/* its reader will say what is missing */
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL) {
		zip_error_fini(&ze);
		return FMT_ZIP;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (z == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return FMT_ZIP;	/* a damaged zip: its reader will say so */
	}
	/* ODF: its first entry, stored, is "mimetype" and says which. */
	gsize n = len < 128 ? len : 128;
	if (memmem(data, n, "mimetypeapplication/vnd.oasis.opendocument."
	    "text", 47) != NULL)
		f = FMT_ODT;
	else if (memmem(data, n, "mimetypeapplication/vnd.oasis."
	    "opendocument.spreadsheet", 54) != NULL)
		f = FMT_ODS;
	else if (zip_part_locate(z, "[Content_Types].xml") >= 0) {
		if (zip_part_locate(z, "word/document.xml") >= 0)
			f = FMT_DOCX;
		else if (zip_part_locate(z, "xl/workbook.xml") >= 0)
			f = FMT_XLSX;
		else
			f = FMT_OOXML;
	}
	zip_discard(z);
	zip_error_fini(&ze);
	return f;
}

/*
 * An OLE2 file names its streams in UTF-16LE in its directory; finding
 * the name is enough to tell a Word from an Excel file, and leaves the
 * compound file's structure to the reader's library.
 */
static gboolean
has_stream(const char *data, gsize len, const char *name)
{
	char pat[64];
	gsize n = 0;

	for (const char *p = name; *p && n + 4 <= sizeof pat; p++) {
		pat[n++] = *p;
		pat[n++] = '\0';
	}
	pat[n++] = '\0';
	pat[n++] = '\0';
	return memmem(data, len, pat, n) != NULL;
}

enum doc_format
detect_format(const char *data, gsize len)
{
	gsize n = len < SNIFF ? len : SNIFF;

	if (memmem(data, n, "%PDF-", 5) != NULL)
		return FMT_PDF;
	if (is_image(data, len))
		return FMT_IMAGE;
	if (len >= 12 && memcmp(data + 4, "ftyp", 4) == 0 &&
	    (memcmp(data + 8, "heic", 4) == 0 || memcmp(data + 8, "heix", 4) == 0 ||
	    memcmp(data + 8, "mif1", 4) == 0 || memcmp(data + 8, "avif", 4) == 0))
		return FMT_HEIF;
	if (has_prefix(data, len, "PK\x03\x04", 4) ||
	    has_prefix(data, len, "PK\x05\x06", 4))
		return zip_kind(data, len);
	if (has_prefix(data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		if (has_stream(data, len, "EncryptionInfo") &&
		    has_stream(data, len, "EncryptedPackage"))
			return FMT_OOXML_ENCRYPTED;
		if (has_stream(data, len, "WordDocument"))
			return FMT_DOC;
		if (has_stream(data, len, "Workbook") ||
		    has_stream(data, len, "Book"))
			return FMT_XLS;
		return FMT_OLE;
	}
	if (has_prefix(data, len, "{\\rtf", 5))
		return FMT_RTF;
	/* The markup formats, by the ASCII of the file's start. */
	char *head = ascii_head(data, len);
	enum doc_format f = is_mht(head) ? FMT_MHT : is_svg(head) ? FMT_SVG :
	    office_xml(head);
	if (f == FMT_TEXT && is_html(head))
		f = FMT_HTML;
	g_free(head);
	return f;
}

const char *
detect_name(enum doc_format f)
{
	switch (f) {
	case FMT_TEXT:	return "text";
	case FMT_PDF:	return "PDF";
	case FMT_IMAGE:	return "image";
	case FMT_HTML:	return "HTML page";
	case FMT_MHT:	return "web archive (MHT)";
	case FMT_DOCX:	return "Word document (DOCX)";
	case FMT_XLSX:	return "Excel workbook (XLSX)";
	case FMT_OOXML:	return "Office Open XML package";
	case FMT_ZIP:	return "zip archive";
	case FMT_ODT:	return "OpenDocument text (ODT)";
	case FMT_ODS:	return "OpenDocument spreadsheet (ODS)";
	case FMT_RTF:	return "RTF document";
	case FMT_XML_WORD: return "Word 2003 XML document";
	case FMT_XML_SHEET: return "Excel 2003 XML workbook";
	case FMT_HEIF:	return "HEIC/AVIF image (save it as JPEG or PNG)";
	case FMT_SVG:	return "SVG drawing";
	case FMT_DOC:	return "Word 97-2003 document (DOC)";
	case FMT_XLS:	return "Excel 97-2003 workbook (XLS)";
	case FMT_OLE:	return "OLE2 compound file";
	case FMT_OOXML_ENCRYPTED: return "encrypted Office document";
	}
	return "unknown";
}
