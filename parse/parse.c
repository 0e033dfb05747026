#include <stdbool.h>
#include <string.h>

#include "internal.h"
#include "parse.h"
#include "provenance.h"
#include "status.h"
#include "text.h"

/* Generated at build time from parse/units.txt (see Makefile). */
extern const char units_txt[];

/* The quantity rule: a number, then 多/余, then a unit of units.txt. */
static pcre2_code *
quantity_rx(void)
{
	GString *pat = g_string_new(
	    "((?:[0-9\\x{FF10}-\\x{FF19}]+(?:,[0-9]{3})*"
	    "(?:[.\\x{FF0E}][0-9\\x{FF10}-\\x{FF19}]+)?)"
	    "|[一二两三四五六七八九十百千万亿零〇]+)"
	    "[ \\t]?([多余]?)((?:[万亿千])?(?:");
	char **lines = text_data_lines(units_txt);
	GPtrArray *units = g_ptr_array_new();
	pcre2_code *re;

	for (char **l = lines; *l; l++)
		g_ptr_array_add(units, *l);
	/* Longest first: 家次 before 家, 分钟 before 分. */
	for (guint i = 0; i < units->len; i++)
		for (guint j = i + 1; j < units->len; j++)
			if (strlen(units->pdata[j]) > strlen(units->pdata[i])) {
				gpointer t = units->pdata[i];
				units->pdata[i] = units->pdata[j];
				units->pdata[j] = t;
			}
	for (guint i = 0; i < units->len; i++) {
		if (i)
			g_string_append_c(pat, '|');
		rx_label(pat, units->pdata[i]);
	}
	g_string_append(pat, "))");
	re = rx_must(pat->str);
	g_ptr_array_free(units, TRUE);
	g_strfreev(lines);
	g_string_free(pat, TRUE);
	return re;
}

