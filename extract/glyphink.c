/*
 * Glyph ink without the glyphs. The rule render draws a page only to find
 * its rules and to tell which glyphs left ink (a spreadsheet clips the
 * text that overflows a cell: Poppler still reports it). Rasterizing every
 * glyph (FreeType, cairo's glyph cache, pixman) was 38 % of extract's
 * instructions, and the outlines themselves are blanked before the rule
 * scan. So for a cairo_t marked by glyphink_mark, cairo_show_glyphs fills
 * a small box in the middle of each glyph instead: under the same clip,
 * source and operator, so a clipped glyph still leaves no ink and a
 * visible one leaves some, and inside the part of the glyph box that
 * rules_find blanks, so the boxes never pass for rules.
 *
 * Poppler GLib offers no way to render without text, so this is done by
 * interposing cairo_show_glyphs: the executable's definition comes before
 * libcairo's for Poppler's calls. Every other cairo_t (the --grid-png
 * pictures) goes on to cairo's own, found with dlsym(RTLD_NEXT).
 */
#include <cairo.h>
#include <dlfcn.h>
#include <stddef.h>

#include "geom.h"

/* Its address is the key; it holds nothing. */
static const cairo_user_data_key_t boxes_only;

/*
 * The box: across the middle of the glyph's advance (to the next glyph,
 * or half an em for the last), up from the baseline in ems, so that
 * neighbouring boxes never touch and never make a run of ink.
 */
#define BOX_FROM 0.3
#define BOX_TO 0.7
#define BOX_LOW 0.15
#define BOX_HIGH 0.6

void
glyphink_mark(cairo_t *cr)
{
	cairo_set_user_data(cr, &boxes_only, (void *)&boxes_only, NULL);
}

void
cairo_show_glyphs(cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
	if (cairo_get_user_data(cr, &boxes_only) == NULL) {
		void (*real)(cairo_t *, const cairo_glyph_t *, int);

		*(void **)&real = dlsym(RTLD_NEXT, "cairo_show_glyphs");
		if (real != NULL)
			real(cr, glyphs, num_glyphs);
		return;
	}
	if (num_glyphs <= 0)
		return;
	cairo_matrix_t fm;
	cairo_path_t *keep = NULL;

	/* A path under construction is Poppler's, not ours to lose. */
	if (cairo_has_current_point(cr))
		keep = cairo_copy_path(cr);
	cairo_new_path(cr);
	cairo_get_font_matrix(cr, &fm);
	for (int i = 0; i < num_glyphs; i++) {
		double ax = fm.xx * 0.5, ay = fm.yx * 0.5;	/* the advance */
		double ux = -fm.xy, uy = -fm.yy;		/* an em up */
		double x = glyphs[i].x, y = glyphs[i].y;

		if (i + 1 < num_glyphs) {
			double dx = glyphs[i + 1].x - x, dy = glyphs[i + 1].y - y;
			/* the next glyph, if it is along the line and near */
			if (dx * ax + dy * ay > 0 && dx * dx + dy * dy <
			    4 * (fm.xx * fm.xx + fm.yx * fm.yx))
				ax = dx, ay = dy;
		}
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
	cairo_fill(cr);
	if (keep != NULL) {
		cairo_append_path(cr, keep);
		cairo_path_destroy(keep);
	}
}
