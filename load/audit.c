/*
 * The checks, in the order their rows are written. Sums are compared with
 * a tolerance of half a cent of a point per term, because forms round
 * each score to two decimals before adding them up.
 */
#include <math.h>
#include <string.h>

#include "audit.h"
#include "normalize.h"

#define EPS 1e-9

static void
add(GPtrArray *rows, const char *rule, const char *severity, char *message)
{
	struct audit_row *a = g_new(struct audit_row, 1);

	a->rule = rule;
	a->severity = severity;
	a->message = message;
	g_ptr_array_add(rows, a);
}

void
audit_row_free(gpointer p)
{
	struct audit_row *a = p;

	g_free(a->message);
	g_free(a);
}

/* 8993600.00 as "8,993,600.00". */
static char *
yuan(gint64 fen)
{
	GString *s = g_string_new(NULL);
	char digits[32];
	int n, lead;
	gint64 a = fen < 0 ? -fen : fen;

	n = g_snprintf(digits, sizeof digits, "%" G_GINT64_FORMAT, a / 100);
	lead = n % 3 ? n % 3 : 3;
	if (fen < 0)
		g_string_append_c(s, '-');
	g_string_append_len(s, digits, lead);
	for (int i = lead; i < n; i += 3) {
		g_string_append_c(s, ',');
		g_string_append_len(s, digits + i, 3);
	}
	g_string_append_printf(s, ".%02d", (int)(a % 100));
	return g_string_free(s, FALSE);
}

/* A score as forms write it: 96, 98.62. */
static char *
num(double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.10g",
	    round(v * 1e6) / 1e6));
}

/* What extract could not read is an audit finding of every report. */
static void
check_extract(const struct a_report *r, GPtrArray *rows)
{
	for (guint i = 0; r->warnings && i < r->warnings->len; i++)
		add(rows, "extract", "warning", g_strdup(r->warnings->pdata[i]));
}

/* What OCR doubted, or a check changed: see ocrcheck.h. */
static void
check_ocr(const struct a_report *r, GPtrArray *rows)
{
	for (guint i = 0; r->ocr_notes && i < r->ocr_notes->len; i++)
		add(rows, "ocr", "warning", g_strdup(r->ocr_notes->pdata[i]));
}

static void
check_weights_sum(const struct a_report *r, GPtrArray *rows)
{
	double sum = 0;
	int n = 0;

	if (!r->total_weight.set)
		return;
	for (guint i = 0; i < r->indicators->len; i++) {
		const struct a_indicator *x = &g_array_index(r->indicators,
		    struct a_indicator, i);
		if (x->weight.set) {
			sum += x->weight.v;
			n++;
		}
	}
	if (r->exec_weight.set) {
		sum += r->exec_weight.v;
		n++;
	}
	if (n > 0 && fabs(sum - r->total_weight.v) > 0.005 * n + EPS) {
		char *a = num(sum), *b = num(r->total_weight.v);
		add(rows, "weights_sum", "warning", g_strdup_printf(
		    "weights add up to %s, the form states a total of %s", a, b));
		g_free(a);
		g_free(b);
	}
}

static void
check_level1_weight(const struct a_report *r, GPtrArray *rows)
{
	guint i = 0;

	while (i < r->indicators->len) {
		const struct a_indicator *first = &g_array_index(r->indicators,
		    struct a_indicator, i);
		double sum = 0;
		guint j = i;

		while (j < r->indicators->len) {
			const struct a_indicator *x = &g_array_index(
			    r->indicators, struct a_indicator, j);
			if (g_strcmp0(x->level1, first->level1) != 0)
				break;
			if (x->weight.set)
				sum += x->weight.v;
			j++;
		}
		if (first->level1_weight.set &&
		    fabs(sum - first->level1_weight.v) > 0.005 * (j - i) + EPS) {
			char *a = num(sum), *b = num(first->level1_weight.v);
			add(rows, "level1_weight", "warning", g_strdup_printf(
			    "weights under %s add up to %s, its stated maximum "
			    "is %s", first->level1, a, b));
			g_free(a);
			g_free(b);
		}
		i = j;
	}
}

