#include <string.h>

#include "status.h"
#include "template.h"
#include "text.h"

/* Generated at build time from the template files (see Makefile). */
struct embedded_file {
	const char *name;
	const char *text;
};
extern const struct embedded_file embedded_templates[];
extern const size_t n_embedded_templates;

static gint
longer_first(gconstpointer a, gconstpointer b)
{
	size_t la = strlen(*(const char *const *)a);
	size_t lb = strlen(*(const char *const *)b);

	return la < lb ? 1 : la > lb ? -1 : 0;
}

/* A label longer than this is a mistake, and would make a huge pattern. */
#define MAX_LABEL_CHARS 200

/*
 * One regex for a list of labels: longest first, so that 预算执行率（%）
 * wins over 预算执行率 at the same place. A label too long, or labels
 * too many for one pattern, set error (the first one only) and give NULL.
 */
static pcre2_code *
labels_rx(char **labels, gsize n, const char *prefix, const char *suffix,
    const char *group, const char *key, GError **error)
{
	GPtrArray *sorted = g_ptr_array_new();
	GString *pat = g_string_new(prefix);
	pcre2_code *re;

	for (gsize i = 0; i < n; i++) {
		glong chars = g_utf8_strlen(labels[i], -1);
		if (chars > MAX_LABEL_CHARS) {
			if (*error == NULL)
				g_set_error(error, SE_ERROR, SE_USAGE,
				    "[%s] %s: a label of %ld characters, more "
				    "than the limit of %d", group, key, chars,
				    MAX_LABEL_CHARS);
			g_ptr_array_set_size(sorted, 0);
			break;
		}
		if (labels[i][0] != '\0')
			g_ptr_array_add(sorted, labels[i]);
	}
	if (sorted->len == 0) {
		g_ptr_array_free(sorted, TRUE);
		g_string_free(pat, TRUE);
		return NULL;
	}
	g_ptr_array_sort(sorted, longer_first);
	g_string_append(pat, "(?:");
	for (guint i = 0; i < sorted->len; i++) {
		if (i)
			g_string_append_c(pat, '|');
		rx_label(pat, g_ptr_array_index(sorted, i));
	}
	g_string_append(pat, ")");
	g_string_append(pat, suffix);
	re = rx_compile(pat->str, NULL);
	if (re == NULL && *error == NULL)
		g_set_error(error, SE_ERROR, SE_USAGE,
		    "[%s] %s: the labels make too large a pattern", group, key);
	g_string_free(pat, TRUE);
	g_ptr_array_free(sorted, TRUE);
	return re;
}

static pcre2_code *
key_rx(GKeyFile *kf, const char *group, const char *key, GError **error)
{
	gsize n = 0;
	char **labels = g_key_file_get_string_list(kf, group, key, &n, NULL);
	pcre2_code *re = NULL;

	if (labels != NULL)
		re = labels_rx(labels, n, "", "", group, key, error);
	g_strfreev(labels);
	return re;
}

/*
 * A whole funds label of the list, as a row writes it: "其中：基本支出："
 * is 基本支出.
 */
static pcre2_code *
row_label_rx(GKeyFile *kf, const char *group, const char *key,
    GError **error)
{
	gsize n = 0;
	char **labels = g_key_file_get_string_list(kf, group, key, &n, NULL);
	pcre2_code *re = NULL;

	if (labels != NULL)
		re = labels_rx(labels, n, "^[ \\t\\x{3000}]*(?:其中[：:；;]?"
		    "[ \\t\\x{3000}]*)?", "[ \\t\\x{3000}]*[：:]?[ \\t\\x{3000}]*$",
		    group, key, error);
	g_strfreev(labels);
	return re;
}

/*
 * One regex per element of the list, for "all of these must appear"; an
 * element may name alternatives, "|" between them (全年预算数|调整后预算数:
 * forms name the same column either way).
 */
