/*
 * What parse recovers from one form, values as written, before it is
 * written out as a JSON record (emit.c). Every string is owned by the
 * struct that holds it.
 */
#ifndef SE_REPORT_H
#define SE_REPORT_H

#include <glib.h>

#include "record.h"

struct quantity {
	char *value, *unit, *context, *text;
};

struct finding {
	int kind;		/* KIND_OUTCOME ... */
	char *label;		/* "（1）", or NULL */
	char *text;
	GPtrArray *quantities;
};

struct subproject {
	char *area_no, *area, *no, *name;
	int area_value, no_value;	/* for matching across sections */
	GPtrArray *findings;
};

struct row {
	char *col[20];		/* indicator_cols or fund_cols order */
	int page;
};

struct band {
	char *grade, *min, *max;
};

struct report {
	const char *template;	/* name, owned by the template */
	int kind;		/* REPORT_PROJECT ..., -1 for an unknown form */
	gboolean prose;		/* a written report, read by prose rules */
	char *title;
	char *year;		/* the year as the title states it, or NULL */
	int page_first, page_last;
	char *money_unit;
	char *field[32];	/* report_fields order */
	char *unit[32];		/* money unit stated in a field's label */
	GPtrArray *indicators;	/* struct row * */
	GPtrArray *funds;	/* struct row * */
	GPtrArray *tasks;	/* struct row *, task_cols order */
	GPtrArray *subprojects;	/* struct subproject * */
	GPtrArray *loose;	/* struct finding * outside any sub-project */
	GPtrArray *bands;	/* struct band *, stated or template default */
	gboolean bands_stated;
	char *text;		/* the form's text, for unknown templates */
	GPtrArray *notes;	/* char *: what parse saw and could not read */
};

struct report *report_new(void);
void report_free(struct report *r);

struct finding *finding_new(int kind, char *label, char *text);
struct subproject *subproject_new(void);
struct row *row_new(int page);

#endif
