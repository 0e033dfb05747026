#include <gio/gio.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <string.h>

#include "image.h"
#include "layout.h"
#include "ocr.h"
#include "pagelist.h"
#include "pdf.h"
#include "status.h"

/*
 * Pages are rendered for OCR at this resolution of an A4 sheet: a scan
 * wrapped into a PDF page of the wrong size (a converter that took the
 * image for 96 dpi makes a sheet a yard wide) still comes out at 300 dpi
 * of the paper it was.
 */
#define OCR_DPI 300
#define A4_SHORT_PT 595.0

/*
 * A complete PDF ends with %%EOF; a cut-off download does not. Some end
 * in more after it (padding of NULs, an HTML comment a web server added):
 * Poppler reads those, as pdftotext does, so the mark is looked for in
 * the last EOF_TAIL bytes, not only at the very end.
 */
#define EOF_TAIL (1 << 20)

static gboolean
has_eof_marker(const char *data, gsize len)
{
	gsize tail = len < EOF_TAIL ? len : EOF_TAIL;

	return memmem(data + len - tail, tail, "%%EOF", 5) != NULL;
}

/*
 * Can the document hold text at all? Text is drawn in a font, and a page
 * names its fonts in its resources under /Font, in plain bytes unless
 * the dictionaries are packed into object streams (/ObjStm). A scan as
 * scanners and img2pdf wrap it has neither.
 */
static bool
may_have_text(const char *data, gsize len)
{
	return memmem(data, len, "/Font", 5) != NULL ||
	    memmem(data, len, "/ObjStm", 7) != NULL;
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

struct pdf_keeper {
	PopplerDocument *empty;		/* NULL until the first PDF */
};

struct pdf_keeper *
pdf_keeper_new(void)
{
	return g_new0(struct pdf_keeper, 1);
}

void
pdf_keeper_free(struct pdf_keeper *k)
{
	if (k == NULL)
		return;
	if (k->empty != NULL)
		g_object_unref(k->empty);
	g_free(k);
}

/* A one-page PDF with nothing on its page, its cross-reference table right. */
static PopplerDocument *
empty_document(void)
{
	static const char *const obj[] = {
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 1 1]>>",
	};
	GString *s = g_string_new("%PDF-1.4\n");
	gsize off[G_N_ELEMENTS(obj)], xref;
	PopplerDocument *doc;
	GBytes *bytes;

	for (gsize i = 0; i < G_N_ELEMENTS(obj); i++) {
		off[i] = s->len;
		g_string_append_printf(s, "%zu 0 obj%s endobj\n", i + 1,
		    obj[i]);
	}
	xref = s->len;
	g_string_append_printf(s, "xref\n0 %zu\n0000000000 65535 f \n",
	    G_N_ELEMENTS(obj) + 1);
	for (gsize i = 0; i < G_N_ELEMENTS(obj); i++)
		g_string_append_printf(s, "%010zu 00000 n \n", off[i]);
	g_string_append_printf(s, "trailer<</Size %zu/Root 1 0 R>>\n"
	    "startxref\n%zu\n%%%%EOF\n", G_N_ELEMENTS(obj) + 1, xref);
	bytes = g_string_free_to_bytes(s);
	doc = poppler_document_new_from_bytes(bytes, NULL, NULL); /* no password */
	g_bytes_unref(bytes);
	return doc;
}

/*
 * A dynamic XFA form (Adobe LiveCycle Designer) carries its form as XFA
 * data; its PDF pages hold only Adobe's placeholder for viewers that
 * cannot draw XFA, in these words.
 */
static bool
xfa_placeholder(const struct doc *d)
{
	static const char sign[] = "your PDF viewer may not be able to "
	    "display this type of document";
	const struct doc_page *pg = d->pages->len > 0 ? d->pages->pdata[0] :
	    NULL;
	GString *text = g_string_new(NULL);
	bool yes;

	/* Its lines as one, however the viewer text wrapped. */
	for (guint i = 0; pg != NULL && i < pg->blocks->len && i < 8; i++) {
		const struct doc_block *b = pg->blocks->pdata[i];
		if (b->kind == DOC_LINE && b->line != NULL)
			g_string_append_printf(text, "%s ", b->line);
	}
	yes = strstr(text->str, sign) != NULL;
	g_string_free(text, TRUE);
	return yes;
}