static pcre2_code **
key_rx_each(GKeyFile *kf, const char *group, const char *key, int *count,
    GError **error)
{
	gsize n = 0;
	char **labels = g_key_file_get_string_list(kf, group, key, &n, NULL);
	pcre2_code **res = g_new0(pcre2_code *, n + 1);

	for (gsize i = 0; i < n; i++) {
		char **alts = g_strsplit(labels[i], "|", -1);
		res[i] = labels_rx(alts, g_strv_length(alts), "", "", group,
		    key, error);
		g_strfreev(alts);
	}
	*count = (int)n;
	g_strfreev(labels);
	return res;
}

/* Every key of group must name a record value; typos are caught here. */
static gboolean
check_keys(GKeyFile *kf, const char *group, const struct value_def *defs,
    size_t n, const char *extra, const char *file, GError **error)
{
	char **keys = g_key_file_get_keys(kf, group, NULL, NULL);
	char **more = g_strsplit(extra ? extra : "", " ", 0);
	gboolean ok = TRUE;

	for (char **k = keys; k && *k && ok; k++) {
		if (value_index(defs, n, *k) >= 0 ||
		    g_strv_contains((const char *const *)more, *k))
			continue;
		g_set_error(error, SE_ERROR, SE_USAGE,
		    "%s: [%s] has unknown key '%s'", file, group, *k);
		ok = FALSE;
	}
	g_strfreev(keys);
	g_strfreev(more);
	return ok;
}

static void
load_table(GKeyFile *kf, const char *group, const struct value_def *defs,
    size_t n, struct table_rule *t, GError **error)
{
	t->col = g_new0(pcre2_code *, n);
	t->names = g_new0(char **, n);
	if (!g_key_file_has_group(kf, group))
		return;
	t->header = key_rx_each(kf, group, "header", &t->n_header, error);
	for (size_t i = 0; i < n; i++) {
		t->col[i] = key_rx(kf, group, defs[i].name, error);
		t->names[i] = g_key_file_get_string_list(kf, group,
		    defs[i].name, NULL, NULL);
	}
	t->total = key_rx(kf, group, "total", error);
	t->stop = key_rx(kf, group, "stop", error);
	t->subtotal = key_rx(kf, group, "subtotal", error);
}

static void
free_table(struct table_rule *t, size_t n)
{
	for (int i = 0; i < t->n_header; i++)
		pcre2_code_free(t->header[i]);
	g_free(t->header);
	if (t->col)
		for (size_t i = 0; i < n; i++)
			pcre2_code_free(t->col[i]);
	for (size_t i = 0; t->names && i < n; i++)
		g_strfreev(t->names[i]);
	g_free(t->names);
	g_free(t->col);
	pcre2_code_free(t->total);
	pcre2_code_free(t->stop);
	pcre2_code_free(t->subtotal);
}

/*
 * The first label of a key (of its first alternatives), for messages;
 * NULL when the key is absent.
 */
static char *
first_label(GKeyFile *kf, const char *group, const char *key)
{
	char **labels = g_key_file_get_string_list(kf, group, key, NULL, NULL);
	char *l = labels && labels[0] ? g_strstrip(g_strndup(labels[0],
	    strcspn(labels[0], "|"))) : NULL;

	g_strfreev(labels);
	return l;
}

static char *
essentials(GKeyFile *kf)
{
	const char *const which[][2] = { { "fields", "project" },
	    { "fields", "unit" }, { "funds", "header" },
	    { "indicators", "header" } };
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < G_N_ELEMENTS(which); i++) {
		char *l = first_label(kf, which[i][0], which[i][1]);
		if (l == NULL)
			continue;
		if (s->len)
			g_string_append(s, ", ");
		g_string_append(s, l);
		if (strcmp(which[i][1], "header") == 0)
			g_string_append_printf(s, " (%s)", which[i][0]);
		g_free(l);
	}
	return g_string_free(s, FALSE);
}

static void
prose_rule_free(gpointer p)
{
	struct prose_rule *r = p;

	g_free(r->key);
	pcre2_code_free(r->re);
	g_free(r);
}

/*
 * Rules as raw PCRE2 patterns, one per key (values are not unescaped, so
 * a pattern is written as PCRE2 reads it). Every named group must be a
 * report field, or one of the extra names: a typo cannot pass silently.
 */
