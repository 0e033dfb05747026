#include "report.h"

static void
quantity_free(gpointer p)
{
	struct quantity *q = p;

	g_free(q->value);
	g_free(q->unit);
	g_free(q->context);
	g_free(q->text);
	g_free(q);
}

static void
finding_free(gpointer p)
{
	struct finding *f = p;

	g_free(f->label);
	g_free(f->text);
	g_ptr_array_free(f->quantities, TRUE);
	g_free(f);
}

struct finding *
finding_new(int kind, char *label, char *text)
{
	struct finding *f = g_new0(struct finding, 1);

	f->kind = kind;
	f->label = label;
	f->text = text;
	f->quantities = g_ptr_array_new_with_free_func(quantity_free);
	return f;
}

static void
subproject_free(gpointer p)
{
	struct subproject *s = p;

	g_free(s->area_no);
	g_free(s->area);
	g_free(s->no);
	g_free(s->name);
	g_ptr_array_free(s->findings, TRUE);
	g_free(s);
}

struct subproject *
subproject_new(void)
{
	struct subproject *s = g_new0(struct subproject, 1);

	s->findings = g_ptr_array_new_with_free_func(finding_free);
	return s;
}

static void
row_free(gpointer p)
{
	struct row *r = p;

	for (size_t i = 0; i < G_N_ELEMENTS(r->col); i++)
		g_free(r->col[i]);
	g_free(r);
}

struct row *
row_new(int page)
{
	struct row *r = g_new0(struct row, 1);

	r->page = page;
	return r;
}

static void
band_free(gpointer p)
{
	struct band *b = p;

	g_free(b->grade);
	g_free(b->min);
	g_free(b->max);
	g_free(b);
}

struct report *
report_new(void)
{
	struct report *r = g_new0(struct report, 1);

	G_STATIC_ASSERT(G_N_ELEMENTS(((struct report *)0)->field) >= 20);
	r->indicators = g_ptr_array_new_with_free_func(row_free);
	r->funds = g_ptr_array_new_with_free_func(row_free);
	r->tasks = g_ptr_array_new_with_free_func(row_free);
	r->subprojects = g_ptr_array_new_with_free_func(subproject_free);
	r->loose = g_ptr_array_new_with_free_func(finding_free);
	r->bands = g_ptr_array_new_with_free_func(band_free);
	r->notes = g_ptr_array_new_with_free_func(g_free);
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	g_free(r->title);
	g_free(r->year);
	g_free(r->money_unit);
	for (size_t i = 0; i < G_N_ELEMENTS(r->field); i++) {
		g_free(r->field[i]);
		g_free(r->unit[i]);
	}
	g_ptr_array_free(r->indicators, TRUE);
	g_ptr_array_free(r->funds, TRUE);
	g_ptr_array_free(r->tasks, TRUE);
	g_ptr_array_free(r->subprojects, TRUE);
	g_ptr_array_free(r->loose, TRUE);
	g_ptr_array_free(r->bands, TRUE);
	g_ptr_array_free(r->notes, TRUE);
	g_free(r->text);
	g_free(r);
}
