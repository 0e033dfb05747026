/*
 * Drawing for the rule render, made cheap. The render exists to find the
 * page's rules and to tell which glyphs left ink (a spreadsheet clips the
 * text that overflows a cell: Poppler still reports it). For a cairo_t
 * marked by glyphink_mark:
 *
 * - cairo_show_glyphs does not draw the glyphs. Rasterizing them
 *   (FreeType, cairo's glyph cache, pixman) was 38 % of extract's
 *   instructions, and the outlines were blanked before the rule scan
 *   anyway. Each glyph leaves one pixel of ink at its middle, written
 *   into the surface where that point is inside the clip (dots); where
 *   that would not be what drawing does (another operator, a pattern,
 *   another kind of surface), a small box is filled instead, under the
 *   same clip, source and operator. Either way a clipped glyph leaves no
 *   ink and a visible one leaves some, inside the part of the glyph box
 *   that rules_find blanks, so the ink never passes for a rule.
 * - cairo_stroke draws without antialiasing: Poppler widens a stroke
 *   thinner than a pixel to one pixel and aligns it to the pixel grid, so
 *   every rule still leaves its pixels, and cairo fills the boxes of a
 *   rectilinear stroke directly instead of scan-converting it (a tenth of
 *   a small Writer form's cost). Fills keep antialiasing: Chrome draws
 *   its rules as thin filled boxes, which would vanish.
 *
 * Poppler GLib offers no way to render without text, so this is done by
 * interposing the two functions: the executable's definitions come
 * before libcairo's for Poppler's calls. Every other cairo_t (the
 * --grid-png pictures) goes on to cairo's own.
 */
#include <cairo.h>
#include <dlfcn.h>
#include <glib.h>
#include <stdint.h>

#include "geom.h"

/* Its address is the key; the data is cairo's own functions. */
static const cairo_user_data_key_t marked;

struct real {
	void (*show_glyphs)(cairo_t *, const cairo_glyph_t *, int);
	void (*stroke)(cairo_t *);
	long *drawn;		/* glyphs shown, for the caller (or NULL) */
};

/*
 * The box: across the middle of the glyph's advance (to the next glyph,
 * or half an em for the last), up from the baseline in ems, so that
 * neighbouring boxes never touch and never make a run of ink.
 */
#define BOX_FROM 0.3
#define BOX_TO 0.7
#define BOX_LOW 0.15
#define BOX_HIGH 0.6
#define SHARP_EM_PX 8.0	/* see cairo_show_glyphs */

static void
real_find(struct real *r)
{
	*(void **)&r->show_glyphs = dlsym(RTLD_NEXT, "cairo_show_glyphs");
	*(void **)&r->stroke = dlsym(RTLD_NEXT, "cairo_stroke");
}

void
glyphink_mark(cairo_t *cr, long *drawn)
{
	struct real *r = g_new(struct real, 1);

	real_find(r);
	r->drawn = drawn;
	cairo_set_user_data(cr, &marked, r, g_free);
}

