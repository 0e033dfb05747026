#include <string.h>

#include "model.h"
#include "text.h"

struct doc *
doc_new(void)
{
	struct doc *d = g_new0(struct doc, 1);

	d->pages = g_ptr_array_new_with_free_func(doc_page_free);
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	g_ptr_array_free(d->pages, TRUE);
	g_free(d);
}

struct doc_page *
doc_page_new(int no)
{
	struct doc_page *pg = g_new0(struct doc_page, 1);

	pg->no = no;
	pg->blocks = g_ptr_array_new_with_free_func(doc_block_free);
	return pg;
}

void
doc_page_free(gpointer p)
{
	struct doc_page *pg = p;

	if (pg == NULL)
		return;
	g_ptr_array_free(pg->blocks, TRUE);
	g_free(pg);
}

struct doc_page *
doc_add_page(struct doc *d)
{
	int no = 1;
	struct doc_page *pg;

	if (d->pages->len > 0)
		no = ((struct doc_page *)d->pages->pdata[d->pages->len - 1])->no + 1;
	pg = doc_page_new(no);
	g_ptr_array_add(d->pages, pg);
	return pg;
}

/*
 * The model holds UTF-8 only: a reader's bytes that are not (a page that
 * says utf-8 and is not, found by fuzz_html) get U+FFFD, as a browser
 * shows them, so parse never sees invalid text.
 */
static char *
valid_copy(const char *text)
{
	return g_utf8_make_valid(text ? text : "", -1);
}

struct doc_block *
doc_block_line(const char *text)
{
	struct doc_block *b = g_new0(struct doc_block, 1);

	b->kind = DOC_LINE;
	b->line = valid_copy(text);
	return b;
}

struct doc_block *
doc_block_table(int ncols)
{
	struct doc_block *b = g_new0(struct doc_block, 1);

	b->kind = DOC_TABLE;
	b->table = g_new0(struct doc_table, 1);
	b->table->ncols = ncols;
	b->table->rows = g_ptr_array_new_with_free_func(doc_row_free);
	return b;
}

void
doc_block_free(gpointer p)
{
	struct doc_block *b = p;

	if (b == NULL)
		return;
	g_free(b->line);
	if (b->table != NULL) {
		g_ptr_array_free(b->table->rows, TRUE);
		g_free(b->table->xs);
		g_free(b->table->runs_on);
		g_free(b->table->open_top);
		g_free(b->table->open_bottom);
		g_free(b->table);
	}
	g_free(b);
}

struct doc_block *
doc_add_line(struct doc_page *pg, const char *text)
{
	struct doc_block *b = doc_block_line(text);

	g_ptr_array_add(pg->blocks, b);
	return b;
}

struct doc_table *
doc_add_table(struct doc_page *pg, int ncols)
{
	struct doc_block *b = doc_block_table(ncols);

	g_ptr_array_add(pg->blocks, b);
	return b->table;
}

struct doc_row *
doc_row_new(int ncols)
{
	struct doc_row *row = g_new0(struct doc_row, 1);

	row->cells = g_new0(struct doc_cell, ncols > 0 ? ncols : 1);
	for (int c = 0; c < ncols; c++) {
		row->cells[c].text = g_strdup("");
		row->cells[c].confidence = -1;
	}
	/* The count lives in the table; remember it for freeing. */
	row->ncols = ncols;
	return row;
}

void
doc_row_free(gpointer p)
{
	struct doc_row *row = p;

	if (row == NULL)
		return;
	for (int c = 0; c < row->ncols; c++)
		g_free(row->cells[c].text);
	g_free(row->cells);
	g_free(row);
}

int
doc_table_add_row(struct doc_table *t)
{
	g_ptr_array_add(t->rows, doc_row_new(t->ncols));
	return (int)t->rows->len - 1;
}

struct doc_cell *
doc_cell(const struct doc_table *t, int r, int c)
{
	g_return_val_if_fail(r >= 0 && r < (int)t->rows->len, NULL);
	g_return_val_if_fail(c >= 0 && c < t->ncols, NULL);
	return &((struct doc_row *)t->rows->pdata[r])->cells[c];
}

void
doc_cell_set(struct doc_table *t, int r, int c, const char *text)
{
	struct doc_cell *cell = doc_cell(t, r, c);

	g_free(cell->text);
	cell->text = valid_copy(text);
}

