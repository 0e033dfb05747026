/*
 * Form families as data. Each parse/templates/NAME.tmpl (a GLib key file,
 * described in parse/templates/README.md) says how to recognise a family
 * and how its labels and table columns map onto the record names of
 * common/record.h. The files are compiled into the binary; a directory
 * given with --templates (or SELFEVAL_TEMPLATES) replaces them.
 */
#ifndef SE_TEMPLATE_H
#define SE_TEMPLATE_H

#include <glib.h>

#include "record.h"
#include "rx.h"

/* One table (indicators or funds): columns found by header labels. */
struct table_rule {
	pcre2_code **header;	/* all must be on the header line */
	int n_header;
	pcre2_code **col;	/* per column name (record.h order), or NULL */
	pcre2_code *total;	/* the totals row label, or NULL */
	pcre2_code *stop;	/* a line that ends the table, or NULL */
};

struct template {
	char *name;
	char *description;
	char *file;
	pcre2_code *title;	/* a line that starts a form of this family */
	pcre2_code **detect;	/* labels that identify it without a title */
	int n_detect;
	char *money_unit;
	pcre2_code *money_unit_label;	/* a label whose bracket sets the unit */
	pcre2_code *goal_block;	/* 年度总体目标: the goal and its outcome */
	char *grading;		/* default grade bands, "优秀:90-100;..." */
	pcre2_code **field;	/* per report field (record.h order), or NULL */
	pcre2_code **prefix;	/* per report field: label to drop from value */
	pcre2_code *section[N_KINDS];
	pcre2_code *narrative_end;	/* ends the last narrative section */
	struct table_rule indicators;
	struct table_rule funds;
	/*
	 * What a report of the family cannot lack all of, as the labels say
	 * it (项目名称, 实施单位, the funds and indicator headers), for the
	 * error that names them when a matched form yields none.
	 */
	char *essentials;
};

struct templates {
	GPtrArray *list;	/* struct template *, in file-name order */
};

/* Load the built-in templates, or every *.tmpl of dir when not NULL. */
struct templates *templates_load(const char *dir, GError **error);
void templates_free(struct templates *t);

#endif
