/*
 * The one writer: the document model as cell-aware text. Readers never
 * print; whatever the source format, parse sees the same shape of text.
 */
#include "model.h"

/* Text with the writer's separators in it would split a cell or a row. */
static void
put(GString *out, const char *s, bool cell)
{
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\n' || c == '\f' || (cell && (c == '\t' || c == '\r')))
			c = ' ';
		g_string_append_c(out, c);
	}
}

void
doc_write_text(const struct doc *d, GString *out)
{
	for (guint p = 0; p < d->pages->len; p++) {
		const struct doc_page *pg = d->pages->pdata[p];
		if (p > 0)
			g_string_append_c(out, '\f');
		for (guint i = 0; i < pg->blocks->len; i++) {
			const struct doc_block *b = pg->blocks->pdata[i];
			if (b->kind == DOC_LINE) {
				put(out, b->line, false);
				g_string_append_c(out, '\n');
				continue;
			}
			for (guint r = 0; r < b->table->rows->len; r++) {
				const struct doc_row *row = b->table->rows->pdata[r];
				for (int c = 0; c < b->table->ncols; c++) {
					if (c > 0)
						g_string_append_c(out, '\t');
					put(out, row->cells[c].text, true);
				}
				g_string_append_c(out, '\n');
			}
		}
	}
}