static GPtrArray *
load_rules(GKeyFile *kf, const char *group, const char *extra,
    const char *file, GError **error)
{
	GPtrArray *rules = g_ptr_array_new_with_free_func(prose_rule_free);
	char **keys = g_key_file_get_keys(kf, group, NULL, NULL);
	char **more = g_strsplit(extra ? extra : "", " ", 0);
	gboolean ok = TRUE;

	for (char **k = keys; k && *k && ok; k++) {
		char *pat = g_key_file_get_value(kf, group, *k, NULL);
		GError *rerr = NULL;
		pcre2_code *re = pat ? rx_compile(pat, &rerr) : NULL;
		uint32_t count = 0, size = 0;
		PCRE2_SPTR table = NULL;

		g_free(pat);
		if (re == NULL) {
			g_set_error(error, SE_ERROR, SE_USAGE, "%s: [%s] %s: %s",
			    file, group, *k, rerr ? rerr->message : "no value");
			g_clear_error(&rerr);
			ok = FALSE;
			break;
		}
		pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
		pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
		pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
		for (uint32_t i = 0; i < count && ok; i++) {
			const char *name = (const char *)table + i * size + 2;
			if (value_index(report_fields, n_report_fields, name) >= 0 ||
			    g_strv_contains((const char *const *)more, name))
				continue;
			g_set_error(error, SE_ERROR, SE_USAGE,
			    "%s: [%s] %s: group '%s' is no report field", file,
			    group, *k, name);
			ok = FALSE;
		}
		struct prose_rule *r = g_new0(struct prose_rule, 1);
		r->key = g_strdup(*k);
		r->re = re;
		g_ptr_array_add(rules, r);
	}
	g_strfreev(keys);
	g_strfreev(more);
	if (!ok) {
		g_ptr_array_free(rules, TRUE);
		return NULL;
	}
	return rules;
}

/* One raw pattern (absent: NULL, and no error). */
static gboolean
raw_rx(GKeyFile *kf, const char *group, const char *key, pcre2_code **re,
    const char *file, GError **error)
{
	char *pat = g_key_file_get_value(kf, group, key, NULL);
	GError *rerr = NULL;

	*re = NULL;
	if (pat == NULL)
		return TRUE;
	*re = rx_compile(pat, &rerr);
	g_free(pat);
	if (*re == NULL) {
		g_set_error(error, SE_ERROR, SE_USAGE, "%s: [%s] %s: %s", file,
		    group, key, rerr->message);
		g_error_free(rerr);
		return FALSE;
	}
	return TRUE;
}

static void
template_free(gpointer p)
{
	struct template *t = p;

	g_free(t->name);
	g_free(t->description);
	g_free(t->file);
	g_free(t->money_unit);
	g_free(t->grading);
	g_free(t->essentials);
	pcre2_code_free(t->title);
	pcre2_code_free(t->money_unit_label);
	pcre2_code_free(t->goal_block);
	for (int i = 0; i < t->n_detect; i++)
		pcre2_code_free(t->detect[i]);
	g_free(t->detect);
	for (size_t i = 0; t->field && i < n_report_fields; i++) {
		pcre2_code_free(t->field[i]);
		pcre2_code_free(t->prefix[i]);
	}
	g_free(t->field);
	g_free(t->prefix);
	for (int k = 0; k < N_KINDS; k++)
		pcre2_code_free(t->section[k]);
	pcre2_code_free(t->narrative_end);
	free_table(&t->indicators, n_indicator_cols);
	free_table(&t->funds, n_fund_cols);
	free_table(&t->tasks, n_task_cols);
	for (int g = 0; g < N_FUND_GROUPS; g++) {
		pcre2_code_free(t->fund_group[g]);
		pcre2_code_free(t->fund_member[g]);
	}
	if (t->title_rules)
		g_ptr_array_free(t->title_rules, TRUE);
	if (t->prose_rules)
		g_ptr_array_free(t->prose_rules, TRUE);
	if (t->item_rules)
		g_ptr_array_free(t->item_rules, TRUE);
	pcre2_code_free(t->outline_section);
	pcre2_code_free(t->outline_closing);
	g_free(t);
}

