/*
 * modeltest: the document model of extract/model.h, built through its API
 * the way a reader does, printed by the one writer, its spans read back.
 * tests/model.test holds what it must print.
 */
#include <stdio.h>

#include "model.h"

static void
spans(const struct doc_table *t)
{
	for (guint r = 0; r < t->rows->len; r++)
		for (int c = 0; c < t->ncols; c++) {
			const struct doc_cell *cell = doc_cell(t, (int)r, c);
			if (!cell->left && !cell->above)
				printf("%u,%d %dx%d\n", r, c,
				    doc_cell_rowspan(t, (int)r, c),
				    doc_cell_colspan(t, (int)r, c));
		}
}

int
main(void)
{
	struct doc *d = doc_new();
	struct doc_page *pg = doc_add_page(d);
	struct doc_table *t;
	struct doc_block *whole;
	GString *out = g_string_new(NULL);

	/* A table as a reader adds it, merged cells and all. */
	doc_add_line(pg, "项目支出绩效自评表（2022年度）");
	t = doc_add_table(pg, 4);
	doc_table_add_row(t);
	doc_cell_set(t, 0, 0, "一级指标");
	doc_cell_set(t, 0, 1, "二级指标");
	doc_cell_set(t, 0, 2, "三级指标");
	doc_cell_set(t, 0, 3, "分值");
	doc_table_merge(t, 1, 0, 2, 1);		/* adds rows 1 and 2 */
	doc_cell_set(t, 1, 0, "产出指标");
	doc_cell_set(t, 1, 1, "数量指标");
	/* The writer's separators inside a cell become spaces. */
	doc_cell_set(t, 1, 2, "新建\t产业路\n12公里");
	doc_cell_set(t, 1, 3, "10");
	doc_cell_set(t, 2, 1, "质量指标");
	doc_cell_join(doc_cell(t, 2, 1), "");
	doc_cell_set(t, 2, 2, "验收");
	doc_cell_join(doc_cell(t, 2, 2), "合格率");
	doc_cell_set(t, 2, 3, "10");
	doc_table_add_row(t);
	doc_table_merge(t, 3, 0, 1, 3);
	doc_cell_set(t, 3, 0, "总分");
	doc_cell_set(t, 3, 3, "20");
	spans(t);

	/*
	 * A second page: a whole table banded as a PDF's ruled table is,
	 * the header fields and the indicator rows each with their columns.
	 */
	pg = doc_add_page(d);
	whole = doc_block_table(4);
	t = whole->table;
	for (int r = 0; r < 4; r++)
		doc_table_add_row(t);
	doc_table_merge(t, 0, 0, 1, 2);
	doc_cell_set(t, 0, 0, "项目名称");
	doc_table_merge(t, 0, 2, 1, 2);
	doc_cell_set(t, 0, 2, "农村公路养护");
	doc_cell_set(t, 1, 0, "实施单位");
	doc_table_merge(t, 1, 1, 1, 2);
	doc_cell_set(t, 1, 1, "大英县公路养护中心");
	doc_cell_set(t, 1, 3, "自评");
	/* row 2 is blank: dropped */
	doc_cell_set(t, 3, 0, "产出指标");
	doc_cell_set(t, 3, 1, "数量指标");
	doc_cell_set(t, 3, 2, "养护里程");
	doc_cell_set(t, 3, 3, "10");
	doc_table_bands(t, pg->blocks, NULL);
	doc_block_free(whole);
	printf("bands %u\n", pg->blocks->len);

	doc_write_text(d, out);
	fwrite(out->str, 1, out->len, stdout);
	g_string_free(out, TRUE);
	doc_free(d);
	return 0;
}
