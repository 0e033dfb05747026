/*
 * Ruling lines, the lattice way: Poppler GLib exposes no paths, so render
 * the page into an alpha mask, blank out every glyph box so that text can
 * never pass for a line, and keep the long runs of ink. Runs in adjacent
 * pixel rows (or columns) are one line; a run many pixels thick is a
 * filled box, whose edges are lines.
 */
#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "geom.h"

#define INK 80			/* alpha (of 255) that counts as ink */
#define MIN_RUN_PT 8.0		/* shorter runs are not rules */
#define MAX_THICK_PT 3.0	/* thicker runs are filled boxes */

struct run {
	int from, to;		/* first and last pixel along the line */
	int first, last;	/* first and last pixel row across it */
};

static void
blank_glyphs(unsigned char *px, int stride, int w, int h, const GArray *glyphs,
    double scale)
{
	for (guint i = 0; i < glyphs->len; i++) {
		const struct glyph *g = &g_array_index(glyphs, struct glyph, i);
		int x1 = (int)floor(g->x1 * scale), x2 = (int)ceil(g->x2 * scale);
		int y1 = (int)floor(g->y1 * scale), y2 = (int)ceil(g->y2 * scale);

		x1 = CLAMP(x1, 0, w);
		x2 = CLAMP(x2, 0, w);
		y1 = CLAMP(y1, 0, h);
		y2 = CLAMP(y2, 0, h);
		for (int y = y1; y < y2; y++)
			memset(px + (size_t)y * stride + x1, 0, x2 - x1);
	}
}

static void
emit(GArray *segs, const struct run *r, double scale)
{
	int thick = r->last - r->first + 1;
	struct seg s = { 0, r->from / scale, (r->to + 1) / scale };

	if (thick <= MAX_THICK_PT * scale + 1) {
		s.pos = (r->first + r->last + 1) / 2.0 / scale;
		g_array_append_val(segs, s);
	} else {
		s.pos = r->first / scale;
		g_array_append_val(segs, s);
		s.pos = (r->last + 1) / scale;
		g_array_append_val(segs, s);
	}
}

/*
 * Scan lines along one axis. at(i, j) reads pixel j of line i; n lines of
 * len pixels. Runs of consecutive lines that overlap join one open run.
 */
static void
scan(const unsigned char *px, int stride, bool vertical, int n, int len,
    double scale, GArray *segs)
{
	GArray *open = g_array_new(FALSE, FALSE, sizeof(struct run));
	GArray *next = g_array_new(FALSE, FALSE, sizeof(struct run));
	int min_run = (int)(MIN_RUN_PT * scale);

	for (int i = 0; i <= n; i++) {
		g_array_set_size(next, 0);
		for (int j = 0; i < n && j < len;) {
			const unsigned char *p = vertical ?
			    px + (size_t)j * stride + i : px + (size_t)i * stride + j;
			if (*p < INK) {
				j++;
				continue;
			}
			int from = j;
			while (j < len && *(vertical ? px + (size_t)j * stride + i :
			    px + (size_t)i * stride + j) >= INK)
				j++;
			if (j - from >= min_run) {
				struct run r = { from, j - 1, i, i };
				g_array_append_val(next, r);
			}
		}
		/* Extend open runs that this line continues; close the rest. */
		for (guint k = 0; k < open->len; k++) {
			struct run *o = &g_array_index(open, struct run, k);
			bool continued = false;
			for (guint m = 0; m < next->len; m++) {
				struct run *r = &g_array_index(next, struct run, m);
				if (r->first == i && r->from <= o->to &&
				    r->to >= o->from) {
					r->first = o->first;
					r->from = MIN(r->from, o->from);
					r->to = MAX(r->to, o->to);
					continued = true;
					break;
				}
			}
			if (!continued)
				emit(segs, o, scale);
		}
		GArray *t = open;
		open = next;
		next = t;
	}
	g_array_free(open, TRUE);
	g_array_free(next, TRUE);
}

void
rules_find(PopplerPage *page, const GArray *glyphs, double scale,
    GArray *hsegs, GArray *vsegs)
{
	double pw, ph;
	int w, h, stride;
	cairo_surface_t *s;
	cairo_t *cr;
	unsigned char *px;

	poppler_page_get_size(page, &pw, &ph);
	w = (int)ceil(pw * scale);
	h = (int)ceil(ph * scale);
	s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
	cr = cairo_create(s);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	blank_glyphs(px, stride, w, h, glyphs, scale);
	scan(px, stride, false, h, w, scale, hsegs);
	scan(px, stride, true, w, h, scale, vsegs);
	cairo_surface_destroy(s);
}
