#include <poppler.h>
#include <string.h>

#include "pdf.h"
#include "status.h"
#include "text.h"

/* A complete PDF ends with %%EOF; a cut-off download does not. */
static gboolean
has_eof_marker(const char *data, gsize len)
{
	gsize tail = len < 2048 ? len : 2048;

	return g_strstr_len(data + len - tail, (gssize)tail, "%%EOF") != NULL;
}

/* "1-3, 5" from a sorted list of page numbers. */
static char *
page_list(GArray *pages)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < pages->len; i++) {
		int first = g_array_index(pages, int, i), last = first;
		while (i + 1 < pages->len &&
		    g_array_index(pages, int, i + 1) == last + 1)
			last = g_array_index(pages, int, ++i);
		if (s->len)
			g_string_append(s, ", ");
		if (first == last)
			g_string_append_printf(s, "%d", first);
		else
			g_string_append_printf(s, "%d-%d", first, last);
	}
	return g_string_free(s, FALSE);
}

static int
open_error(GError *perr, const struct extract_opts *opts, GError **error)
{
	int status;

	if (g_error_matches(perr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) {
		status = SE_ENCRYPTED;
		g_set_error(error, SE_ERROR, status, "%s",
		    opts->password ? "encrypted PDF: wrong password" :
		    "encrypted PDF: a password is needed (--password)");
	} else {
		status = SE_DAMAGED;
		g_set_error(error, SE_ERROR, status, "damaged PDF: %s",
		    perr ? perr->message : "unreadable");
	}
	g_clear_error(&perr);
	return status;
}

int
pdf_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, GString *text, GPtrArray *warnings,
    GError **error)
{
	gsize len;
	const char *data = g_bytes_get_data(bytes, &len);
	GError *perr = NULL;
	PopplerDocument *doc;
	GArray *blank;
	int npages, status = SE_OK;

	if (!has_eof_marker(data, len)) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "truncated PDF (no %%%%EOF marker at the end)");
		return SE_DAMAGED;
	}
	doc = poppler_document_new_from_bytes(bytes, opts->password, &perr);
	if (doc == NULL)
		return open_error(perr, opts, error);
	npages = poppler_document_get_n_pages(doc);
	prov->pages = npages;
	prov->producer = poppler_document_get_producer(doc);
	if (npages <= 0) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "damaged PDF: no pages");
		g_object_unref(doc);
		return SE_DAMAGED;
	}
	if (opts->max_pages > 0 && npages > opts->max_pages) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "%d pages, more than the limit of %d", npages,
		    opts->max_pages);
		g_object_unref(doc);
		return SE_LIMIT;
	}
	blank = g_array_new(FALSE, FALSE, sizeof(int));
	for (int i = 0; i < npages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		char *t = page ? poppler_page_get_text(page) : NULL;

		if (i > 0)
			g_string_append_c(text, '\f');
		if (text_blank(t)) {
			int n = i + 1;
			g_array_append_val(blank, n);
		} else
			g_string_append(text, t);
		g_free(t);
		if (page)
			g_object_unref(page);
	}
	if (blank->len == (guint)npages) {
		char *list = page_list(blank);
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "no text layer on page%s %s (scanned image? OCR it first)",
		    npages > 1 ? "s" : "", list);
		g_free(list);
		status = SE_NOTEXT;
	} else if (blank->len > 0 && warnings != NULL) {
		char *list = page_list(blank);
		g_ptr_array_add(warnings, g_strdup_printf(
		    "no text on page%s %s, skipped", blank->len > 1 ? "s" : "",
		    list));
		g_free(list);
	}
	g_array_free(blank, TRUE);
	g_object_unref(doc);
	return status;
}