struct parser *
parser_new(const char *template_dir, GError **error)
{
	struct parser *P = g_new0(struct parser, 1);

	if (template_dir == NULL)
		template_dir = g_getenv("SELFEVAL_TEMPLATES");
	P->tpl = templates_load(template_dir, error);
	if (P->tpl == NULL) {
		g_free(P);
		return NULL;
	}
	rx_env_init(&P->rx);
	/*
	 * An area's numeral may follow a word directly ("无二、…" where a line
	 * break ate the space): only its place in the sequence and the 1、
	 * after its name make it an area.
	 */
	P->area = rx_must(
	    "(?<![\\d一二三四五六七八九十])"
	    "([一二三四五六七八九十]{1,3})[ \\t]*[、.．][ \\t]*"
	    "([^\\s\\d、，,。；;：:（(]{1,24}?)[ \\t]*(?=\\d{1,2}[ \\t]*[、.．])");
	P->sub = rx_must(
	    "(?<![\\d.．])(\\d{1,2})[ \\t]*[、.．](?!\\d)[ \\t]*"
	    "([^：:。；;！!？?\\t]{1,40}?)[ \\t]*[：:]");
	P->item = rx_must("[（(][ \\t]*(\\d{1,2})[ \\t]*[）)]");
	P->quantity = quantity_rx();
	P->numline = rx_must(
	    "^(.*?)(?:^|[ \\t\\x{3000}])([0-9\\x{FF10}-\\x{FF19}]+(?:\\.[0-9]+)?)"
	    "(?:[ \\t\\x{3000}]+([0-9\\x{FF10}-\\x{FF19}]+(?:\\.[0-9]+)?))?"
	    "[ \\t\\x{3000}]*$");
	P->level1_weight = rx_must(
	    "[(（][ \\t]*\\d+(?:\\.\\d+)?[ \\t]*分[ \\t]*[)）][ \\t]*$");
	P->band = rx_must(
	    "(\\d+(?:\\.\\d+)?)[ \\t]*(?:[（(]含[）)])?[ \\t]*[-－—–~～至到][ \\t]*"
	    "(\\d+(?:\\.\\d+)?)[ \\t]*(?:[（(]含[）)])?[ \\t]*分?[ \\t]*"
	    "(?:[（(]含[）)])?(?:为|的为|评为|：|:)?[ \\t]*[“\"]?"
	    "(\\p{Lo}{1,3}?)[”\"]?(?=[，,。；;、\\s）)]|$)");
	P->band_below = rx_must(
	    "(\\d+(?:\\.\\d+)?)[ \\t]*分?(?:[（(]不含[）)])?以下(?:为|的为|评为)?"
	    "[ \\t]*[“\"]?(\\p{Lo}{1,3}?)[”\"]?(?=[，,。；;、\\s）)]|$)");
	/*
	 * Full-width digits too: a typist's （２０２３年度）, which OCR reads
	 * with a space between each two (（2 0 2 3年度）).
	 */
	P->year = rx_must("((?:[1１] ?[9９]|[2２] ?[0０])(?: ?\\d){2})[ \\t]*年度?");
	P->money_unit = rx_must("[（(][ \\t]*(万元|亿元|千元|元)[ \\t]*[)）]");
	P->money_word = rx_must("(万元|亿元|千元|元)");
	P->comparison = rx_must(
	    "^[ \\t]*(?:[≥≤≧≦=＝﹦<>＜＞﹤﹥]=?|不低于|不少于|不高于|不超过|"
	    "不多于|大于等于|小于等于|大于|小于|等于|达到)[ \\t]*$");
	P->bare_number = rx_must(
	    "^[ \\t]*[0-9\\x{FF10}-\\x{FF19}]+(?:[.．][0-9\\x{FF10}-\\x{FF19}]+)?"
	    "[ \\t]*$");
	P->filler = rx_must(
	    "^[ \\t\\x{3000}]*(?:[.…。·．\\-—－/／、]+|无|略|空)?[ \\t\\x{3000}]*$");
	/* "（100字以内）", "(限200字)": the form's instruction, not an answer. */
	P->prompt = rx_must(
	    "[（(][ \\t]*限?[ \\t]*\\d+[ \\t]*字(?:以内|以下|左右)?[ \\t]*[）)]"
	    "[ \\t。.]*$");
	P->phone = rx_must(
	    "[ \\t,，、/：:]*((?:\\(?0\\d{2,3}\\)?[ \\-－—]?)?\\d{7,8}"
	    "|1[3-9]\\d{9})[ \\t]*$");
	/*
	 * A footer line names people the record has no field for ("联系电话：
	 * 0734-6821357　填表人：周敏"): a short label and its colon after a
	 * space end the value before it, known label or not.
	 */
	P->other_label = rx_must("[ \\t\\x{3000}]+\\p{Han}{2,8}[ \\t]*[：:]");
	/* A workbook's title row: the money unit in a cell at its right. */
	P->unit_cell = rx_must("[ \\t\\x{3000}]+(?:金额|货币)?单位[ \\t]*[：:][ \\t]*"
	    "(?:万元|元|千元|亿元)[ \\t\\x{3000}]*$");
	return P;
}

void
parser_free(struct parser *P)
{
	if (P == NULL)
		return;
	pcre2_code *all[] = { P->area, P->sub, P->item, P->quantity,
	    P->numline, P->level1_weight, P->band, P->band_below, P->year,
	    P->money_unit, P->money_word, P->comparison, P->bare_number,
	    P->filler, P->prompt, P->phone, P->other_label, P->unit_cell };
	for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
		pcre2_code_free(all[i]);
	rx_env_free(&P->rx);
	templates_free(P->tpl);
	g_free(P);
}

void
parser_list_templates(struct parser *P, GString *out)
{
	for (guint i = 0; i < P->tpl->list->len; i++) {
		struct template *t = g_ptr_array_index(P->tpl->list, i);
		g_string_append_printf(out, "%s\t%s\n", t->name,
		    t->description ? t->description : "");
	}
}

/* Lines of the text, form feeds counted as page breaks. */
static GArray *
split_lines(const char *s, size_t len)
{
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(struct line));
	const char *p = s, *end = s + len;
	int page = 1;

	while (p < end) {
		const char *q = p;
		while (q < end && *q != '\n' && *q != '\f')
			q++;
		struct line l = { p, (size_t)(q - p), page };
		if (l.len > 0 || q == end || *q == '\n')
			g_array_append_val(lines, l);
		if (q < end && *q == '\f')
			page++;
		p = q + 1;
	}
	return lines;
}

