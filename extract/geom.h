/*
 * Page geometry for extract: glyph boxes from Poppler's text layout, ruling
 * lines found by rendering the page, and the table grids they form. All
 * coordinates are PDF points with the origin at the top left of the page.
 */
#ifndef SE_GEOM_H
#define SE_GEOM_H

#include <glib.h>
#include <stdbool.h>

struct glyph {
	gunichar c;
	double x1, y1, x2, y2;
	bool hidden;		/* no ink where it stands: clipped or covered */
};

/* A ruling line: horizontal (pos = y, a..b = x) or vertical (pos = x). */
struct seg {
	double pos, a, b;
};

/* A cell of a table: the grid rectangle it covers, rows r0..r1, cols c0..c1. */
struct cell {
	int r0, c0, r1, c1;
	double x1, y1, x2, y2;
	char *text;		/* its lines rejoined as one paragraph */
	/*
	 * Its text fills it to the bottom, the last line to the right edge:
	 * a paragraph that goes on (past a page break).
	 */
	bool runs_on;
	float conf;		/* OCR: its weakest character, 0..100 */
	bool doubt;		/* OCR: read below the confidence threshold */
};

struct table {
	double *xs, *ys;	/* grid lines, ascending */
	int nx, ny;
	GPtrArray *cells;	/* struct cell * */
	int *owner;		/* (ny-1) x (nx-1): elementary cell -> cells index */
};

/*
 * Render a page into an alpha mask (scale pixels per point) for
 * rules_find. Render before asking Poppler for the page's text: Poppler
 * keeps the text it meets while rendering, so the text then costs no
 * second pass over the page's content.
 */
#define INK 40	/* alpha (of 255) that counts as ink */

struct _PopplerPage;
struct _cairo_surface;
struct _cairo_surface *rules_render(struct _PopplerPage *page, double scale,
    long *drawn);

/*
 * Have cairo_show_glyphs on cr leave a pixel of ink at each glyph's middle
 * instead of drawing it, and cairo_stroke stroke without antialiasing
 * (glyphink.c): ink where a glyph shows, for a fraction of the cost.
 * *drawn, if given, counts the glyphs shown (text in render mode 3, the
 * invisible text layer of a scan, shows none).
 */
struct _cairo;
void glyphink_mark(struct _cairo *cr, long *drawn);

/*
 * Find the ruling lines in a rendered page: blank the glyph boxes out (the
 * mask is changed) and keep the long thin runs of ink. Glyphs that left no
 * ink on the page (text a spreadsheet clipped away) are marked hidden.
 * sideways: the page's text runs down or up it (its boxes are the font's
 * across the line, which is then across x).
 */
void rules_find(struct _cairo_surface *ink, GArray *glyphs, double scale,
    bool sideways, GArray *hsegs, GArray *vsegs);

/*
 * Snap lines closer than 2 pt into one, in place, and join the collinear
 * pieces of a line: segs_merge those less than 3 pt apart, segs_join
 * those less than gap apart.
 */
void segs_merge(GArray *segs);
void segs_join(GArray *segs, double gap);

/*
 * The tables the rules form (struct table *), merged cells resolved; a
 * rule whose end is within touch points of another meets it.
 */
#define TOUCH_PT 3.0
GPtrArray *tables_build(const GArray *hsegs, const GArray *vsegs,
    double touch);
void table_free(gpointer t);

/* Does a ruling line of segs cover most of pos between a and b? */
bool rule_covers(const GArray *segs, double pos, double a, double b);

/* The median of an array of doubles (sorted in place); 0 when empty. */
double median(GArray *vals);

/*
 * A page turned by quarter turns (0 to 3, anticlockwise: 1 brings text
 * that runs down the page to run right) as the affine map m (cairo's
 * order: xx, yx, xy, yy, x0, y0) from the page's points to the turned
 * page's, w x h points.
 */
void turn_matrix(int turn, double w, double h, double m[6]);

/* The index in t->cells of the cell holding point (x, y), or -1. */
int table_cell_at(const struct table *t, double x, double y);

#endif