static struct template *
template_parse(const char *file, const char *text, GError **error)
{
	GKeyFile *kf = g_key_file_new();
	struct template *t = g_new0(struct template, 1);
	GError *kerr = NULL, *rerr = NULL;	/* rerr: the first bad label */

	t->file = g_strdup(file);
	if (!g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE,
	    &kerr)) {
		g_set_error(error, SE_ERROR, SE_USAGE, "%s: %s", file,
		    kerr->message);
		g_error_free(kerr);
		goto fail;
	}
	t->name = g_key_file_get_string(kf, "form", "name", NULL);
	if (t->name == NULL || t->name[0] == '\0') {
		g_set_error(error, SE_ERROR, SE_USAGE, "%s: [form] needs a name",
		    file);
		goto fail;
	}
	t->description = g_key_file_get_string(kf, "form", "description", NULL);
	{
		char *kind = g_key_file_get_string(kf, "form", "kind", NULL);
		t->kind = REPORT_PROJECT;
		for (int k = 0; kind && k < N_REPORT_KINDS; k++)
			if (strcmp(kind, report_kinds[k]) == 0)
				t->kind = k;
		if (kind && strcmp(kind, report_kinds[t->kind]) != 0) {
			g_set_error(error, SE_ERROR, SE_USAGE,
			    "%s: [form] kind must be project or department",
			    file);
			g_free(kind);
			goto fail;
		}
		g_free(kind);
	}
	t->title = key_rx(kf, "form", "title", &rerr);
	t->detect = key_rx_each(kf, "form", "detect", &t->n_detect, &rerr);
	t->money_unit = g_key_file_get_string(kf, "form", "money_unit", NULL);
	if (t->money_unit == NULL)
		t->money_unit = g_strdup("元");
	t->money_unit_label = key_rx(kf, "form", "money_unit_label", &rerr);
	t->goal_block = key_rx(kf, "form", "goal_block", &rerr);
	t->grading = g_key_file_get_string(kf, "form", "grading", NULL);
	if (t->title == NULL && t->n_detect == 0 && rerr == NULL) {
		g_set_error(error, SE_ERROR, SE_USAGE,
		    "%s: [form] needs a title or detect labels", file);
		goto fail;
	}
	if (!check_keys(kf, "fields", report_fields, n_report_fields, NULL,
	    file, error) ||
	    !check_keys(kf, "prefix", report_fields, n_report_fields, NULL,
	    file, error) ||
	    !check_keys(kf, "indicators", indicator_cols, n_indicator_cols,
	    "header total stop subtotal", file, error) ||
	    !check_keys(kf, "funds", fund_cols, n_fund_cols,
	    "header total stop by_income by_expense income_rows expense_rows",
	    file, error) ||
	    !check_keys(kf, "tasks", task_cols, n_task_cols,
	    "header total stop", file, error))
		goto fail;
	if (g_key_file_has_group(kf, "prose")) {
		t->title_rules = load_rules(kf, "title", NULL, file, error);
		t->prose_rules = t->title_rules ? load_rules(kf, "prose", NULL,
		    file, error) : NULL;
		t->item_rules = t->prose_rules ? load_rules(kf, "items", "n",
		    file, error) : NULL;
		if (t->item_rules == NULL ||
		    !raw_rx(kf, "outline", "section", &t->outline_section,
		    file, error) ||
		    !raw_rx(kf, "outline", "closing", &t->outline_closing,
		    file, error))
			goto fail;
	}
	t->field = g_new0(pcre2_code *, n_report_fields);
	t->prefix = g_new0(pcre2_code *, n_report_fields);
	for (size_t i = 0; i < n_report_fields; i++) {
		t->field[i] = key_rx(kf, "fields", report_fields[i].name,
		    &rerr);
		t->prefix[i] = key_rx(kf, "prefix", report_fields[i].name,
		    &rerr);
	}
	for (int k = 0; k < N_KINDS; k++)
		t->section[k] = key_rx(kf, "sections", finding_kinds[k], &rerr);
	t->narrative_end = key_rx(kf, "sections", "end", &rerr);
	load_table(kf, "indicators", indicator_cols, n_indicator_cols,
	    &t->indicators, &rerr);
	load_table(kf, "funds", fund_cols, n_fund_cols, &t->funds, &rerr);
	load_table(kf, "tasks", task_cols, n_task_cols, &t->tasks, &rerr);
	t->fund_group[FUND_BY_INCOME] = key_rx(kf, "funds", "by_income", &rerr);
	t->fund_group[FUND_BY_EXPENSE] = key_rx(kf, "funds", "by_expense",
	    &rerr);
	t->fund_member[FUND_BY_INCOME] = row_label_rx(kf, "funds",
	    "income_rows", &rerr);
	t->fund_member[FUND_BY_EXPENSE] = row_label_rx(kf, "funds",
	    "expense_rows", &rerr);
	if (rerr != NULL)
		goto fail;
	t->essentials = essentials(kf);
	g_key_file_free(kf);
	return t;
