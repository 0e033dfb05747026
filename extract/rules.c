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

#define INK 40			/* alpha (of 255) that counts as ink */
#define MIN_RUN_PT 8.0		/* shorter runs are not rules */
#define MAX_THICK_PT 3.0	/* thicker runs are filled boxes */

struct run {
	int from, to;		/* first and last pixel along the line */
	int first, last;	/* first and last pixel row across it */
};

/*
 * Blank the glyphs out. A glyph box is the font's, taller than the ink
 * (Noto CJK's is nearly one and a half ems), and in a tight spreadsheet
 * row it reaches over the cell's border: blank only its middle, where the
 * ink is, so the border survives. shrink 0 blanks the whole box. (The
 * same fill, with 255, draws the whole boxes into a mask.)
 */
static void
blank_glyphs(unsigned char *px, int stride, int w, int h, const GArray *glyphs,
    double scale, double shrink, unsigned char value)
{
	for (guint i = 0; i < glyphs->len; i++) {
		const struct glyph *g = &g_array_index(glyphs, struct glyph, i);
		double dx = (g->x2 - g->x1) * 0.45 * shrink;
		double dy = (g->y2 - g->y1) * shrink;
		int x1 = (int)floor((g->x1 + dx) * scale);
		int x2 = (int)ceil((g->x2 - dx) * scale);
		int y1 = (int)floor((g->y1 + dy) * scale);
		int y2 = (int)ceil((g->y2 - dy) * scale);

		x1 = CLAMP(x1, 0, w);
		x2 = CLAMP(x2, 0, w);
		y1 = CLAMP(y1, 0, h);
		y2 = CLAMP(y2, 0, h);
		for (int y = y1; y < y2 && x2 > x1; y++)
			memset(px + (size_t)y * stride + x1, value, x2 - x1);
	}
}

/*
 * What the scan needs besides the pixels: where the whole glyph boxes
 * are (a run that lies in them is a stroke of a character the blanking
 * left, not a rule), and the scale.
 */
struct scan_ctx {
	const unsigned char *boxes;	/* 255 inside a glyph box */
	int stride;
	double scale;
};

/* Is the run, along line `at`, mostly inside glyph boxes? */
static bool
in_glyphs(const struct scan_ctx *sc, bool vertical, int at, int from, int to)
{
	int inside = 0;

	for (int j = from; j <= to; j++) {
		const unsigned char *p = vertical ?
		    sc->boxes + (size_t)j * sc->stride + at :
		    sc->boxes + (size_t)at * sc->stride + j;
		inside += *p != 0;
	}
	return inside * 10 >= (to - from + 1) * 9;
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
    const struct scan_ctx *sc, GArray *segs)
{
	double scale = sc->scale;
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
			if (!continued && !in_glyphs(sc, vertical,
			    (o->first + o->last) / 2, o->from, o->to))
				emit(segs, o, scale);
		}
		GArray *t = open;
		open = next;
		next = t;
	}
	g_array_free(open, TRUE);
	g_array_free(next, TRUE);
}

/* Mark the glyphs that put no ink on the page. */
static void
find_hidden(const unsigned char *px, int stride, int w, int h,
    GArray *glyphs, double scale)
{
	for (guint i = 0; i < glyphs->len; i++) {
		struct glyph *g = &g_array_index(glyphs, struct glyph, i);
		int x1 = CLAMP((int)floor(g->x1 * scale), 0, w);
		int x2 = CLAMP((int)ceil(g->x2 * scale), 0, w);
		int y1 = CLAMP((int)floor(g->y1 * scale), 0, h);
		int y2 = CLAMP((int)ceil(g->y2 * scale), 0, h);
		bool ink = false;

		for (int y = y1; y < y2 && !ink; y++)
			for (int x = x1; x < x2 && !ink; x++)
				ink = px[(size_t)y * stride + x] >= INK;
		g->hidden = !ink;
	}
}

void
rules_find(PopplerPage *page, GArray *glyphs, double scale,
    GArray *hsegs, GArray *vsegs)
{
	double pw, ph;
	int w, h, stride;
	cairo_surface_t *s;
	cairo_t *cr;
	unsigned char *px, *boxes;

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
	if (px == NULL) {
		/* No surface (an empty page box): no ink, so no rules. */
		cairo_surface_destroy(s);
		return;
	}
	find_hidden(px, stride, w, h, glyphs, scale);
	boxes = g_malloc0((size_t)stride * h);
	blank_glyphs(boxes, stride, w, h, glyphs, scale, 0, 255);
	blank_glyphs(px, stride, w, h, glyphs, scale, 0.18, 0);
	struct scan_ctx sc = { boxes, stride, scale };
	scan(px, stride, false, h, w, &sc, hsegs);
	scan(px, stride, true, w, h, &sc, vsegs);
	g_free(boxes);
	cairo_surface_destroy(s);
}