static void
check_scores_sum(const struct a_report *r, GPtrArray *rows)
{
	double sum = 0;
	int n = 0;

	if (!r->total_score.set)
		return;
	for (guint i = 0; i < r->indicators->len; i++) {
		const struct a_indicator *x = &g_array_index(r->indicators,
		    struct a_indicator, i);
		if (x->score.set) {
			sum += x->score.v;
			n++;
		}
	}
	if (r->exec_score.set) {
		sum += r->exec_score.v;
		n++;
	}
	if (n > 0 && fabs(sum - r->total_score.v) > 0.005 * n + EPS) {
		char *a = num(sum), *b = num(r->total_score.v);
		add(rows, "scores_sum", "warning", g_strdup_printf(
		    "scores add up to %s, the form states a total score of %s",
		    a, b));
		g_free(a);
		g_free(b);
	}
}

static void
check_score_le_weight(const struct a_report *r, GPtrArray *rows)
{
	for (guint i = 0; i < r->indicators->len; i++) {
		const struct a_indicator *x = &g_array_index(r->indicators,
		    struct a_indicator, i);
		if (x->score.set && x->weight.set && x->score.v > x->weight.v + EPS) {
			char *a = num(x->score.v), *b = num(x->weight.v);
			add(rows, "score_le_weight", "warning", g_strdup_printf(
			    "indicator %u (%s) scores %s, above its weight %s",
			    i + 1, x->name ? x->name : "?", a, b));
			g_free(a);
			g_free(b);
		}
	}
}

/* The grade a score earns: the band with the highest minimum it reaches. */
static const char *
implied_grade(const struct a_report *r, double score)
{
	const struct a_band *best = NULL;

	for (guint i = 0; i < r->bands->len; i++) {
		const struct a_band *b = &g_array_index(r->bands, struct a_band, i);
		if (score + EPS >= b->min && (best == NULL || b->min > best->min))
			best = b;
	}
	return best ? best->grade : NULL;
}

/*
 * Is the stated grade the band's? A one-character grade is its two-
 * character word (优 and 优秀, 良 and 良好, 中 and 中等): a form's 说明
 * and its 等级 write them either way.
 */
static bool
same_grade(const char *band, const char *stated)
{
	const char *shorter = strlen(band) < strlen(stated) ? band : stated;
	const char *longer = shorter == band ? stated : band;

	return strcmp(band, stated) == 0 ||
	    (g_utf8_strlen(shorter, -1) == 1 && g_str_has_prefix(longer, shorter));
}

static void
check_grade(const struct a_report *r, GPtrArray *rows)
{
	const char *want;
	char *s;

	if (r->grade == NULL || !r->total_score.set || r->bands->len == 0)
		return;
	want = implied_grade(r, r->total_score.v);
	if (want == NULL || same_grade(want, r->grade))
		return;
	s = num(r->total_score.v);
	add(rows, "grade", "warning", g_strdup_printf(
	    "grade %s stated, but a total score of %s is %s under the "
	    "form's rules", r->grade, s, want));
	g_free(s);
}

/* Decimals the form wrote the rate with ("100.00%" -> 2). */
static int
decimals(const char *text)
{
	const char *dot = text ? strchr(text, '.') : NULL;
	int n = 0;

	if (dot)
		while (g_ascii_isdigit(dot[1 + n]))
			n++;
	return n;
}

static void
check_exec_rate(const struct a_report *r, GPtrArray *rows)
{
	double rate, scale, shown;
	int d;

	if (!r->exec_rate.set || !r->budget.set || !r->executed.set ||
	    r->budget.fen == 0)
		return;
	rate = 100.0 * (double)r->executed.fen / (double)r->budget.fen;
	d = decimals(r->exec_rate_text);
	scale = pow(10, d);
	shown = round(rate * scale) / scale;
	/* Agrees to the precision the form states, or to 0.01 points. */
	if (fabs(shown - r->exec_rate.v) < EPS ||
	    fabs(rate - r->exec_rate.v) <= 0.01 + EPS)
		return;
	char *e = yuan(r->executed.fen), *b = yuan(r->budget.fen);
	add(rows, "exec_rate", "warning", g_strdup_printf(
	    "stated execution rate %s disagrees with executed / budget = "
	    "%s / %s = %.2f%%", r->exec_rate_text, e, b, rate));
	g_free(e);
	g_free(b);
}

static void
check_exec_score(const struct a_report *r, GPtrArray *rows)
{
	double rate, want;

	if (!r->exec_weight.set || !r->exec_score.set || !r->exec_rate.set)
		return;
	rate = MIN(r->exec_rate.v, 100.0);
	want = r->exec_weight.v * rate / 100.0;
	if (fabs(want - r->exec_score.v) <= 0.005 + 0.005 + EPS)
		return;
	char *w = num(r->exec_weight.v), *s = num(r->exec_score.v);
	add(rows, "exec_score", "warning", g_strdup_printf(
	    "execution score %s, but %s x %s%% = %.2f", s, w,
	    r->exec_rate_text ? r->exec_rate_text : "?", want));
	g_free(w);
	g_free(s);
}