/*
 * A line without the unit cell that may close it: a workbook's title row
 * ("项目支出绩效自评表 | 单位：万元") is the title.
 */
static struct line
without_unit(struct parser *P, const struct line *l)
{
	struct rx_match m;
	struct line cut = *l;

	if (rx_find(&P->rx, P->unit_cell, l->s, l->len, 0, &m))
		cut.len = m.start[0];
	return cut;
}

/* A title stands alone: short, and not part of a sentence. */
static gboolean
title_like(const struct line *l)
{
	static const char *const sentence[] = { "，", "。", "；", "：" };
	char *t = text_strip(l->s, l->len);
	gboolean ok = t[0] != '\0' && strlen(t) <= 120;

	for (size_t i = 0; ok && i < G_N_ELEMENTS(sentence); i++)
		if (strstr(t, sentence[i]) != NULL)
			ok = FALSE;
	g_free(t);
	return ok;
}

/*
 * A written report's title ends its line: prose that names the report
 * ("按照2022年度部门整体支出绩效自评报告编报要求") starts no report.
 */
static gboolean
ends_line(const struct line *l, size_t end)
{
	while (end < l->len && (l->s[end] == ' ' || l->s[end] == '\t'))
		end++;
	return end == l->len;
}

/* The family whose title the line carries (the longest title wins). */
static const struct template *
title_template(struct parser *P, const struct line *l)
{
	const struct template *best = NULL;
	size_t best_len = 0;
	struct rx_match m;
	struct line cut = without_unit(P, l);

	l = &cut;
	if (!title_like(l))
		return NULL;
	for (guint i = 0; i < P->tpl->list->len; i++) {
		const struct template *t = g_ptr_array_index(P->tpl->list, i);
		if (t->title && rx_find(&P->rx, t->title, l->s, l->len, 0, &m) &&
		    m.end[0] - m.start[0] > best_len &&
		    (t->prose_rules == NULL || ends_line(l, m.end[0]))) {
			best = t;
			best_len = m.end[0] - m.start[0];
		}
	}
	return best;
}

/*
 * The family whose title each line carries (title_template), NULL where
 * none. A title too long for its line wraps ("…农村饮水安全巩固提升项目支
 * 出绩" / "效自评报告"): where two short lines, neither a title alone, make
 * one joined, the first becomes the whole title (its text owned by
 * joined) and the second is emptied.
 */
#define WRAP_MAX_CHARS 20

static const struct template **
line_titles(struct parser *P, GArray *lines, GPtrArray *joined)
{
	const struct template **fam = g_new0(const struct template *,
	    lines->len + 1);

	for (guint i = 0; i < lines->len; i++)
		fam[i] = title_template(P, &g_array_index(lines, struct line,
		    i));
	for (guint i = 0; i + 1 < lines->len; i++) {
		struct line *a = &g_array_index(lines, struct line, i);
		struct line *b = &g_array_index(lines, struct line, i + 1);
		if (fam[i] != NULL || fam[i + 1] != NULL ||
		    a->page != b->page || b->len == 0)
			continue;
		char *x = text_strip(a->s, a->len), *y = text_strip(b->s,
		    b->len);
		if (x[0] != '\0' && y[0] != '\0' &&
		    g_utf8_strlen(y, -1) <= WRAP_MAX_CHARS) {
			char *both = g_strconcat(x, y, NULL);
			struct line l = { both, strlen(both), a->page };
			if ((fam[i] = title_template(P, &l)) != NULL) {
				g_ptr_array_add(joined, both);
				*a = l;
				b->len = 0;
				both = NULL;
			}
			g_free(both);
		}
		g_free(x);
		g_free(y);
	}
	return fam;
}

/* How many of a family's detect labels the lines hold. */
static int
detect_score(struct parser *P, const struct template *t,
    const struct line *lines, int n)
{
	int score = 0;
	struct rx_match m;

	for (int d = 0; d < t->n_detect; d++)
		for (int i = 0; i < n; i++)
			if (rx_find(&P->rx, t->detect[d], lines[i].s,
			    lines[i].len, 0, &m)) {
				score++;
				break;
			}
	return score;
}

