/* What the parse rules share; not part of the parse interface. */
#ifndef SE_PARSE_INTERNAL_H
#define SE_PARSE_INTERNAL_H

#include <glib.h>
#include <stdbool.h>

#include "numeral.h"
#include "report.h"
#include "rx.h"
#include "template.h"

struct parser {
	struct templates *tpl;
	struct rx_env rx;
	pcre2_code *area;	/* 一.企业培育 before a 1、 */
	pcre2_code *sub;	/* 1、name： */
	pcre2_code *item;	/* （1） */
	pcre2_code *quantity;	/* a number and a unit */
	pcre2_code *numline;	/* a table row ending in its numbers */
	pcre2_code *level1_weight;	/* "(36分)" closing a 一级指标 label */
	pcre2_code *band;	/* 90（含）-100分为优秀 */
	pcre2_code *band_below;	/* 60分以下为差 */
	pcre2_code *year;	/* （2022年度） */
	pcre2_code *money_unit;	/* （万元） in a label */
	pcre2_code *money_word;	/* 万元 after a block's label */
	pcre2_code *comparison;	/* a 指标性质 that is an operator: ≥, 不低于 */
	pcre2_code *bare_number;	/* a 指标值 without its unit: "100" */
	pcre2_code *filler;	/* a cell that holds nothing: ……, /, 无, 略 */
	pcre2_code *prompt;	/* a form's printed instruction left unfilled */
	pcre2_code *phone;	/* a telephone number closing a contact */
	pcre2_code *other_label;	/* " 填表人：" after a value, on its line */
	pcre2_code *unit_cell;	/* "	单位：万元" closing a title row */
};

/* A line of the text and the page it is on. */
struct line {
	const char *s;
	size_t len;
	int page;
};

/* One form: a run of lines and the family it belongs to. */
struct form {
	struct parser *P;
	const struct template *t;
	const struct line *lines;
	int n;
	/* Where the parts were found, as line indexes; -1 when absent. */
	int section[N_KINDS];
	int indicators;		/* the indicator header line */
	int indicators_end;	/* the line after the indicator table */
	int funds;		/* the funds header line */
	int funds_end;		/* the line after the funds block */
	int tasks;		/* the tasks header line (年度主要任务) */
	int tasks_end;
	int body;		/* where the header fields end */
	bool *taken;		/* per line: part of a table or narrative */
	char *year;		/* （2022年度） on the title line or under it */
};

/* A table row split into cells (TAB-separated) into an array of strings. */
GPtrArray *cells_split(const char *s, size_t len);
gboolean line_has_tab(const struct line *l);

/*
 * Past an annotation printed in a label's brackets at s[i], which is part
 * of the label: 实施单位（盖章）, 金额（万元）, 执行率（%）, and a header's
 * 得分系数（500） where OCR misread the "%". At most a few characters, so
 * that a bracketed value is not taken for one. Its opening bracket may
 * be doubled, as OCR reads one now and then (执行率（（9%6）). i if none.
 */
size_t label_annotation(const char *s, size_t len, size_t i);

/*
 * The length of the colon closing a label at s[i]: "：" or ":", a
 * semicolon with nothing after it in its cell ("是否为经常性项目；",
 * typed or read so), or a semicolon and a colon (one colon read twice,
 * "填报日期；:"); 0 if none.
 */
size_t label_colon(const char *s, size_t len, size_t i);

/*
 * Does re match a whole cell (nothing but white space around it, and a
 * label's annotation and colon after it)?
 */
gboolean cell_is(struct parser *P, const pcre2_code *re, const char *cell);

/* Does re match at the start of the line, followed by label_colon/TAB/end? */
gboolean line_heads(struct parser *P, const pcre2_code *re,
    const struct line *l, size_t *after);

/* Join lines [from, to) as wrapped text of one cell or paragraph. */
char *lines_join(const struct line *lines, int from, int to);


/*
 * The line after the table whose header is at line head (-1: none);
 * total_last: the totals row closes it (the indicator table's 合计).
 */
int table_end(struct form *f, const struct table_rule *rule, int head,
    bool total_last);
/* The line where the narrative section opened at line `at` ends. */
int section_end(struct form *f, int at);

/* The report fields labelled on a line, into fields[max]; their count. */
int line_fields(struct form *f, const struct line *l, int *fields, int max);
/* Is the line the table's totals row (合计, 总分)? */
gboolean line_is_total(struct form *f, const struct table_rule *rule,
    const struct line *l);
/* Is the line the table's header row? */
gboolean line_is_header(struct form *f, const struct table_rule *rule,
    const struct line *l);

void fields_parse(struct form *f, struct report *r);
void funds_parse(struct form *f, struct report *r);
void tasks_parse(struct form *f, struct report *r);
/* A written report (template with [prose]): the whole of it. */
void prose_parse(struct form *f, struct report *r);
void narrative_parse(struct form *f, struct report *r);
void indicators_parse(struct form *f, struct report *r);
void quantities_find(struct parser *P, struct finding *fd);
/* A finding item's text, trimmed as forms and reports write items. */
char *item_clean(const char *s, size_t len);
void grading_parse(struct form *f, struct report *r);

/* Append the report as one JSON line. */
struct provenance;
void report_emit(GString *out, const struct provenance *prov, int seq,
    const struct report *r);

#endif