/* A total row of zeros over filled 其中 rows was not filled in. */
static bool
filled(const struct a_fund *f)
{
	return (f->budget.set && f->budget.fen != 0) ||
	    (f->executed.set && f->executed.fen != 0) ||
	    (f->initial.set && f->initial.fen != 0);
}

bool
audit_void_total(const GArray *funds)
{
	if (funds->len < 2 || filled(&g_array_index(funds, struct a_fund, 0)))
		return false;
	for (guint i = 1; i < funds->len; i++)
		if (filled(&g_array_index(funds, struct a_fund, i)))
			return true;
	return false;
}

static void
check_fund_total(const struct a_report *r, GPtrArray *rows)
{
	const struct a_fund *total;

	if (!audit_void_total(r->funds))
		return;
	total = &g_array_index(r->funds, struct a_fund, 0);
	add(rows, "fund_total", "warning", g_strdup_printf(
		    "the %s row is zero or blank while the rows below it are "
		    "filled; budget figures were not taken from it",
		    total->label ? total->label : "total"));
}

/*
 * A department's funds by 收入性质 and by 支出性质 each add up to the total
 * row's (the first row outside the groups): compared column by column
 * where the total states the figure and a row of the group does.
 */
static void
check_fund_groups(const struct a_report *r, GPtrArray *rows)
{
	static const char *const groups[] = { "收入性质", "支出性质" };
	static const char *const cols[] = { "年初预算数", "全年预算数",
	    "全年执行数" };
	const struct a_fund *total = NULL;

	for (guint i = 0; i < r->funds->len && total == NULL; i++) {
		const struct a_fund *f = &g_array_index(r->funds, struct a_fund, i);
		if (f->group == NULL)
			total = f;
	}
	if (total == NULL)
		return;
	for (size_t g = 0; g < G_N_ELEMENTS(groups); g++)
		for (size_t c = 0; c < G_N_ELEMENTS(cols); c++) {
			const struct money *want = c == 0 ? &total->initial :
			    c == 1 ? &total->budget : &total->executed;
			gint64 sum = 0;
			int n = 0;
			for (guint i = 0; i < r->funds->len; i++) {
				const struct a_fund *f = &g_array_index(r->funds,
				    struct a_fund, i);
				const struct money *m = c == 0 ? &f->initial :
				    c == 1 ? &f->budget : &f->executed;
				if (g_strcmp0(f->group, groups[g]) == 0 && m->set) {
					sum += m->fen;
					n++;
				}
			}
			if (n == 0 || !want->set || sum == want->fen)
				continue;
			char *a = yuan(sum), *b = yuan(want->fen);
			add(rows, "fund_groups", "warning", g_strdup_printf(
			    "the %s rows' %s add up to %s 元, the %s row states "
			    "%s 元", groups[g], cols[c], a,
			    total->label ? total->label : "total", b));
			g_free(a);
			g_free(b);
		}
}

static void
check_template(const struct a_report *r, GPtrArray *rows)
{
	if (strcmp(r->template, "unknown") == 0)
		add(rows, "template", "warning", g_strdup(
		    "no template recognises this form; its text is kept in "
		    "report.text"));
}

/* Numbers beyond NORM_MAX_DIGITS (or 64-bit fen) were stored as NULL. */
static void
check_too_large(const struct a_report *r, GPtrArray *rows)
{
	for (guint i = 0; r->too_large && i < r->too_large->len; i++)
		add(rows, "too_large", "warning", g_strdup_printf(
		    "%s: too large a number to store (more than %d digits "
		    "or beyond 64-bit fen); stored as NULL",
		    (char *)r->too_large->pdata[i], NORM_MAX_DIGITS));
}

/*
 * Commas that do not group a number's digits by threes: a typist's comma
 * for the point (1,850,000,00, read as 1850000.00) or a slip; either
 * way the figure wants a look at the form.
 */
static void
check_grouping(const struct a_report *r, GPtrArray *rows)
{
	for (guint i = 0; r->regrouped && i < r->regrouped->len; i++)
		add(rows, "grouping", "warning", g_strdup_printf(
		    "%s: its commas do not group the digits by threes",
		    (char *)r->regrouped->pdata[i]));
}

