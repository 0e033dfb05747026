/* A report as one JSON line: the record load reads (see README.md). */
#include "internal.h"
#include "jsonw.h"
#include "provenance.h"

static void
emit_findings(struct jw *w, const char *key, GPtrArray *findings)
{
	jw_arr(w, key);
	for (guint i = 0; i < findings->len; i++) {
		const struct finding *fd = g_ptr_array_index(findings, i);
		jw_obj(w, NULL);
		jw_str(w, "kind", finding_kinds[fd->kind]);
		jw_str(w, "label", fd->label);
		jw_str(w, "text", fd->text);
		jw_arr(w, "quantities");
		for (guint j = 0; j < fd->quantities->len; j++) {
			const struct quantity *q = g_ptr_array_index(
			    fd->quantities, j);
			jw_obj(w, NULL);
			jw_str(w, "value", q->value);
			jw_str(w, "unit", q->unit);
			jw_str(w, "context", q->context);
			jw_str(w, "text", q->text);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

static void
emit_rows(struct jw *w, const char *key, GPtrArray *rows,
    const struct value_def *cols, size_t ncols)
{
	jw_arr(w, key);
	for (guint i = 0; i < rows->len; i++) {
		const struct row *row = g_ptr_array_index(rows, i);
		jw_obj(w, NULL);
		for (size_t c = 0; c < ncols; c++)
			if (row->col[c] != NULL)
				jw_str(w, cols[c].name, row->col[c]);
		jw_int(w, "page", row->page);
		jw_end(w);
	}
	jw_end(w);
}

void
report_emit(GString *out, const struct provenance *prov, int seq,
    const struct report *r)
{
	struct jw w;

	jw_init(&w, out);
	jw_obj(&w, NULL);
	prov_json(&w, "source", prov);
	jw_int(&w, "seq", seq);
	jw_str(&w, "template", r->template);
	jw_str(&w, "kind", r->kind >= 0 ? report_kinds[r->kind] : NULL);
	if (r->prose)
		jw_bool(&w, "prose", TRUE);
	jw_str(&w, "title", r->title);
	jw_str(&w, "year", r->year);
	jw_int(&w, "page_first", r->page_first);
	jw_int(&w, "page_last", r->page_last);
	jw_str(&w, "money_unit", r->money_unit);
	jw_obj(&w, "fields");
	for (size_t i = 0; i < n_report_fields; i++)
		if (r->field[i] != NULL)
			jw_str(&w, report_fields[i].name, r->field[i]);
	jw_end(&w);
	jw_obj(&w, "units");
	for (size_t i = 0; i < n_report_fields; i++)
		if (r->unit[i] != NULL)
			jw_str(&w, report_fields[i].name, r->unit[i]);
	jw_end(&w);
	jw_obj(&w, "grading");
	jw_bool(&w, "stated", r->bands_stated);
	jw_arr(&w, "bands");
	for (guint i = 0; i < r->bands->len; i++) {
		const struct band *b = g_ptr_array_index(r->bands, i);
		jw_obj(&w, NULL);
		jw_str(&w, "grade", b->grade);
		jw_str(&w, "min", b->min);
		jw_str(&w, "max", b->max);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	emit_rows(&w, "indicators", r->indicators, indicator_cols,
	    n_indicator_cols);
	emit_rows(&w, "funds", r->funds, fund_cols, n_fund_cols);
	emit_rows(&w, "tasks", r->tasks, task_cols, n_task_cols);
	jw_arr(&w, "subprojects");
	for (guint i = 0; i < r->subprojects->len; i++) {
		const struct subproject *sp = g_ptr_array_index(r->subprojects, i);
		jw_obj(&w, NULL);
		jw_str(&w, "area_no", sp->area_no);
		jw_str(&w, "area", sp->area);
		jw_str(&w, "no", sp->no);
		jw_str(&w, "name", sp->name);
		emit_findings(&w, "findings", sp->findings);
		jw_end(&w);
	}
	jw_end(&w);
	emit_findings(&w, "findings", r->loose);
	if (r->text)
		jw_str(&w, "text", r->text);
	jw_end(&w);
	g_string_append_c(out, '\n');
}
