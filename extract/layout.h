/*
 * Page layout: glyphs and ruling lines to the document model (model.h).
 * Tables come out in bands of one column system each, merged cells marked;
 * text outside tables comes as line blocks, with TAB where a wide gap
 * splits a borderless row.
 * Page furniture is dropped and a table that runs onto the next page is
 * stitched, a row split by the page break included.
 */
#ifndef SE_LAYOUT_H
#define SE_LAYOUT_H

#include <glib.h>
#include <stdbool.h>

#include "model.h"

struct _PopplerPage;

struct layout_stats {
	int glyphs;		/* non-blank characters on the page */
	int unmapped;		/* U+FFFD and private-use characters */
	int cjk;		/* Han characters */
	int punct;		/* ASCII punctuation and Latin-1 letters */
	unsigned punct_kinds;	/* which ASCII punctuation, one bit each */
	/*
	 * Which way the text runs, in Poppler's reading order: pairs of
	 * neighbouring characters of a line that go right, down, left, up.
	 */
	int runs[4];
	int turn;		/* quarter turns the page was given to read it */
	long drawn;		/* glyphs the page's drawing showed */
};

/*
 * A page whose characters did not map to Unicode: replacement or
 * private-use characters, or, from a font without a ToUnicode map, the
 * raw character codes read as ASCII (a spray of !"#$%&'()* and no CJK).
 */
bool layout_unmapped(const struct layout_stats *st);

/*
 * A page whose text its drawing does not show (render mode 3) over an
 * image of half the page or more: the invisible text layer a scanner's
 * OCR lays over the page's image, in its own order and without the
 * form's cells. The image is the form.
 */
bool layout_invisible(struct _PopplerPage *page, const struct layout_stats *st);

/*
 * Pages larger than this are refused (SE_LIMIT): finding ruling lines
 * renders the page at a pixel per point, so cost grows with its area. A
 * side may be PDF's own limit (200 in); the area three A0 sheets.
 */
#define PAGE_MAX_PT 14400
#define PAGE_MAX_AREA 25000000

/*
 * Lay out one page into the model, its blocks top to bottom with their
 * geometry; grid_png_dir, if set, gets page-N.png drawn over.
 *
 * render_first: draw the page (for its rules) before reading its text.
 * Poppler collects the text as it draws, so the page's content is read
 * once, not twice (a tenth of a small extract's instructions); but a
 * page without text, a scan, is then drawn for nothing (its full-page
 * image decoded: 0.1 to 0.3 s). pdf.c sets it unless the page before
 * had no text.
 */
struct doc_page *layout_page(struct _PopplerPage *page, int no,
    bool render_first, const char *grid_png_dir, struct layout_stats *stats,
    GError **error);

/*
 * Passes over a document of laid-out pages: drop running headers and
 * footers (margin lines that repeat on most pages), and stitch a table
 * that ends one page and starts the next, a row cut by the break included.
 */
void layout_passes(struct doc *d);

/* A line of text outside tables, for readers without glyphs (OCR). */
struct text_line {
	char *text;
	double x1, y1, x2, y2;	/* points from the page's top left */
	double size;		/* height of its Chinese characters, or 0 */
};
void text_line_free(gpointer tl);

/*
 * Lay out a page whose table cells already hold their text (and OCR's
 * confidence) and whose other text comes as lines; ph is the page's
 * height in points, body the usual height of a line of text (0: that of
 * the lines).
 */
struct doc_page *layout_cells_page(int no, double ph, double body,
    GPtrArray *tables, const GPtrArray *lines);

#endif