/* Without a title: the family whose detect labels are all there. */
static const struct template *
detect_template(struct parser *P, const struct line *lines, int n)
{
	for (guint i = 0; i < P->tpl->list->len; i++) {
		const struct template *t = g_ptr_array_index(P->tpl->list, i);
		if (t->n_detect > 0 && detect_score(P, t, lines, n) == t->n_detect)
			return t;
	}
	return NULL;
}

/* Find where the parts of the form start; the rules read between them. */
static void
locate(struct form *f)
{
	const struct template *t = f->t;
	struct rx_match m;

	for (int k = 0; k < N_KINDS; k++)
		f->section[k] = -1;
	f->indicators = f->funds = f->tasks = -1;
	for (int i = 0; i < f->n; i++) {
		const struct line *l = &f->lines[i];
		size_t after;

		for (int k = 0; k < N_KINDS; k++)
			if (f->section[k] < 0 && t->section[k] &&
			    line_heads(f->P, t->section[k], l, &after))
				f->section[k] = i;
		const struct table_rule *tabs[] = { &t->indicators, &t->funds,
		    &t->tasks };
		int *where[] = { &f->indicators, &f->funds, &f->tasks };
		for (int k = 0; k < 3; k++) {
			int h;
			if (*where[k] >= 0 || tabs[k]->n_header == 0)
				continue;
			for (h = 0; h < tabs[k]->n_header; h++)
				if (!rx_find(&f->P->rx, tabs[k]->header[h], l->s,
				    l->len, 0, &m))
					break;
			if (h == tabs[k]->n_header)
				*where[k] = i;
		}
	}
	f->body = f->n;
	for (int k = 0; k < N_KINDS; k++)
		if (f->section[k] >= 0 && f->section[k] < f->body)
			f->body = f->section[k];
	if (f->indicators >= 0 && f->indicators < f->body)
		f->body = f->indicators;
}

/* Mark the lines the tables and the narrative own; fields read the rest. */
static void
mark_taken(struct form *f)
{
	f->taken = g_new0(bool, f->n + 1);
	for (int i = f->indicators; i >= 0 && i < f->indicators_end; i++)
		f->taken[i] = true;
	for (int i = f->funds + 1; f->funds >= 0 && i < f->funds_end; i++)
		f->taken[i] = true;
	for (int i = f->tasks; f->tasks >= 0 && i < f->tasks_end; i++)
		f->taken[i] = true;
	for (int k = 0; k < N_KINDS; k++) {
		int end = f->section[k] >= 0 ? section_end(f, f->section[k]) : -1;
		for (int i = f->section[k]; i >= 0 && i < end; i++)
			f->taken[i] = true;
	}
}

/* "（2022年度）" on the title line, or alone on the line under it. */
static char *
title_year(struct parser *P, const struct line *lines, int n)
{
	struct rx_match m;

	if (rx_find(&P->rx, P->year, lines[0].s, lines[0].len, 0, &m))
		return rx_group(&m, lines[0].s, 0);
	for (int i = 1; i < n && i < 3; i++) {
		struct line cut = without_unit(P, &lines[i]);
		char *t = text_strip(cut.s, cut.len);
		gboolean alone = t[0] != '\0' && strlen(t) <= 24 &&
		    rx_find(&P->rx, P->year, t, strlen(t), 0, &m);
		char *y = alone ? rx_group(&m, t, 0) : NULL;
		gboolean blank = t[0] == '\0';
		g_free(t);
		if (y || !blank)
			return y;
	}
	return NULL;
}

