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
	pcre2_code *subtotal;	/* a row label that sums rows above (小计) */
	char ***names;		/* per column, its labels as written, or NULL */
};

/* A prose rule: a raw PCRE2 pattern whose named groups are report fields. */
struct prose_rule {
	char *key;		/* its key in the template, for messages */
	pcre2_code *re;
};

struct template {
	char *name;
	int kind;		/* REPORT_PROJECT or REPORT_DEPARTMENT */
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
	struct table_rule tasks;	/* a department's 年度主要任务 */
	pcre2_code *fund_group[N_FUND_GROUPS];	/* 按收入性质分, 按支出性质分 */
	pcre2_code *fund_member[N_FUND_GROUPS];	/* 一般公共预算…, 基本支出… */
	/*
	 * A written report (the template has [prose]): rules on its title,
	 * rules on each sentence, and the item markers (一是, （一）, 1.) that
	 * cut its problem and measure sections.
	 */
	GPtrArray *title_rules;	/* struct prose_rule * */
	GPtrArray *prose_rules;
	GPtrArray *item_rules;	/* group n: the item's number */
	pcre2_code *outline_section;	/* a top-level heading: 四、 */
	pcre2_code *outline_closing;	/* the date line that ends it */
};

struct templates {
	GPtrArray *list;	/* struct template *, in file-name order */
};

/* Load the built-in templates, or every *.tmpl of dir when not NULL. */
struct templates *templates_load(const char *dir, GError **error);
void templates_free(struct templates *t);

#endif
