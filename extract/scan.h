/*
 * A page image made ready for reading: the seal's red ink dropped, the
 * light evened out, the tilt taken away and the page made black and
 * white. Leptonica does the image work.
 */
#ifndef SE_SCAN_H
#define SE_SCAN_H

#include <glib.h>
#include <stdbool.h>

struct Pix;

struct scan_page {
	struct Pix *grey;	/* 8 bpp: upright, seal dropped, light evened */
	struct Pix *bin;	/* 1 bpp of grey: ink is 1 */
	struct Pix *faint;	/* 1 bpp, light grey ink too: hairline rules */
	double dpi;		/* pixels per inch of both */
	double skew;		/* degrees the page was turned back by */
	bool keystone;		/* a photo's page corners were found and squared */
	bool colour;		/* the image had colour (the seal dropped) */
};

/*
 * Prepare an image of any depth (1, 8 or 32 bpp) whose resolution is dpi.
 * Returns false with error set when the image is unusable.
 */
bool scan_prepare(struct Pix *in, double dpi, struct scan_page *sp,
    GError **error);
void scan_page_clear(struct scan_page *sp);

#endif