fail:
	if (rerr != NULL) {
		if (error != NULL && *error == NULL)
			g_set_error(error, SE_ERROR, SE_USAGE, "%s: %s", file,
			    rerr->message);
		g_error_free(rerr);
	}
	g_key_file_free(kf);
	template_free(t);
	return NULL;
}

static gboolean
add(struct templates *ts, const char *file, const char *text, GError **error)
{
	struct template *t = template_parse(file, text, error);

	if (t == NULL)
		return FALSE;
	for (guint i = 0; i < ts->list->len; i++) {
		struct template *o = g_ptr_array_index(ts->list, i);
		if (strcmp(o->name, t->name) == 0) {
			g_set_error(error, SE_ERROR, SE_USAGE,
			    "%s: template name '%s' is taken by %s", file,
			    t->name, o->file);
			template_free(t);
			return FALSE;
		}
	}
	g_ptr_array_add(ts->list, t);
	return TRUE;
}

static gboolean
load_dir(struct templates *ts, const char *dir, GError **error)
{
	GError *derr = NULL;
	GDir *d = g_dir_open(dir, 0, &derr);
	GPtrArray *names;
	gboolean ok = TRUE;
	const char *n;

	if (d == NULL) {
		g_set_error(error, SE_ERROR, SE_IO, "templates: %s",
		    derr->message);
		g_error_free(derr);
		return FALSE;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(n, ".tmpl"))
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	/* Order decides ties between families: keep it stable. */
	g_ptr_array_sort(names, text_cmp_ptr);
	for (guint i = 0; i < names->len && ok; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);
		char *text = NULL;
		if (!g_file_get_contents(path, &text, NULL, &derr)) {
			g_set_error(error, SE_ERROR, SE_IO, "%s", derr->message);
			g_clear_error(&derr);
			ok = FALSE;
		} else
			ok = add(ts, path, text, error);
		g_free(text);
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	if (ok && ts->list->len == 0) {
		g_set_error(error, SE_ERROR, SE_USAGE,
		    "templates: no *.tmpl files in %s", dir);
		ok = FALSE;
	}
	return ok;
}

struct templates *
templates_load(const char *dir, GError **error)
{
	struct templates *ts = g_new0(struct templates, 1);
	gboolean ok = TRUE;

	ts->list = g_ptr_array_new_with_free_func(template_free);
	if (dir != NULL)
		ok = load_dir(ts, dir, error);
	else
		for (size_t i = 0; i < n_embedded_templates && ok; i++)
			ok = add(ts, embedded_templates[i].name,
			    embedded_templates[i].text, error);
	if (!ok) {
		templates_free(ts);
		return NULL;
	}
	return ts;
}

void
templates_free(struct templates *ts)
{
	if (ts == NULL)
		return;
	g_ptr_array_free(ts->list, TRUE);
	g_free(ts);
}