static struct report *
read_form(struct parser *P, const struct template *t, const struct line *lines,
    int n, int has_title)
{
	struct report *r = report_new();
	struct form f = { .P = P, .t = t, .lines = lines, .n = n };

	r->template = t->name;
	r->kind = t->kind;
	r->money_unit = g_strdup(t->money_unit);
	for (int i = 0; i < n; i++) {
		char *s = text_strip(lines[i].s, lines[i].len);
		gboolean blank = s[0] == '\0';
		g_free(s);
		if (blank)
			continue;
		if (r->page_first == 0)
			r->page_first = lines[i].page;
		r->page_last = lines[i].page;
	}
	if (has_title) {
		struct line cut = without_unit(P, &lines[0]);
		r->title = text_strip(cut.s, cut.len);
		/* Cells of a title row read as one title. */
		for (char *p = r->title; *p; p++)
			if (*p == '\t')
				*p = ' ';
		r->year = title_year(P, lines, n);
	}
	if (t->prose_rules != NULL) {
		/* A written report: prose, no tables. */
		prose_parse(&f, r);
		grading_parse(&f, r);
		return r;
	}
	locate(&f);
	f.tasks_end = table_end(&f, &t->tasks, f.tasks, false);
	f.indicators_end = table_end(&f, &t->indicators, f.indicators, true);
	f.funds_end = table_end(&f, &t->funds, f.funds, false);
	funds_parse(&f, r);	/* also finds where the block really ends */
	tasks_parse(&f, r);
	mark_taken(&f);
	fields_parse(&f, r);
	narrative_parse(&f, r);
	indicators_parse(&f, r);
	grading_parse(&f, r);
	g_free(f.taken);
	return r;
}

/*
 * A form no family knows: it still says 绩效 and 自评 (or 评价). It is
 * kept as text, so that a reader can see it and a template can be written.
 */
static bool
looks_like_form(const char *text, size_t len)
{
	return g_strstr_len(text, len, "绩效") &&
	    (g_strstr_len(text, len, "自评") || g_strstr_len(text, len, "评价"));
}

static struct report *
unknown_form(const struct line *lines, int n, const char *text, size_t len)
{
	struct report *r = report_new();

	r->template = "unknown";
	r->kind = -1;
	r->text = g_strndup(text, len);
	for (int i = 0; i < n && r->title == NULL; i++) {
		char *s = text_strip(lines[i].s, lines[i].len);
		if (s[0] != '\0') {
			r->title = s;
			r->page_first = lines[i].page;
		} else
			g_free(s);
	}
	r->page_last = n > 0 ? lines[n - 1].page : 1;
	return r;
}

/*
 * A second form without a title of its own: after the indicator table's
 * totals row (合计 / 总分), a new header block (项目名称 …, 预算单位 …)
 * starts the next report. The block starts at the first of the lines above its
 * 项目名称 that hold only labels the first form's header block held
 * (报表编号 before 项目名称), so a 填报日期 closing the first form stays
 * with it. Returns the line index in lines, or -1.
 */
static int
next_header_block(struct parser *P, const struct template *t,
    const struct line *lines, int n)
{
	struct form f = { .P = P, .t = t, .lines = lines, .n = n };
	int project = value_index(report_fields, n_report_fields, "project");
	int unit = value_index(report_fields, n_report_fields, "unit");
	int fields[32], nf, head = -1, total = -1, at = -1;
	bool header_field[32] = { false };

	for (int i = 0; i < n && head < 0; i++) {
		if (line_is_header(&f, &t->indicators, &lines[i]))
			head = i;
		else
			for (int k = line_fields(&f, &lines[i], fields, 32); k > 0; k--)
				header_field[fields[k - 1]] = true;
	}
	for (int i = head + 1; head >= 0 && i < n && total < 0; i++)
		if (line_is_total(&f, &t->indicators, &lines[i]))
			total = i;
	for (int i = total + 1; total >= 0 && i < n && at < 0; i++) {
		nf = line_fields(&f, &lines[i], fields, 32);
		for (int k = 0; k < nf; k++)
			if (fields[k] == project || fields[k] == unit)
				at = i;
	}
	while (at > total + 1) {
		int q = at - 1;
		bool ours;
		while (q > total && lines[q].len == 0)
			q--;
		nf = q > total ? line_fields(&f, &lines[q], fields, 32) : 0;
		ours = nf > 0;
		for (int k = 0; k < nf; k++)
			ours = ours && header_field[fields[k]];
		if (!ours)
			break;
		at = q;
	}
	return at;
}