void
cairo_stroke(cairo_t *cr)
{
	const struct real *m = cairo_get_user_data(cr, &marked);
	struct real r;

	if (m == NULL) {
		real_find(&r);
		r.stroke(cr);
		return;
	}
	cairo_antialias_t aa = cairo_get_antialias(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	m->stroke(cr);
	cairo_set_antialias(cr, aa);
}

/*
 * The advance of glyph i: to the next glyph if it is along the line and
 * near, else half an em.
 */
static void
advance(const cairo_matrix_t *fm, const cairo_glyph_t *glyphs, int n, int i,
    double *ax, double *ay)
{
	*ax = fm->xx * 0.5;
	*ay = fm->yx * 0.5;
	if (i + 1 < n) {
		double dx = glyphs[i + 1].x - glyphs[i].x;
		double dy = glyphs[i + 1].y - glyphs[i].y;
		if (dx * *ax + dy * *ay > 0 && dx * dx + dy * dy <
		    4 * (fm->xx * fm->xx + fm->yx * fm->yx))
			*ax = dx, *ay = dy;
	}
}

/*
 * Cheaper still than boxes: one pixel of ink at the middle of each box,
 * written straight into the surface, where the glyph's middle is inside
 * the clip. Only for what a box would do the same: the plain OVER of an
 * opaque enough colour onto an image surface in A8 (the page) or ARGB32
 * (a transparency group). Returns false to have the boxes drawn instead.
 */
static bool
dots(cairo_t *cr, const cairo_glyph_t *glyphs, int n)
{
	cairo_surface_t *s = cairo_get_group_target(cr);
	double r, g, b, a, ox, oy;
	cairo_matrix_t fm;

	if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE ||
	    cairo_get_operator(cr) != CAIRO_OPERATOR_OVER ||
	    cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a) !=
	    CAIRO_STATUS_SUCCESS)
		return false;
	cairo_format_t f = cairo_image_surface_get_format(s);
	if (f != CAIRO_FORMAT_A8 && f != CAIRO_FORMAT_ARGB32)
		return false;
	if (a * 255 < INK)
		return true;	/* it would leave no ink */
	cairo_surface_flush(s);
	unsigned char *px = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	if (px == NULL)
		return false;
	cairo_surface_get_device_offset(s, &ox, &oy);
	cairo_get_font_matrix(cr, &fm);
	for (int i = 0; i < n; i++) {
		double ax, ay;
		advance(&fm, glyphs, n, i, &ax, &ay);
		double mid = (BOX_LOW + BOX_HIGH) / 2;
		double x = glyphs[i].x + 0.5 * ax - mid * fm.xy;
		double y = glyphs[i].y + 0.5 * ay - mid * fm.yy;
		if (!cairo_in_clip(cr, x, y))
			continue;
		cairo_user_to_device(cr, &x, &y);
		x += ox;
		y += oy;
		if (!(x >= 0 && x < w && y >= 0 && y < h))
			continue;
		unsigned char *p = px + (size_t)y * stride;
		if (f == CAIRO_FORMAT_A8)
			p[(int)x] = 255;
		else
			((uint32_t *)p)[(int)x] = 0xff000000;	/* opaque black */
	}
	cairo_surface_mark_dirty(s);
	return true;
}

void
cairo_show_glyphs(cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
	struct real r;

	const struct real *m = cairo_get_user_data(cr, &marked);
	if (m == NULL) {
		real_find(&r);
		r.show_glyphs(cr, glyphs, num_glyphs);
		return;
	}
	if (m->drawn != NULL && num_glyphs > 0)
		*m->drawn += num_glyphs;
	if (num_glyphs <= 0 || dots(cr, glyphs, num_glyphs))
		return;
	cairo_matrix_t fm;
	cairo_path_t *keep = NULL;

	/* A path under construction is Poppler's, not ours to lose. */
	if (cairo_has_current_point(cr))
		keep = cairo_copy_path(cr);
	cairo_new_path(cr);
	cairo_get_font_matrix(cr, &fm);
	for (int i = 0; i < num_glyphs; i++) {
		double ax, ay, ux = -fm.xy, uy = -fm.yy;	/* uy: an em up */
		double x = glyphs[i].x, y = glyphs[i].y;

		advance(&fm, glyphs, num_glyphs, i, &ax, &ay);
		if (ay == 0 && ux == 0)	/* upright: a box is cheaper */
			cairo_rectangle(cr, x + BOX_FROM * ax, y + BOX_LOW * uy,
			    (BOX_TO - BOX_FROM) * ax, (BOX_HIGH - BOX_LOW) * uy);
		else {
			cairo_move_to(cr, x + BOX_FROM * ax + BOX_LOW * ux,
			    y + BOX_FROM * ay + BOX_LOW * uy);
			cairo_line_to(cr, x + BOX_TO * ax + BOX_LOW * ux,
			    y + BOX_TO * ay + BOX_LOW * uy);
			cairo_line_to(cr, x + BOX_TO * ax + BOX_HIGH * ux,
			    y + BOX_TO * ay + BOX_HIGH * uy);
			cairo_line_to(cr, x + BOX_FROM * ax + BOX_HIGH * ux,
			    y + BOX_FROM * ay + BOX_HIGH * uy);
			cairo_close_path(cr);
		}
	}
	/*
	 * Boxes of type this large cover whole pixels: filled without
	 * antialiasing, upright ones take cairo's fast path for boxes.
	 * Smaller type keeps antialiasing, so that no box rounds to nothing.
	 */
	double ex = fm.xx, ey = fm.yx, hx = fm.xy, hy = fm.yy;
	cairo_user_to_device_distance(cr, &ex, &ey);
	cairo_user_to_device_distance(cr, &hx, &hy);
	cairo_antialias_t aa = cairo_get_antialias(cr);
	if (ex * ex + ey * ey >= SHARP_EM_PX * SHARP_EM_PX &&
	    hx * hx + hy * hy >= SHARP_EM_PX * SHARP_EM_PX)
		cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	cairo_fill(cr);
	cairo_set_antialias(cr, aa);
	if (keep != NULL) {
		cairo_append_path(cr, keep);
		cairo_path_destroy(keep);
	}
}