int
pdf_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	gsize len;
	const char *data = g_bytes_get_data(bytes, &len);
	GError *perr = NULL;
	PopplerDocument *doc;
	GArray *blank, *unmapped;
	struct ocr_engine *own = NULL, *engine = opts->engine;
	struct ocr_report rep;
	GTimer *timer = g_timer_new();
	int npages, status = SE_OK;
	/*
	 * Draw a page before reading its text (layout_page), unless every
	 * page is read by OCR, or the page before had no text, or no page
	 * can have any: then this one, likely a scan, is drawn only if it
	 * has text (a scan's full-page image decoded for nothing was a
	 * twentieth of a one-page scan's OCR).
	 */
	bool render_first = opts->ocr != OCR_ALWAYS;

	if (!has_eof_marker(data, len)) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "truncated PDF (no %%%%EOF marker at the end)");
		g_timer_destroy(timer);
		return SE_DAMAGED;
	}
	render_first = render_first && may_have_text(data, len);
	if (opts->keeper != NULL && opts->keeper->empty == NULL)
		opts->keeper->empty = empty_document();
	/*
	 * From a stream, not poppler_document_new_from_bytes: Poppler 22.12
	 * crashes in the latter when given a wrong password.
	 */
	GInputStream *in = g_memory_input_stream_new_from_bytes(bytes);
	doc = poppler_document_new_from_stream(in, (goffset)len, opts->password,
	    NULL, &perr);
	g_object_unref(in);
	if (doc == NULL) {
		g_timer_destroy(timer);
		return open_error(perr, opts, error);
	}
	npages = poppler_document_get_n_pages(doc);
	prov->pages = npages;
	prov->producer = poppler_document_get_producer(doc);
	if (npages <= 0) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "damaged PDF: no pages");
		g_object_unref(doc);
		g_timer_destroy(timer);
		return SE_DAMAGED;
	}
	if (opts->max_pages > 0 && npages > opts->max_pages) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "%d pages, more than the limit of %d", npages,
		    opts->max_pages);
		g_object_unref(doc);
		g_timer_destroy(timer);
		return SE_LIMIT;
	}
	if (engine == NULL && opts->ocr != OCR_NEVER)
		engine = own = ocr_engine_new();
	ocr_report_init(&rep);
	blank = g_array_new(FALSE, FALSE, sizeof(int));
	bool hidden_text = false;	/* a blank page's text is invisible */
	unmapped = g_array_new(FALSE, FALSE, sizeof(int));
	int nothing = 0;	/* pages with nothing printed, not read */
	for (int i = 0; i < npages && status == SE_OK; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		struct layout_stats st = { 0 };
		int n = i + 1;

		if (page == NULL) {
			g_set_error(error, SE_ERROR, SE_DAMAGED,
			    "damaged PDF: page %d unreadable", n);
			status = SE_DAMAGED;
			break;
		}
		struct doc_page *pl = layout_page(page, n, render_first,
		    opts->ocr == OCR_ALWAYS ? NULL : opts->grid_png_dir, &st,
		    error);
		/*
		 * A page without usable text is a scan, with or without its
		 * scanner's invisible text, or its fonts have no Unicode (the
		 * text would be silent garbage): read its image.
		 */
		bool invisible = layout_invisible(page, &st);
		bool unusable = st.glyphs == 0 || invisible ||
		    layout_unmapped(&st);
		render_first = opts->ocr != OCR_ALWAYS && st.glyphs > 0;
		bool refused = error && *error;	/* e.g. a page too large */
		if (!refused && (opts->ocr == OCR_ALWAYS ||
		    (opts->ocr == OCR_AUTO && unusable))) {
			double pw, ph;
			poppler_page_get_size(page, &pw, &ph);
			PIX *img = image_render(page, CLAMP(OCR_DPI *
			    A4_SHORT_PT / MAX(MIN(pw, ph), 1), 50, 1200));
			struct doc_page *scan = NULL;
			doc_page_free(pl);
			bool empty;
			status = image_read_page(engine, img, OCR_DPI, n,
			    opts->grid_png_dir, &scan, &rep, &empty, error);
			nothing += empty;
			pixDestroy(&img);
			pl = scan;
		} else if (st.glyphs == 0 || invisible) {
			g_array_append_val(blank, n);
			hidden_text = hidden_text || invisible;
		}
		else if (layout_unmapped(&st))
			g_array_append_val(unmapped, n);
		if (pl != NULL)
			g_ptr_array_add(d->pages, pl);
		g_object_unref(page);
		if (error && *error && status == SE_OK)
			status = (*error)->code;
		if (status != SE_OK)
			break;
		if (opts->max_seconds > 0 &&
		    g_timer_elapsed(timer, NULL) > opts->max_seconds) {
			g_set_error(error, SE_ERROR, SE_LIMIT,
			    "took longer than %.0f s (at page %d of %d)",
			    opts->max_seconds, n, npages);
			status = SE_LIMIT;
		}
		if (error && *error && status == SE_OK)
			status = (*error)->code;
	}
	if (status != SE_OK) {
		/* reported above */
	} else if (nothing == npages) {
		status = image_all_blank(npages, error);
	} else if (unmapped->len > 0) {
		char *list = page_list(unmapped);
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "unmappable glyphs (no Unicode for the font's characters) "
		    "on page%s %s; the text would be garbage",
		    unmapped->len > 1 ? "s" : "", list);
		g_free(list);
		status = SE_NOTEXT;
	} else if (blank->len == (guint)npages) {
		char *list = page_list(blank);
		g_set_error(error, SE_ERROR, SE_NOTEXT, hidden_text ?
		    "no visible text on page%s %s (a scan under its invisible "
		    "OCR text? --ocr auto reads the image)" :
		    "no text layer on page%s %s (scanned image? --ocr auto reads it)",
		    npages > 1 ? "s" : "", list);
		g_free(list);
		status = SE_NOTEXT;
	} else {
		if (blank->len > 0 && warnings != NULL) {
			char *list = page_list(blank);
			g_ptr_array_add(warnings, g_strdup_printf(
			    "no text layer on page%s %s (scanned?), skipped",
			    blank->len > 1 ? "s" : "", list));
			g_free(list);
		}
		layout_passes(d);
		prov->ocr = ocr_json(&rep);
		if (xfa_placeholder(d)) {
			g_set_error(error, SE_ERROR, SE_FORMAT, "dynamic XFA "
			    "form: its pages are a placeholder and the form is "
			    "XFA data, which extract does not read (print it to "
			    "PDF from Adobe Reader)");
			status = SE_FORMAT;
		}
	}
	ocr_report_clear(&rep);
	ocr_engine_free(own);
	g_array_free(unmapped, TRUE);
	g_timer_destroy(timer);
	g_array_free(blank, TRUE);
	g_object_unref(doc);
	return status;
}