/*
 * A report a family's template matched that yields no project, no unit,
 * no funds, no tasks, no indicators and no findings is a misread (a web
 * page's <title>, a notice that names the form), not a report.
 */
static bool
misread(const struct report *r)
{
	int project = value_index(report_fields, n_report_fields, "project");
	int unit = value_index(report_fields, n_report_fields, "unit");

	return r->field[project] == NULL && r->field[unit] == NULL &&
	    r->funds->len == 0 && r->indicators->len == 0 &&
	    r->tasks->len == 0 && r->subprojects->len == 0 &&
	    r->loose->len == 0;
}

/* The forms of lines [from, to) of one family, each split off in turn. */
static void
read_forms(struct parser *P, const struct template *t,
    const struct line *lines, int n, bool has_title, GPtrArray *reports,
    GString *missing)
{
	const struct report *first = NULL;

	while (n > 0) {
		int split = next_header_block(P, t, lines, n);
		int len = split > 0 ? split : n;
		struct report *r = read_form(P, t, lines, len, has_title);

		/* An untitled form goes on under the title of the one before. */
		if (!has_title && first != NULL && first->title != NULL) {
			r->title = g_strdup(first->title);
			r->year = g_strdup(first->year);
		}
		if (misread(r)) {
			if (missing->len == 0)
				g_string_printf(missing, "%s matched the %s "
				    "template, but none of %s is there",
				    r->title ? r->title : "the text", t->name,
				    t->essentials[0] ? t->essentials :
				    "its labels or statements");
			report_free(r);
		} else {
			g_ptr_array_add(reports, r);
			if (first == NULL)
				first = r;
		}
		if (split <= 0)
			break;
		lines += split;
		n -= split;
		has_title = false;
	}
}

/*
 * The text every rule may assume: UTF-8 (PCRE2 matches without checking
 * it again) and within parse's limits. Lines count from 1, header included.
 */
static int
check_text(const char *text, size_t len, int first_line, GError **error)
{
	const char *p = text, *end = text + len, *bad;
	int line = first_line;

	if (!g_utf8_validate(text, (gssize)len, &bad)) {
		for (const char *q = text; q < bad; q++)
			line += *q == '\n';
		g_set_error(error, SE_ERROR, SE_ENCODING,
		    "invalid UTF-8 on line %d", line);
		return SE_ENCODING;
	}
	for (; p < end; line++) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t cells = 1;

		if (n > PARSE_MAX_LINE) {
			g_set_error(error, SE_ERROR, SE_LIMIT,
			    "line %d: %zu bytes, more than the limit of %d",
			    line, n, PARSE_MAX_LINE);
			return SE_LIMIT;
		}
		for (const char *q = p; (q = memchr(q, '\t', p + n - q)); q++)
			cells++;
		if (cells > PARSE_MAX_CELLS) {
			g_set_error(error, SE_ERROR, SE_LIMIT,
			    "line %d: %zu cells, more than the limit of %d",
			    line, cells, PARSE_MAX_CELLS);
			return SE_LIMIT;
		}
		if (line - first_line >= PARSE_MAX_LINES) {
			g_set_error(error, SE_ERROR, SE_LIMIT,
			    "more than the limit of %d lines", PARSE_MAX_LINES);
			return SE_LIMIT;
		}
		p += n + 1;
	}
	return SE_OK;
}

/*
 * A rule that gave up at PCRE2's match or depth limit read nothing where
 * it ran: the record says so, as extract's warnings do.
 */
/* A warning of parse's in the record (msg owned by it from here). */
static void
add_warning(struct provenance *prov, char *msg)
{
	if (prov->warnings == NULL)
		prov->warnings = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(prov->warnings, msg);
}

static void
note_limits(struct parser *P, struct provenance *prov, unsigned long before)
{
	unsigned long n = P->rx.limit_hits - before;

	if (n == 0)
		return;
	add_warning(prov, g_strdup_printf("parse: %lu pattern "
	    "match%s stopped at PCRE2's match limit; values may be missing",
	    n, n > 1 ? "es" : ""));
}

/*
 * What parse saw in a form and could not read (a column under a label no
 * template knows) goes into the record's warnings, as extract's do, and
 * from there into the archive's audit rows.
 */
