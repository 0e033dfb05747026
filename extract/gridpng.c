#include <cairo.h>
#include <math.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <stdint.h>

#include "geom.h"
#include "gridpng.h"
#include "status.h"

#define PNG_SCALE 2.0

/*
 * Cells as translucent boxes, inset so neighbours stay apart (merged
 * cells darker, cells OCR doubted orange), then the rules in red.
 */
static void
draw_grid(cairo_t *cr, const GArray *hsegs, const GArray *vsegs,
    const GPtrArray *tables)
{
	cairo_set_line_width(cr, 1.0);
	for (guint t = 0; t < tables->len; t++) {
		const struct table *tb = tables->pdata[t];
		for (guint i = 0; i < tb->cells->len; i++) {
			const struct cell *c = g_ptr_array_index(tb->cells, i);
			bool merged = c->r1 > c->r0 || c->c1 > c->c0;
			cairo_rectangle(cr, c->x1 + 1.5, c->y1 + 1.5,
			    c->x2 - c->x1 - 3, c->y2 - c->y1 - 3);
			if (c->doubt)
				cairo_set_source_rgba(cr, 1.0, 0.55, 0.0, 0.45);
			else
				cairo_set_source_rgba(cr, merged ? 0.0 : 0.2, 0.4,
				    merged ? 0.9 : 1.0, merged ? 0.18 : 0.08);
			cairo_fill_preserve(cr);
			cairo_set_source_rgba(cr, 0.1, 0.3, 0.9, 0.9);
			cairo_stroke(cr);
		}
	}
	cairo_set_source_rgba(cr, 0.9, 0.0, 0.0, 0.8);
	cairo_set_line_width(cr, 1.5);
	for (guint i = 0; i < hsegs->len; i++) {
		const struct seg *g = &g_array_index(hsegs, struct seg, i);
		cairo_move_to(cr, g->a, g->pos);
		cairo_line_to(cr, g->b, g->pos);
	}
	for (guint i = 0; i < vsegs->len; i++) {
		const struct seg *g = &g_array_index(vsegs, struct seg, i);
		cairo_move_to(cr, g->pos, g->a);
		cairo_line_to(cr, g->pos, g->b);
	}
	cairo_stroke(cr);
}

static void
write_png(cairo_surface_t *s, int no, const char *dir, GError **error)
{
	char *name, *path;

	g_mkdir_with_parents(dir, 0755);
	name = g_strdup_printf("page-%d.png", no);
	path = g_build_filename(dir, name, NULL);
	if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS &&
	    error && *error == NULL)
		g_set_error(error, SE_ERROR, SE_IO, "cannot write %s", path);
	g_free(path);
	g_free(name);
}

void
gridpng_write(PopplerPage *page, int no, int turn, const GArray *hsegs,
    const GArray *vsegs, const GPtrArray *tables, const char *dir,
    GError **error)
{
	double pw, ph, m[6];
	cairo_matrix_t turned;
	cairo_surface_t *s;
	cairo_t *cr;

	/* The page as it was read: turned as layout turned it. */
	poppler_page_get_size(page, &pw, &ph);
	turn_matrix(turn, pw, ph, m);
	cairo_matrix_init(&turned, m[0], m[1], m[2], m[3], m[4], m[5]);
	if (turn & 1) {
		double t = pw; pw = ph; ph = t;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)ceil(pw * PNG_SCALE), (int)ceil(ph * PNG_SCALE));
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, PNG_SCALE, PNG_SCALE);
	cairo_save(cr);
	cairo_transform(cr, &turned);
	poppler_page_render(page, cr);
	cairo_restore(cr);
	draw_grid(cr, hsegs, vsegs, tables);
	cairo_destroy(cr);
	write_png(s, no, dir, error);
	cairo_surface_destroy(s);
}

void
gridpng_write_scan(PIX *grey, double scale, int no, const GArray *hsegs,
    const GArray *vsegs, const GPtrArray *tables, const char *dir,
    GError **error)
{
	/* The scan at PNG_SCALE pixels per point, like a PDF page's picture. */
	PIX *g = pixScale(grey, (float)(PNG_SCALE / scale),
	    (float)(PNG_SCALE / scale));
	PIX *g8 = g ? pixConvertTo8(g, 0) : NULL;
	int w, h, stride;
	cairo_surface_t *s;
	cairo_t *cr;
	unsigned char *px;

	pixDestroy(&g);
	if (g8 == NULL)
		return;
	w = pixGetWidth(g8);
	h = pixGetHeight(g8);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(px + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			l_uint32 v = 0;
			pixGetPixel(g8, x, y, &v);
			row[x] = (v << 16) | (v << 8) | v;
		}
	}
	cairo_surface_mark_dirty(s);
	pixDestroy(&g8);
	cr = cairo_create(s);
	cairo_scale(cr, PNG_SCALE, PNG_SCALE);
	draw_grid(cr, hsegs, vsegs, tables);
	cairo_destroy(cr);
	write_png(s, no, dir, error);
	cairo_surface_destroy(s);
}
