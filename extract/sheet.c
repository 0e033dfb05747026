#include "sheet.h"

/* How many of the ascending v lie in [lo, hi]; *first the first's index. */
static int
count_in(GArray *v, int lo, int hi, int *first)
{
	int n = 0;

	*first = -1;
	for (guint i = 0; i < v->len; i++) {
		int x = g_array_index(v, int, i);
		if (x >= lo && x <= hi && n++ == 0)
			*first = (int)i;
	}
	return n;
}

void
sheet_merges(struct doc_table *t, GArray *rows, GArray *cols,
    const GArray *merges)
{
	for (guint i = 0; merges && i + 3 < merges->len; i += 4) {
		const int *m = &g_array_index(merges, int, i);
		int r0, c0, nr = count_in(rows, m[0], m[2], &r0);
		int nc = count_in(cols, m[1], m[3], &c0);
		struct doc_cell *cell;

		if (nr == 0 || nc == 0 || (nr == 1 && nc == 1))
			continue;
		cell = doc_cell(t, r0, c0);
		if (cell->left || cell->above)
			continue;	/* overlapping merges */
		doc_table_merge(t, r0, c0, nr, nc);
	}
}