void
doc_cell_join(struct doc_cell *cell, const char *more)
{
	GString *s = g_string_new(cell->text);
	char *valid = valid_copy(more);

	text_join(s, valid, strlen(valid));
	g_free(valid);
	g_free(cell->text);
	cell->text = g_string_free(s, FALSE);
}

void
doc_table_merge(struct doc_table *t, int r, int c, int rowspan, int colspan)
{
	if (colspan > t->ncols - c)
		colspan = t->ncols - c;
	while ((int)t->rows->len < r + rowspan)
		doc_table_add_row(t);
	for (int i = r; i < r + rowspan; i++)
		for (int j = c; j < c + colspan; j++) {
			struct doc_cell *cell = doc_cell(t, i, j);
			if (i == r && j == c)
				continue;
			cell->above = i > r;
			cell->left = i == r;
			g_free(cell->text);
			cell->text = g_strdup("");
		}
}

int
doc_cell_rowspan(const struct doc_table *t, int r, int c)
{
	int n = 1;

	while (r + n < (int)t->rows->len && doc_cell(t, r + n, c)->above)
		n++;
	return n;
}

int
doc_cell_colspan(const struct doc_table *t, int r, int c)
{
	int n = 1;

	while (c + n < t->ncols && doc_cell(t, r, c + n)->left)
		n++;
	return n;
}

void
doc_table_bands(const struct doc_table *t, GPtrArray *out, GArray *ranges)
{
	int nr = (int)t->rows->len, nc = t->ncols;
	bool *in_band = g_new0(bool, nc + 1), *in_row = g_new0(bool, nc + 1);
	/*
	 * The column where the cell covering each slot starts, row by row
	 * from the one above: doc_cell_origin for every slot, in one pass.
	 */
	int *start = g_new(int, (gsize)MAX(nr, 1) * MAX(nc, 1));
	int r = 0;

	for (int k = 0; k < nr; k++)
		for (int c = 0; c < nc; c++) {
			const struct doc_cell *cell = doc_cell(t, k, c);
			start[k * nc + c] = cell->above && k > 0 ?
			    start[(k - 1) * nc + c] : cell->left && c > 0 ?
			    start[k * nc + c - 1] : c;
		}

	while (r < nr) {
		int end = r;
		memset(in_band, 0, nc + 1);
		for (; end < nr; end++) {
			bool sub = true, super = true;
			memset(in_row, 0, nc + 1);
			for (int c = 0; c < nc; c++)
				in_row[start[end * nc + c]] = true;
			for (int c = 0; c < nc; c++) {
				sub = sub && (!in_row[c] || in_band[c]);
				super = super && (!in_band[c] || in_row[c]);
			}
			if (end > r && !sub && !super)
				break;
			for (int c = 0; c < nc; c++)
				in_band[c] = in_band[c] || in_row[c];
		}
		/* The band's columns: where its cells start. */
		GArray *cols = g_array_new(FALSE, FALSE, sizeof(int));
		for (int c = 0; c < nc; c++)
			if (in_band[c])
				g_array_append_val(cols, c);
		struct doc_block *b = doc_block_table((int)cols->len);
		struct doc_table *bt = b->table;
		if (t->xs != NULL) {
			bt->xs = g_new(double, cols->len + 1);
			for (guint j = 0; j < cols->len; j++)
				bt->xs[j] = t->xs[g_array_index(cols, int, j)];
			bt->xs[cols->len] = t->xs[nc];
		}
		for (int k = r; k < end; k++) {
			struct doc_row *row = doc_row_new((int)cols->len);
			bool any = false;
			for (guint j = 0; j < cols->len; j++) {
				const struct doc_cell *from = doc_cell(t, k,
				    g_array_index(cols, int, j));
				struct doc_cell *to = &row->cells[j];
				g_free(to->text);
				to->text = g_strdup(from->text);
				to->above = from->above;
				to->left = from->left;
				to->confidence = from->confidence;
				to->fills = from->fills;
				any = any || (!from->above && !from->left &&
				    from->text[0]);
			}
			if (any)
				g_ptr_array_add(bt->rows, row);
			else
				doc_row_free(row);
		}
		g_array_free(cols, TRUE);
		g_ptr_array_add(out, b);
		if (ranges != NULL) {
			int range[2] = { r, end };
			g_array_append_vals(ranges, range, 2);
		}
		r = end;
	}
	g_free(start);
	g_free(in_band);
	g_free(in_row);
}
