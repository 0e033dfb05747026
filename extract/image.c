#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <poppler.h>
#include <string.h>

#include "hugepage.h"
#include "image.h"
#include "layout.h"
#include "model.h"
#include "ocr.h"
#include "quiet.h"
#include "status.h"

/* The shorter side of an A4 sheet, in inches: all these forms are A4. */
#define A4_SHORT 8.27

/*
 * The pixel size of page i, from its header alone; false past the last
 * page or where the header cannot be read. libtiff and Leptonica print
 * their own complaints on stderr; the user gets ours, one line, so
 * theirs go to /dev/null.
 */
static bool
page_size(const struct image_file *pg, int i, l_int32 *w, l_int32 *h)
{
	struct quiet q;
	l_int32 bps, spp, res, cmap, format;
	bool ok;

	quiet_begin(&q);
	setMsgSeverity(L_SEVERITY_NONE);
	ok = pg->tiff ? readHeaderMemTiff(pg->data, pg->len, i, w, h, &bps,
	    &spp, &res, &cmap, &format) == 0 : i == 0 &&
	    pixReadHeaderMem(pg->data, pg->len, &format, w, h, &bps, &spp,
	    &cmap) == 0;
	quiet_end(&q);
	return ok && *w > 0 && *h > 0;
}

/* How many pages the file holds: 0 if it cannot be read. */
static int
page_count(const struct image_file *pg)
{
	struct quiet q;
	l_int32 n = 0, w, h;
	FILE *fp;

	if (!pg->tiff)
		return page_size(pg, 0, &w, &h) ? 1 : 0;
	quiet_begin(&q);
	setMsgSeverity(L_SEVERITY_NONE);
	fp = fmemopen((void *)pg->data, pg->len, "rb");
	if (fp == NULL || tiffGetCount(fp, &n) != 0)
		n = 0;
	if (fp != NULL)
		fclose(fp);
	quiet_end(&q);
	return n;
}

int
image_open(struct image_file *f, const void *data, size_t len,
    int max_pages, GError **error)
{
	l_int32 w, h;

	f->data = data;
	f->len = len;
	f->tiff = len >= 4 && (memcmp(data, "II*", 3) == 0 ||
	    memcmp(data, "MM\0*", 4) == 0);
	f->next = 0;
	f->pages = page_count(f);
	if (f->pages == 0) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged image: cannot decode it");
		return SE_DAMAGED;
	}
	if (max_pages > 0 && f->pages > max_pages) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "%d pages, more than the limit of %d", f->pages, max_pages);
		return SE_LIMIT;
	}
	for (int i = 0; i < f->pages; i++) {
		if (!page_size(f, i, &w, &h)) {
			g_set_error(error, SE_ERROR, SE_DAMAGED, "damaged image: "
			    "cannot read page %d of %d", i + 1, f->pages);
			return SE_DAMAGED;
		}
		if ((double)w * h > IMAGE_MAX_MEGAPIXELS * 1e6) {
			g_set_error(error, SE_ERROR, SE_LIMIT, "page %d is %d x "
			    "%d pixels, more than the limit of %d megapixels",
			    i + 1, w, h, IMAGE_MAX_MEGAPIXELS);
			return SE_LIMIT;
		}
	}
	return SE_OK;
}

PIX *
image_next(struct image_file *pg)
{
	struct quiet q;
	PIX *p;

	quiet_begin(&q);
	setMsgSeverity(L_SEVERITY_NONE);
	p = pg->tiff ? pixReadMemFromMultipageTiff(pg->data, pg->len,
	    &pg->next) : pixReadMem(pg->data, pg->len);
	quiet_end(&q);
	return p;
}

/*
 * A page with nothing printed on it (the back of a sheet scanned both
 * sides, a blank page of a PDF): fewer dark pixels than a speck of dust
 * in 5,000. OCR would read nothing, slowly.
 */
static bool
image_blank(PIX *pix)
{
	/*
	 * Every other pixel of every other row (a page is millions), read
	 * where they are in a rendered PDF page (32 bits) or a grey scan.
	 */
	bool rgb = pixGetDepth(pix) == 32;
	PIX *grey = rgb || (pixGetDepth(pix) == 8 && pixGetColormap(pix) ==
	    NULL) ? pixClone(pix) : pixConvertTo8(pix, 0);
	l_int32 w, h, wpl;
	l_uint32 *data;
	double dark = 0, seen = 0;

	if (grey == NULL)
		return false;
	pixGetDimensions(grey, &w, &h, NULL);
	wpl = pixGetWpl(grey);
	data = pixGetData(grey);
	for (l_int32 y = 0; y < h; y += 2) {
		const l_uint32 *line = data + (size_t)y * wpl;
		for (l_int32 x = 0; x < w; x += 2, seen++) {
			l_int32 r, g, b;
			if (!rgb) {
				dark += GET_DATA_BYTE(line, x) < 128;
				continue;
			}
			extractRGBValues(line[x], &r, &g, &b);
			dark += MIN(r, MIN(g, b)) < 128;
		}
	}
	pixDestroy(&grey);
	return seen > 0 && dark * 5000 < seen;
}

