/*
 * Audit checks load runs on every report: do the form's numbers agree
 * with themselves? Each check reads the normalized report below; none
 * knows a form's labels.
 */
#ifndef SE_AUDIT_H
#define SE_AUDIT_H

#include <glib.h>
#include <stdbool.h>

struct opt {
	bool set;
	double v;
};

struct money {
	bool set;
	gint64 fen;
};

struct a_indicator {
	const char *level1, *name;
	struct opt level1_weight, weight, score;
};

struct a_fund {
	const char *label;
	struct money initial, budget, executed;
	const char *group;	/* 收入性质 / 支出性质, or NULL */
};

struct a_band {
	const char *grade;
	double min, max;
};

struct a_report {
	const char *template, *grade, *exec_rate_text, *project;
	struct money budget, executed;
	struct opt exec_rate, exec_weight, exec_score, total_weight,
	    total_score;
	GArray *indicators;	/* struct a_indicator */
	GArray *funds;		/* struct a_fund */
	GArray *bands;		/* struct a_band */
	GPtrArray *warnings;	/* const char *: what extract could not read */
	GPtrArray *too_large;	/* char *: numbers refused as too large */
	GPtrArray *regrouped;	/* char *: commas not grouping by threes */
	const char *kind, *unit;	/* project / department; the unit */
	const char *phone;		/* 联系电话, as written */
	bool prose;		/* a written report: no tables to miss */
	GPtrArray *ocr_notes;	/* char *: OCR's doubtful or changed cells */
	GHashTable *ocr_doubted;	/* record members those cells fill */
};

struct audit_row {
	const char *rule;
	const char *severity;
	char *message;
};

/*
 * A funds total row of zeros or blanks over filled 其中 rows: the form was
 * filled in wrong, and the total's figures are not the report's budget.
 */
bool audit_void_total(const GArray *funds);

/*
 * The record members a check's rule reads (NULL-terminated), or NULL for
 * a rule that reads no figure of the form.
 */
const char *const *audit_rule_reads(const char *rule);

/*
 * Run every check; append struct audit_row * to rows (caller frees). A
 * failing check that reads a member in r->ocr_doubted says so: on a scan
 * it may be OCR's misreading, not the form's.
 */
void audit_run(const struct a_report *r, GPtrArray *rows);
void audit_row_free(gpointer p);

#endif