/* A contact number no telephone could ring: a digit lost or added. */
static void
check_phone(const struct a_report *r, GPtrArray *rows)
{
	if (r->phone == NULL || strpbrk(r->phone, "0123456789") == NULL ||
	    norm_phone(r->phone))
		return;
	add(rows, "phone", "warning", g_strdup_printf("phone %s is no "
	    "number China's numbering allows (a mobile has 11 digits, a "
	    "landline 7 or 8 after its area code)", r->phone));
}

/* What a reader would look for first and the form did not give. */
static void
check_missing(const struct a_report *r, GPtrArray *rows)
{
	GString *s = g_string_new(NULL);

	if (strcmp(r->template, "unknown") == 0) {
		g_string_free(s, TRUE);
		return;
	}
	if (g_strcmp0(r->kind, "department") == 0) {
		if (r->unit == NULL)
			g_string_append(s, ", department name");
	} else if (r->project == NULL)
		g_string_append(s, ", project name");
	if (r->indicators->len == 0 && !r->prose)
		g_string_append(s, ", indicator table");
	if (!r->total_score.set)
		g_string_append(s, ", total score");
	if (s->len)
		add(rows, "missing", "warning", g_strdup_printf(
		    "not found in the form: %s", s->str + 2));
	g_string_free(s, TRUE);
}

/* The members of the record each check compares. */
static const struct {
	const char *rule, *reads[4];
} rule_reads[] = {
	{ "weights_sum", { "weight", "total_weight", "exec_weight" } },
	{ "level1_weight", { "weight", "level1" } },
	{ "scores_sum", { "score", "total_score", "exec_score" } },
	{ "score_le_weight", { "score", "weight" } },
	{ "grade", { "grade", "total_score" } },
	{ "exec_rate", { "exec_rate", "budget", "executed" } },
	{ "exec_score", { "exec_score", "exec_weight", "exec_rate" } },
	{ "fund_total", { "initial", "budget", "executed" } },
	{ "fund_groups", { "initial", "budget", "executed" } },
	{ "phone", { "phone" } },
};

const char *const *
audit_rule_reads(const char *rule)
{
	for (size_t i = 0; i < G_N_ELEMENTS(rule_reads); i++)
		if (strcmp(rule, rule_reads[i].rule) == 0)
			return rule_reads[i].reads;
	return NULL;
}

/* The members rule reads that OCR doubted, joined by "/", or NULL. */
static char *
doubted(const struct a_report *r, const char *rule)
{
	const char *const *m = audit_rule_reads(rule);
	GString *s = g_string_new(NULL);

	for (int i = 0; r->ocr_doubted && m && m[i]; i++)
		if (g_hash_table_contains(r->ocr_doubted, m[i]))
			g_string_append_printf(s, "%s%s", s->len ? "/" : "",
			    m[i]);
	return g_string_free(s, s->len == 0);
}

void
audit_run(const struct a_report *r, GPtrArray *rows)
{
	static void (*const checks[])(const struct a_report *, GPtrArray *) = {
		check_extract, check_ocr, check_weights_sum, check_level1_weight,
		check_scores_sum,
		check_score_le_weight, check_grade, check_exec_rate,
		check_exec_score, check_fund_total, check_fund_groups,
		check_phone, check_template, check_missing, check_too_large,
		check_grouping,
	};

	guint from = rows->len;

	for (size_t i = 0; i < G_N_ELEMENTS(checks); i++)
		checks[i](r, rows);
	for (guint i = from; i < rows->len; i++) {
		struct audit_row *a = rows->pdata[i];
		char *m = doubted(r, a->rule);
		if (m == NULL)
			continue;
		char *was = a->message;
		a->message = g_strdup_printf("%s; OCR doubted a figure this "
		    "check reads (%s): see the ocr rows, then the scan", was, m);
		g_free(was);
		g_free(m);
	}
	/*
	 * One row per finding: OCR notes a cell once for each check that
	 * tried it (a weight doubted by weights_sum and by level1_weight), and
	 * a reader wants each said once.
	 */
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	for (guint i = from; i < rows->len;) {
		struct audit_row *a = rows->pdata[i];
		char *key = g_strconcat(a->rule, "\t", a->message, NULL);
		if (g_hash_table_contains(seen, key)) {
			g_free(key);
			g_ptr_array_remove_index(rows, i);
		} else {
			g_hash_table_add(seen, key);
			i++;
		}
	}
	g_hash_table_destroy(seen);
}
