/*
 * Page layout: glyphs and ruling lines to text. A table row becomes one
 * line, its cells separated by TAB (a merged cell's text on the first row
 * and column it spans, empty cells after it); text outside tables comes
 * as ordinary lines, with TAB where a wide gap splits a borderless row.
 * Page furniture is dropped and a table that runs onto the next page is
 * stitched, a row split by the page break included.
 */
#ifndef SE_LAYOUT_H
#define SE_LAYOUT_H

#include <glib.h>
#include <stdbool.h>

struct _PopplerPage;
struct page_layout;

struct layout_stats {
	int glyphs;		/* non-blank characters on the page */
	int unmapped;		/* U+FFFD and private-use characters */
	int cjk;		/* Han characters */
	int punct;		/* ASCII punctuation and Latin-1 letters */
	unsigned punct_kinds;	/* which ASCII punctuation, one bit each */
};

/*
 * A page whose characters did not map to Unicode: replacement or
 * private-use characters, or, from a font without a ToUnicode map, the
 * raw character codes read as ASCII (a spray of !"#$%&'()* and no CJK).
 */
bool layout_unmapped(const struct layout_stats *st);

/* Lay out one page; grid_png_dir, if set, gets page-N.png drawn over. */
struct page_layout *layout_page(struct _PopplerPage *page, int no,
    const char *grid_png_dir, struct layout_stats *stats, GError **error);
void page_layout_free(gpointer pl);

/* A line of text outside tables, for readers without glyphs (OCR). */
struct text_line {
	char *text;
	double x1, y1, x2, y2;	/* points from the page's top left */
};
void text_line_free(gpointer tl);

/*
 * Lay out a page whose table cells already hold their text and whose other
 * text comes as lines (OCR); pw, ph is the page size in points.
 */
struct table;
struct page_layout *layout_cells_page(int no, double pw, double ph,
    GPtrArray *tables, const GPtrArray *lines);

/* Drop running headers and page numbers, stitch tables, write the text. */
void layout_write(GPtrArray *pages, GString *out);

#endif
