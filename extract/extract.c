#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "detect.h"
#include "extract.h"
#include "image.h"
#include "html.h"
#include "model.h"
#include "office.h"
#include "ole.h"
#include "ooxml.h"
#include "pdf.h"
#include "provenance.h"
#include "status.h"
#include "textfile.h"

static gboolean
named_pdf(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && g_ascii_strcasecmp(path + n - 4, ".pdf") == 0;
}

static int
read_file(const char *path, const struct extract_opts *opts, GBytes **out,
    GError **error)
{
	GMappedFile *mf;
	GError *ferr = NULL;
	gsize len;
	GStatBuf st;

	/*
	 * A FIFO named .pdf in a folder would block its reader until
	 * something writes to it; a directory or a device is no document.
	 */
	if (g_stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		g_set_error(error, SE_ERROR, SE_IO, "cannot read: %s",
		    S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ?
		    "a pipe (FIFO), not a file" : "not a regular file");
		return SE_IO;
	}
	mf = g_mapped_file_new(path, FALSE, &ferr);
	if (mf == NULL) {
		g_set_error(error, SE_ERROR, SE_IO, "cannot read: %s",
		    ferr->message);
		g_error_free(ferr);
		return SE_IO;
	}
	len = g_mapped_file_get_length(mf);
	if (opts->max_bytes > 0 && (gint64)len > opts->max_bytes) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "%" G_GSIZE_FORMAT " bytes, more than the limit of %"
		    G_GINT64_FORMAT, len, opts->max_bytes);
		g_mapped_file_unref(mf);
		return SE_LIMIT;
	}
	*out = g_mapped_file_get_bytes(mf);
	g_mapped_file_unref(mf);
	return SE_OK;
}

/* The readers that fill the model, by what the bytes are. */
static int
read_doc(const char *path, GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	gsize len;
	const char *data = g_bytes_get_data(bytes, &len);
	enum doc_format f = detect_format(data, len);

	switch (f) {
	case FMT_PDF:
		return pdf_extract(bytes, opts, prov, d, warnings, error);
	case FMT_TEXT:
		if (named_pdf(path)) {
			g_set_error(error, SE_ERROR, SE_NOTPDF,
			    "not a PDF (no %%PDF- header)");
			return SE_NOTPDF;
		}
		return textfile_extract(data, len, prov, d, warnings, error);
	case FMT_HTML:
		return html_extract(data, len, prov, d, error);
	case FMT_IMAGE:
		return image_extract(bytes, opts, prov, d, warnings, error);
	case FMT_XLSX:
		return xlsx_extract(bytes, opts, prov, d, warnings, error);
	case FMT_XLS: {
		/* What FreeXL cannot open, LibreOffice may convert. */
		GError *xerr = NULL;
		int st = xls_extract(path, bytes, opts, prov, d, warnings, &xerr);
		if (st == SE_FORMAT && d->pages->len == 0) {
			g_clear_error(&xerr);
			return convert_extract(FMT_XLS, bytes, opts, prov, d,
			    warnings, error);
		}
		if (xerr != NULL)
			g_propagate_error(error, xerr);
		return st;
	}
	case FMT_DOCX:
		return docx_extract(bytes, opts, prov, d, warnings, error);
	case FMT_DOC:
	case FMT_RTF:
	case FMT_ODT:
	case FMT_ODS:
	case FMT_XML_WORD:
	case FMT_XML_SHEET:
		return convert_extract(f, bytes, opts, prov, d, warnings, error);
	case FMT_ZIP: {
		/* A damaged package says so; a sound zip is not a form. */
		struct ooxml *z;
		int st = ooxml_open(bytes, &z, error);
		if (st != SE_OK)
			return st;
		ooxml_close(z);
		g_set_error(error, SE_ERROR, SE_FORMAT,
		    "%s: a format extract does not read", detect_name(f));
		return SE_FORMAT;
	}
	case FMT_OLE:
		/* A damaged DOC or XLS says so; a sound container is not a form. */
		if (ole_check(bytes, error) != SE_OK)
			return SE_DAMAGED;
		g_set_error(error, SE_ERROR, SE_FORMAT,
		    "%s: a format extract does not read", detect_name(f));
		return SE_FORMAT;
	case FMT_OOXML_ENCRYPTED:
		g_set_error(error, SE_ERROR, SE_ENCRYPTED, "encrypted Office "
		    "document (a password-protected DOCX or XLSX; selfeval does "
		    "not decrypt these)");
		return SE_ENCRYPTED;
	default:
		g_set_error(error, SE_ERROR, SE_FORMAT,
		    "%s: a format extract does not read", detect_name(f));
		return SE_FORMAT;
	}
}

bool
extract_ocr_mode(const char *s, enum ocr_mode *mode)
{
	static const char *const names[] = { "auto", "always", "never" };

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*mode = (enum ocr_mode)i;
			return true;
		}
	return false;
}

int
extract_file(const char *path, const char *sha, const struct extract_opts *opts,
    GString *out, GPtrArray *warnings, GError **error)
{
	struct provenance prov = { 0 };
	GBytes *bytes = NULL;
	struct doc *d;
	const char *data;
	gsize len;
	int status;

	status = read_file(path, opts, &bytes, error);
	if (status != SE_OK)
		return status;
	data = g_bytes_get_data(bytes, &len);
	if (len == 0) {
		g_set_error(error, SE_ERROR, SE_EMPTY, "empty file");
		g_bytes_unref(bytes);
		return SE_EMPTY;
	}
	prov_from_data(&prov, path, sha, data, len);
	d = doc_new();
	status = read_doc(path, bytes, opts, &prov, d, warnings, error);
	/*
	 * PDFs and images are refused by their page count before they are
	 * read; the other readers' pages (form feeds, Word's page breaks,
	 * sheets) are known once read.
	 */
	if (status == SE_OK && opts->max_pages > 0 &&
	    d->pages->len > (guint)opts->max_pages) {
		g_set_error(error, SE_ERROR, SE_LIMIT, "%u pages, more than the "
		    "limit of %d", d->pages->len, opts->max_pages);
		status = SE_LIMIT;
	}
	if (status == SE_OK) {
		/* What could not be read travels with the text, to the archive. */
		if (warnings != NULL && warnings->len > 0) {
			prov.warnings = g_ptr_array_new_with_free_func(g_free);
			for (guint i = 0; i < warnings->len; i++)
				g_ptr_array_add(prov.warnings,
				    g_strdup(warnings->pdata[i]));
		}
		prov_write(out, &prov);
		doc_write_text(d, out);
		if (out->len == 0 || out->str[out->len - 1] != '\n')
			g_string_append_c(out, '\n');
	}
	doc_free(d);
	prov_clear(&prov);
	g_bytes_unref(bytes);
	return status;
}
