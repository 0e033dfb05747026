/*
 * The document model every extract reader fills and the one writer prints.
 *
 * A document is a list of pages; a page a list of blocks in reading order;
 * a block is either a line of text outside tables or a table. A table is a
 * grid of rows by columns; each slot of the grid is either the start of a
 * cell (its top-left corner: the cell's text lives here) or covered by a
 * merged cell that starts to its left in the same row or in a row above.
 *
 *   struct doc *d = doc_new();
 *   struct doc_page *pg = doc_add_page(d);
 *   doc_add_line(pg, "项目支出绩效自评表");
 *   struct doc_table *t = doc_add_table(pg, 3);        3 columns
 *   int r = doc_table_add_row(t);                       slots blank
 *   doc_cell_set(t, r, 0, "一级指标");                  copies the text
 *   doc_table_merge(t, r, 1, 2, 2);                     rowspan 2, colspan 2
 *   ...
 *   doc_write_text(d, out);                             see writer.c
 *   doc_free(d);
 *
 * Rules a reader follows:
 * - Text is UTF-8. A cell's text is one paragraph: its wrapped lines
 *   rejoined with text_join() (nothing between CJK characters, one space
 *   between Latin words), no TAB or newline (the writer turns any into a
 *   space). A line block may hold TABs: a borderless row's gaps.
 * - A table as its source holds it (an HTML <table>, a sheet's used
 *   range, a Word table) goes through doc_table_bands() into the page:
 *   like a ruled PDF table it comes out as bands of one column system,
 *   blank rows dropped, so the text matches the PDF of the same form
 *   (build it with doc_block_table(), band it into pg->blocks, free it;
 *   html.c's read_table does so). A table already in final shape may be
 *   added with doc_add_table() and is printed as it is.
 * - What the reader of the source cannot see (hidden rows and columns of
 *   a sheet, display:none) is not put into the model.
 * - Pages are the source's: a PDF page, a sheet of a workbook, an HTML
 *   page split at its print page breaks. parse numbers them from 1 in the
 *   order of d->pages (page_first / page_last of a report).
 * - Spans are recorded by marking the covered slots (doc_table_merge), not
 *   by counters in the cell, so passes that drop or move rows keep them
 *   consistent; doc_cell_rowspan/colspan read them back.
 * - Geometry (struct doc_box, a table's column lines) is optional: readers
 *   with a page (PDF, OCR) fill it so page passes (running headers, tables
 *   stitched across pages) can use it; others leave it zero / NULL.
 * - confidence: a reader that guesses (OCR) sets each slot's to 0..1;
 *   others leave the -1 doc_row_new() sets. The writer does not print it.
 * - Every pointer returned belongs to the document; doc_free frees all.
 */
#ifndef SE_MODEL_H
#define SE_MODEL_H

#include <glib.h>
#include <stdbool.h>

/* Where a block stood on its page, in points from the top left; 0 if unknown. */
struct doc_box {
	double top, bottom, x1, x2;
};

/* One slot of a table's grid. */
struct doc_cell {
	char *text;		/* never NULL; "" when blank or covered */
	bool left;		/* covered by the cell starting to its left */
	bool above;		/* covered by a cell starting in a row above */
	/*
	 * How sure the reader is of the text, 0..1 (OCR); -1 when it read
	 * the text from the file itself and there is nothing to doubt.
	 */
	float confidence;
	/*
	 * PDF: the cell's text fills it to the bottom and its last line to
	 * the edge, so its paragraph may go on past a page break. Set by
	 * the PDF reader for the page passes; false elsewhere.
	 */
	bool fills;
};

struct doc_row {
	int ncols;		/* the table's, kept for freeing */
	struct doc_cell *cells;	/* ncols slots */
};

struct doc_table {
	int ncols;
	GPtrArray *rows;	/* struct doc_row *, top to bottom */
	/* Optional geometry: ncols + 1 column lines, ascending, or NULL. */
	double *xs;
	/*
	 * Per column: the text of the column's last cell ran on below the
	 * table (a page break cut it), so the next page's first row may
	 * finish it. Set and read by page passes; NULL when unused.
	 */
	bool *runs_on;
	/*
	 * Per column: no rule closes the table's top (bottom) edge there, so
	 * a cell goes on across the page break (a merged label cut in two).
	 * Set by the PDF reader, read by page passes; NULL when unused.
	 */
	bool *open_top, *open_bottom;
};

enum doc_kind {
	DOC_LINE,
	DOC_TABLE,
};

struct doc_block {
	enum doc_kind kind;
	char *line;		/* DOC_LINE: the text */
	struct doc_table *table; /* DOC_TABLE */
	struct doc_box box;	/* optional geometry */
	bool margin;		/* in the page's top or bottom margin */
};

struct doc_page {
	int no;			/* 1-based, as the source numbers it */
	GPtrArray *blocks;	/* struct doc_block *, reading order */
};

struct doc {
	GPtrArray *pages;	/* struct doc_page * */
};

struct doc *doc_new(void);
void doc_free(struct doc *d);

/* A new page at the end, numbered one more than the last. */
struct doc_page *doc_add_page(struct doc *d);
/* A page of its own, for readers that lay out pages apart (PDF). */
struct doc_page *doc_page_new(int no);
void doc_page_free(gpointer pg);

/* A line of text at the end of the page (text copied). */
struct doc_block *doc_add_line(struct doc_page *pg, const char *text);
/* A table of ncols columns and no rows at the end of the page. */
struct doc_table *doc_add_table(struct doc_page *pg, int ncols);
/* Blocks made apart, for readers that sort them before adding. */
struct doc_block *doc_block_line(const char *text);
struct doc_block *doc_block_table(int ncols);
void doc_block_free(gpointer b);

/* Append a row of blank slots; returns its index. */
int doc_table_add_row(struct doc_table *t);
struct doc_row *doc_row_new(int ncols);
void doc_row_free(gpointer row);

/* The slot at row r, column c. */
struct doc_cell *doc_cell(const struct doc_table *t, int r, int c);
/* Replace the slot's text by a copy of text. */
void doc_cell_set(struct doc_table *t, int r, int c, const char *text);
/* Append a wrapped continuation to the slot's text (text_join's rules). */
void doc_cell_join(struct doc_cell *cell, const char *more);

/*
 * The cell starting at (r, c) spans rowspan rows and colspan columns
 * (clipped to the table; rows are added below as needed): the slots it
 * covers are marked and blanked.
 */
void doc_table_merge(struct doc_table *t, int r, int c, int rowspan,
    int colspan);
/* The extent of the cell starting at (r, c): 1 for a plain cell. */
int doc_cell_rowspan(const struct doc_table *t, int r, int c);
int doc_cell_colspan(const struct doc_table *t, int r, int c);

/*
 * A table's rows in bands of one column system. One table often holds
 * several (the header fields, then the indicator table): a row whose cells
 * start at columns the band has not seen, while missing some it has,
 * starts a new band, so every row of a band has the same cells and lines
 * up with the band's header row. Each band is appended to out as a new
 * table block holding only the columns where its cells start (xs carried
 * over), rows without text dropped; ranges, if not NULL, gets each band's
 * first and end row of t (two ints per band).
 */
void doc_table_bands(const struct doc_table *t, GPtrArray *out,
    GArray *ranges);

/*
 * The text: pages separated by form feeds, a line block as a line, a
 * table row as one line with its slots separated by TAB (a merged cell's
 * text in its first row and column, empty slots after it). writer.c.
 */
void doc_write_text(const struct doc *d, GString *out);

#endif
