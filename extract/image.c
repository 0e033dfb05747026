#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdint.h>
#include <poppler.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "image.h"
#include "layout.h"
#include "model.h"
#include "ocr.h"
#include "quiet.h"
#include "status.h"

/* The shorter side of an A4 sheet, in inches: all these forms are A4. */
#define A4_SHORT 8.27

/*
 * The pages of an image file, or NULL. libpng and Leptonica print their
 * own complaints about a damaged file on stderr; the user gets ours, one
 * line, so theirs go to /dev/null while the decoder runs.
 */
static PIXA *
decode(const l_uint8 *data, size_t len)
{
	struct quiet q;
	PIXA *pixa = NULL;

	quiet_begin(&q);
	setMsgSeverity(L_SEVERITY_NONE);
	if (len >= 4 && (memcmp(data, "II*", 3) == 0 ||
	    memcmp(data, "MM\0*", 4) == 0))
		pixa = pixaReadMemMultipageTiff(data, len);
	else {
		PIX *p = pixReadMem(data, len);
		if (p != NULL) {
			pixa = pixaCreate(1);
			pixaAddPix(pixa, p, L_INSERT);
		}
	}
	quiet_end(&q);
	return pixa;
}

bool
image_is(const char *data, size_t len)
{
	static const struct { const char *magic; size_t n; } kinds[] = {
		{ "\x89PNG\r\n\x1a\n", 8 }, { "\xff\xd8\xff", 3 },
		{ "II*\0", 4 }, { "MM\0*", 4 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
		if (len >= kinds[i].n && memcmp(data, kinds[i].magic,
		    kinds[i].n) == 0)
			return true;
	return false;
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

/*
 * Ask for the fresh memory at p to be mapped in 2 MB pages, where the
 * system offers them (transparent huge pages, "madvise" by default in
 * Debian). A page rendered at 300 dpi is 35 MB: 8,500 faults of 4 KB,
 * which cost 16 us each on the virtual machine here (0.14 s a page, a
 * twentieth of its OCR), against a few dozen. Only a hint: where it is
 * refused the memory is as it was.
 */
static void
huge_pages(void *p, size_t len)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)p + pg - 1) & ~(pg - 1);
	uintptr_t b = ((uintptr_t)p + len) & ~(pg - 1);

	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
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
	struct ocr_engine *own = NULL, *engine = opts->engine;
	struct ocr_report rep;
	PIXA *pixa = NULL;
	int n, status = SE_OK;
	GTimer *timer;

	(void)warnings;
	if (opts->ocr == OCR_NEVER) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "an image has no text layer (--ocr never)");
		return SE_NOTEXT;
	}
	pixa = decode(data, len);
	n = pixa ? pixaGetCount(pixa) : 0;
	if (n == 0) {
		pixaDestroy(&pixa);
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged image: cannot decode it");
		return SE_DAMAGED;
	}
	prov->pages = n;
	if (opts->max_pages > 0 && n > opts->max_pages) {
		pixaDestroy(&pixa);
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "%d pages, more than the limit of %d", n, opts->max_pages);
		return SE_LIMIT;
	}
	if (engine == NULL)
		engine = own = ocr_engine_new();
	ocr_report_init(&rep);
	timer = g_timer_new();
	for (int i = 0; i < n && status == SE_OK; i++) {
		PIX *p = pixaGetPix(pixa, i, L_CLONE);
		struct doc_page *pl = NULL;
		status = ocr_page(engine, p, image_dpi(p), i + 1,
		    opts->grid_png_dir, &pl, &rep, error);
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
	if (status == SE_OK) {
		layout_passes(d);
		prov->ocr = ocr_json(&rep);
	}
	g_timer_destroy(timer);
	ocr_report_clear(&rep);
	ocr_engine_free(own);
	pixaDestroy(&pixa);
	return status;
}