static void
warn_reports_notes(struct provenance *prov, GPtrArray *reports)
{
	for (guint i = 0; i < reports->len; i++) {
		const struct report *r = reports->pdata[i];
		for (guint k = 0; k < r->notes->len; k++)
			add_warning(prov, g_strdup_printf("parse: form %u: %s",
			    i + 1, (char *)r->notes->pdata[k]));
	}
}

int
parser_run(struct parser *P, const char *name, const char *text, size_t len,
    GString *out, int *nreports, GError **error)
{
	struct provenance prov = { 0 };
	GArray *lines;
	GArray *starts;		/* line index of each form's title */
	GPtrArray *fams;	/* its template */
	GPtrArray *reports = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)report_free);
	GString *missing = g_string_new(NULL);
	GPtrArray *joined;	/* char *: wrapped titles joined */
	const struct template **titles;	/* each line's, or NULL */
	int status = SE_OK, first_line = 1;
	unsigned long hits = P->rx.limit_hits;

	*nreports = 0;
	if (prov_is_header(text, len)) {
		const char *nl = memchr(text, '\n', len);
		size_t hl = nl ? (size_t)(nl - text) : len;
		if (!prov_read(text, hl, &prov, error)) {
			g_ptr_array_free(reports, TRUE);
			g_string_free(missing, TRUE);
			return SE_RECORD;
		}
		text += nl ? hl + 1 : hl;
		len -= nl ? hl + 1 : hl;
		first_line = 2;
	} else {
		/* A bare text: it is its own source. */
		prov_from_data(&prov, name, NULL, text, len);
		prov.pages = 1;
		for (size_t i = 0; i < len; i++)
			prov.pages += text[i] == '\f';
	}
	if ((status = check_text(text, len, first_line, error)) != SE_OK) {
		g_ptr_array_free(reports, TRUE);
		g_string_free(missing, TRUE);
		prov_clear(&prov);
		return status;
	}
	lines = split_lines(text, len);
	joined = g_ptr_array_new_with_free_func(g_free);
	titles = line_titles(P, lines, joined);
	starts = g_array_new(FALSE, FALSE, sizeof(int));
	fams = g_ptr_array_new();
	for (guint i = 0; i < lines->len; i++)
		if (titles[i] != NULL) {
			int ii = (int)i;
			g_array_append_val(starts, ii);
			g_ptr_array_add(fams, (gpointer)titles[i]);
		}
	g_free(titles);
	if (starts->len == 0) {
		const struct template *t = detect_template(P,
		    (struct line *)lines->data, (int)lines->len);
		if (t != NULL)
			read_forms(P, t, (struct line *)lines->data,
			    (int)lines->len, false, reports, missing);
		else if (looks_like_form(text, len))
			g_ptr_array_add(reports, unknown_form(
			    (struct line *)lines->data, (int)lines->len, text,
			    len));
	}
	for (guint i = 0; i < starts->len; i++) {
		int from = g_array_index(starts, int, i);
		int to = i + 1 < starts->len ? g_array_index(starts, int, i + 1) :
		    (int)lines->len;
		read_forms(P, fams->pdata[i], &g_array_index(lines, struct line,
		    from), to - from, true, reports, missing);
	}
	note_limits(P, &prov, hits);
	warn_reports_notes(&prov, reports);
	for (guint i = 0; i < reports->len; i++)
		report_emit(out, &prov, (int)i + 1, reports->pdata[i]);
	*nreports = (int)reports->len;
	if (reports->len == 0) {
		if (missing->len > 0)
			g_set_error(error, SE_ERROR, SE_NOFORM,
			    "no recognisable form: %s", missing->str);
		else
			g_set_error(error, SE_ERROR, SE_NOFORM,
			    "no recognisable form (no known title or labels)");
		status = SE_NOFORM;
	}
	g_ptr_array_free(reports, TRUE);
	g_string_free(missing, TRUE);
	g_ptr_array_free(fams, TRUE);
	g_array_free(starts, TRUE);
	g_array_free(lines, TRUE);
	g_ptr_array_free(joined, TRUE);
	prov_clear(&prov);
	return status;
}
