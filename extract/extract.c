#include <string.h>

#include "extract.h"
#include "image.h"
#include "pagelist.h"
#include "pdf.h"
#include "provenance.h"
#include "status.h"
#include "textfile.h"

/* PDF readers accept the header anywhere in the first KiB. */
static gboolean
is_pdf(const char *data, gsize len)
{
	gsize n = len < 1024 ? len : 1024;

	return memmem(data, n, "%PDF-", 5) != NULL;
}

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

/*
 * A text rendering of a PDF whose glyphs had no Unicode: pdfminer writes
 * them as (cid:N), other tools as U+FFFD. Returns the pages ("1, 3-4")
 * where they make up a twentieth of the text, or NULL.
 */
static char *
unmapped_pages(const char *s)
{
	GArray *pages = g_array_new(FALSE, FALSE, sizeof(int));
	int page = 1, chars = 0, bad = 0;
	char *list = NULL;

	for (const char *p = s;; p = g_utf8_next_char(p)) {
		if (*p == '\f' || *p == '\0') {
			if (chars > 0 && bad * 20 >= chars)
				g_array_append_val(pages, page);
			if (*p == '\0')
				break;
			page++;
			chars = bad = 0;
			continue;
		}
		if (g_ascii_isspace(*p))
			continue;
		chars++;
		if (g_utf8_get_char(p) == 0xFFFD)
			bad++;
		else if (strncmp(p, "(cid:", 5) == 0) {
			const char *q = p + 5;
			while (g_ascii_isdigit(*q))
				q++;
			if (q > p + 5 && *q == ')') {
				bad += (int)(q - p) + 1;
				chars += (int)(q - p);
				p = q;
			}
		}
	}
	if (pages->len > 0)
		list = page_list(pages);
	g_array_free(pages, TRUE);
	return list;
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
extract_file(const char *path, const struct extract_opts *opts,
    GString *out, GPtrArray *warnings, GError **error)
{
	struct provenance prov = { 0 };
	GBytes *bytes = NULL;
	GString *text;
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
	prov_from_data(&prov, path, data, len);
	text = g_string_new(NULL);
	if (is_pdf(data, len)) {
		status = pdf_extract(bytes, opts, &prov, text, warnings, error);
	} else if (image_is(data, len)) {
		status = image_extract(bytes, opts, &prov, text, warnings, error);
	} else if (named_pdf(path)) {
		g_set_error(error, SE_ERROR, SE_NOTPDF,
		    "not a PDF (no %%PDF- header)");
		status = SE_NOTPDF;
	} else {
		char *s = textfile_decode(data, len, error);
		char *bad = s ? unmapped_pages(s) : NULL;
		if (s == NULL)
			status = SE_ENCODING;
		else if (bad != NULL) {
			g_set_error(error, SE_ERROR, SE_NOTEXT,
			    "unmappable glyphs ((cid:N) or U+FFFD) on page%s %s; "
			    "the text would be garbage",
			    strpbrk(bad, ",-") ? "s" : "", bad);
			status = SE_NOTEXT;
			g_free(bad);
			g_free(s);
		} else {
			prov.pages = 1;
			for (const char *p = s; (p = strchr(p, '\f')); p++)
				prov.pages++;
			g_string_append(text, s);
			g_free(s);
		}
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
		g_string_append_len(out, text->str, text->len);
		if (out->len == 0 || out->str[out->len - 1] != '\n')
			g_string_append_c(out, '\n');
	}
	g_string_free(text, TRUE);
	prov_clear(&prov);
	g_bytes_unref(bytes);
	return status;
}