int
image_read_page(struct ocr_engine *e, PIX *img, double dpi, int no,
    const char *grid_png_dir, struct doc_page **out,
    struct ocr_report *rep, bool *blank, GError **error)
{
	*blank = img != NULL && image_blank(img);
	if (*blank) {
		*out = doc_page_new(no);
		return SE_OK;
	}
	return ocr_page(e, img, dpi, no, grid_png_dir, out, rep, error);
}

int
image_all_blank(int pages, GError **error)
{
	g_set_error(error, SE_ERROR, SE_EMPTY, "nothing printed on %s",
	    pages == 1 ? "the page" : "any page");
	return SE_EMPTY;
}

double
image_dpi(PIX *pix)
{
	int res = pixGetXRes(pix);
	int side = MIN(pixGetWidth(pix), pixGetHeight(pix));

	if (res >= 100 && res <= 1200)
		return res;
	return side / A4_SHORT;
}

PIX *
image_render(PopplerPage *page, double dpi)
{
	double pw, ph, scale = dpi / 72.0;
	int w, h, wpl;
	cairo_surface_t *s;
	cairo_t *cr;
	l_uint32 *data;
	PIX *pix;

	poppler_page_get_size(page, &pw, &ph);
	w = (int)ceil(pw * scale);
	h = (int)ceil(ph * scale);
	/*
	 * cairo draws into the PIX's own pixels (one 32-bit word a pixel
	 * in both; a page at 300 dpi is 35 MB, not to be had twice).
	 */
	pix = pixCreateNoInit(w, h, 32);
	if (pix == NULL)
		return NULL;
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	/*
	 * A page rendered at 300 dpi is 35 MB: 8,500 faults of 4 KB, 0.14 s
	 * a page on the virtual machine here, against a few dozen.
	 */
	huge_pages(data, (size_t)h * wpl * 4);
	s = cairo_image_surface_create_for_data((unsigned char *)data,
	    CAIRO_FORMAT_RGB24, w, h, wpl * 4);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		pixDestroy(&pix);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	cairo_surface_destroy(s);
	/* cairo's 0xXXRRGGBB words to Leptonica's 0xRRGGBBXX. */
	for (size_t i = 0, n = (size_t)h * wpl; i < n; i++)
		data[i] <<= 8;
	pixSetResolution(pix, (int)dpi, (int)dpi);
	return pix;
}

int
image_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	gsize len;
	const l_uint8 *data = g_bytes_get_data(bytes, &len);
	struct image_file pg;
	struct ocr_engine *own = NULL, *engine = opts->engine;
	struct ocr_report rep;
	int n, blanks = 0, status = SE_OK;
	GTimer *timer;

	(void)warnings;
	if (opts->ocr == OCR_NEVER) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "an image has no text layer (--ocr never)");
		return SE_NOTEXT;
	}
	status = image_open(&pg, data, len, opts->max_pages, error);
	if (status != SE_OK)
		return status;
	n = pg.pages;
	prov->pages = n;
	if (engine == NULL)
		engine = own = ocr_engine_new();
	ocr_report_init(&rep);
	timer = g_timer_new();
	for (int i = 0; i < n && status == SE_OK; i++) {
		PIX *p = image_next(&pg);
		struct doc_page *pl = NULL;
		if (p == NULL) {
			if (n == 1)
				g_set_error(error, SE_ERROR, SE_DAMAGED,
				    "damaged image: cannot decode it");
			else
				g_set_error(error, SE_ERROR, SE_DAMAGED,
				    "damaged image: cannot decode page %d of %d",
				    i + 1, n);
			status = SE_DAMAGED;
			break;
		}
		bool blank;
		status = image_read_page(engine, p, image_dpi(p), i + 1,
		    opts->grid_png_dir, &pl, &rep, &blank, error);
		blanks += blank;
		pixDestroy(&p);
		if (pl != NULL)
			g_ptr_array_add(d->pages, pl);
		if (status == SE_OK && opts->max_seconds > 0 &&
		    g_timer_elapsed(timer, NULL) > opts->max_seconds) {
			g_set_error(error, SE_ERROR, SE_LIMIT,
			    "took longer than %.0f s (at page %d of %d)",
			    opts->max_seconds, i + 1, n);
			status = SE_LIMIT;
		}
	}
	if (status == SE_OK && blanks == n)
		status = image_all_blank(n, error);
	else if (status == SE_OK) {
		layout_passes(d);
		prov->ocr = ocr_json(&rep);
	}
	g_timer_destroy(timer);
	ocr_report_clear(&rep);
	ocr_engine_free(own);
	return status;
}
