/*
 * ocrscore EXPECTED ACTUAL: how well a scan read. EXPECTED is the
 * hand-written expected.json of the born-digital form the scan was made
 * from, ACTUAL the dump of the scan's archive. Every leaf value of every
 * report is one field; a field is exact when it equals the expected
 * (strings up to compatibility forms, = ＝ ﹦; numbers numerically), and
 * a wrong field is flagged when an audit row of rule "ocr" names its row
 * and its field (or the list it is in), and an audit row is when its
 * check says it reads a figure OCR doubted. Audit rows
 * of rule "ocr" are not fields; the source's producer, bytes and sha256
 * (the scan's own) and report.ocr are left out.
 *
 * Prints "fields N exact N wrong N unflagged N ocr C" and each wrong
 * field; exits 1 when a report has no ocr confidence.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* How an audit row of a check that reads an OCR-doubted figure ends. */
#define DOUBTED "; OCR doubted a figure this check reads"

struct score {
	int fields, exact, wrong, unflagged;
	JsonArray *audit;	/* the actual report's audit rows */
	gboolean in_doubted;	/* inside an audit row marked doubted */
};

/* An archive column to the record member an ocr audit row names. */
static const char *
member_of(const char *col)
{
	static const char *const map[][2] = {
		{ "level1_weight", "level1" }, { "target_op", "target" },
		{ "target_value", "target" }, { "target_unit", "target" },
		{ "actual_value", "actual" }, { "actual_unit", "actual" },
		{ "initial_fen", "initial" }, { "budget_fen", "budget" },
		{ "executed_fen", "executed" },
		{ "budget_initial_fen", "budget_initial" },
		{ "prev_budget_fen", "prev_budget" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
		if (strcmp(col, map[i][0]) == 0)
			return map[i][1];
	return col;
}

/*
 * A report's figure that load takes from the funds block's total row: an
 * ocr row on that cell names the row's column (initial, rate), and it
 * flags the report's figure as much (年初预算 is that cell).
 */
static const char *
funds_alias(const char *col)
{
	static const char *const map[][2] = {
		{ "budget_initial_fen", "initial" }, { "exec_rate", "rate" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
		if (strcmp(col, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/*
 * Does message m ("page P, row R, FIELDS: OCR read ...") name member
 * among its FIELDS, one field or several joined by "/"?
 */
static gboolean
names(const char *m, const char *member)
{
	const char *end = strstr(m, ": OCR "), *p;
	gboolean yes = FALSE;

	if (end == NULL)
		return FALSE;
	for (p = end; p > m && !(p[-1] == ' ' && p - 1 > m && p[-2] == ','); p--)
		;
	char *fields = g_strndup(p, (gsize)(end - p));
	char **v = g_strsplit(fields, "/", -1);
	for (char **f = v; *f; f++)
		yes |= strcmp(*f, member) == 0;
	g_strfreev(v);
	g_free(fields);
	return yes;
}

/*
 * Is there an ocr audit row naming row (or any, if NULL) and member? The
 * row as the form wrote it may still carry its weight ("row 合理性（5分）"
 * for the indicator 合理性).
 */
static gboolean
flagged(const struct score *s, const char *row, const char *member)
{
	char *r = row ? g_strdup_printf("row %s,", row) : NULL;
	char *rw = row ? g_strdup_printf("row %s（", row) : NULL;
	gboolean yes = FALSE;

	for (guint i = 0; s->audit && i < json_array_get_length(s->audit); i++) {
		JsonObject *a = json_array_get_object_element(s->audit, i);
		const char *m = json_object_get_string_member_with_default(a,
		    "message", "");
		if (g_strcmp0(json_object_get_string_member_with_default(a,
		    "rule", ""), "ocr") != 0)
			continue;
		if (names(m, member) && (r == NULL || strstr(m, r) ||
		    strstr(m, rw)))
			yes = TRUE;
	}
	g_free(r);
	g_free(rw);
	return yes;
}

static gboolean
same(JsonNode *a, JsonNode *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (JSON_NODE_HOLDS_NULL(a) || JSON_NODE_HOLDS_NULL(b))
		return JSON_NODE_HOLDS_NULL(a) && JSON_NODE_HOLDS_NULL(b);
	if (json_node_get_value_type(a) == G_TYPE_STRING ||
	    json_node_get_value_type(b) == G_TYPE_STRING) {
		if (json_node_get_value_type(a) != json_node_get_value_type(b))
			return FALSE;
		/*
		 * Up to Unicode's compatibility forms: "=", "＝" and "﹦" are
		 * one sign drawn at three widths, which no scan tells apart
		 * (the born-digital forms use all three).
		 */
		char *x = g_utf8_normalize(json_node_get_string(a), -1,
		    G_NORMALIZE_NFKC);
		char *y = g_utf8_normalize(json_node_get_string(b), -1,
		    G_NORMALIZE_NFKC);
		gboolean eq = x && y && strcmp(x, y) == 0;
		g_free(x);
		g_free(y);
		return eq;
	}
	return fabs(json_node_get_double(a) - json_node_get_double(b)) < 1e-9;
}

static int
leaves(JsonNode *n)
{
	int k = 0;

	if (n == NULL)
		return 0;
	if (JSON_NODE_HOLDS_OBJECT(n)) {
		GList *ms = json_object_get_members(json_node_get_object(n));
		for (GList *l = ms; l; l = l->next)
			k += leaves(json_object_get_member(
			    json_node_get_object(n), l->data));
		g_list_free(ms);
		return k;
	}
	if (JSON_NODE_HOLDS_ARRAY(n)) {
		JsonArray *a = json_node_get_array(n);
		for (guint i = 0; i < json_array_get_length(a); i++)
			k += leaves(json_array_get_element(a, i));
		return k;
	}
	return 1;
}

/*
 * Compare e with g under path; row is the name of the row they belong to
 * (an indicator's name, a funds label) as the scan read it, or NULL.
 */
static void
compare(struct score *s, const char *path, const char *key, const char *row,
    const char *list, JsonNode *e, JsonNode *g)
{
	if (e && JSON_NODE_HOLDS_OBJECT(e) && g && JSON_NODE_HOLDS_OBJECT(g)) {
		JsonObject *eo = json_node_get_object(e), *go = json_node_get_object(g);
		const char *name = json_object_get_string_member_with_default(go,
		    "name", NULL);
		if (name == NULL)
			name = json_object_get_string_member_with_default(go,
			    "label", row);
		gboolean outer = s->in_doubted;
		s->in_doubted |= json_object_get_boolean_member_with_default(go,
		    "doubted", FALSE);
		GList *ms = json_object_get_members(eo);
		for (GList *l = ms; l; l = l->next) {
			char *p = g_strdup_printf("%s.%s", path, (char *)l->data);
			compare(s, p, l->data, name, list,
			    json_object_get_member(eo, l->data),
			    json_object_get_member(go, l->data));
			g_free(p);
		}
		g_list_free(ms);
		s->in_doubted = outer;
		return;
	}
	if (e && JSON_NODE_HOLDS_ARRAY(e) && g && JSON_NODE_HOLDS_ARRAY(g)) {
		JsonArray *ea = json_node_get_array(e), *ga = json_node_get_array(g);
		guint ne = json_array_get_length(ea), ng = json_array_get_length(ga);
		for (guint i = 0; i < MAX(ne, ng); i++) {
			char *p = g_strdup_printf("%s[%u]", path, i);
			compare(s, p, key, row, key,
			    i < ne ? json_array_get_element(ea, i) : NULL,
			    i < ng ? json_array_get_element(ga, i) : NULL);
			g_free(p);
		}
		return;
	}
	int n = MAX(leaves(e), 1);
	s->fields += e ? n : 0;
	if (same(e, g)) {
		s->exact += n;
		return;
	}
	s->wrong += n;
	/* Inside the funds and indicators a flag names the row too. */
	gboolean rowed = strstr(path, ".indicators[") || strstr(path, ".funds[");
	/*
	 * A flag on a list (the findings taken from a doubtful paragraph)
	 * covers what is inside its items, their numbering too.
	 */
	/* A unit load took from the 度量单位 column when the value had none. */
	gboolean f = (key && flagged(s, rowed ? row : NULL, member_of(key))) ||
	    (key && !rowed && funds_alias(key) &&
	    flagged(s, NULL, funds_alias(key))) ||
	    (key && g_str_has_suffix(key, "_unit") &&
	    flagged(s, rowed ? row : NULL, "measure_unit")) ||
	    (list && !rowed && flagged(s, NULL, list)) || s->in_doubted ||
	    (g && JSON_NODE_HOLDS_OBJECT(g) &&
	    json_object_get_boolean_member_with_default(json_node_get_object(g),
	    "doubted", FALSE));
	if (!f)
		s->unflagged += n;
	char *x = e ? json_to_string(e, FALSE) : g_strdup("(absent)");
	char *y = g ? json_to_string(g, FALSE) : g_strdup("(absent)");
	printf("  %s %s: expected %.80s, got %.80s\n", f ? "flagged" : "UNFLAGGED",
	    path, x, y);
	g_free(x);
	g_free(y);
}

/*
 * The audit rows without rule ocr, as a new node. A row whose check reads
 * a figure OCR doubted says so at its end (load/audit.c): that is cut off
 * for the comparison and kept as "doubted", which flags the row.
 */
static JsonNode *
without_ocr(JsonArray *audit)
{
	JsonArray *out = json_array_new();

	for (guint i = 0; audit && i < json_array_get_length(audit); i++) {
		JsonObject *a = json_array_get_object_element(audit, i);
		if (g_strcmp0(json_object_get_string_member_with_default(a,
		    "rule", ""), "ocr") == 0)
			continue;
		JsonNode *n = json_node_copy(json_array_get_element(audit, i));
		JsonObject *c = json_node_get_object(n);
		const char *m = json_object_get_string_member_with_default(c,
		    "message", "");
		const char *tail = strstr(m, DOUBTED);
		if (tail) {
			char *cut = g_strndup(m, (gsize)(tail - m));
			json_object_set_string_member(c, "message", cut);
			g_free(cut);
			json_object_set_boolean_member(c, "doubted", TRUE);
		}
		json_array_add_element(out, n);
	}
	JsonNode *n = json_node_new(JSON_NODE_ARRAY);
	json_node_take_array(n, out);
	return n;
}

int
main(int argc, char **argv)
{
	JsonParser *pe = json_parser_new(), *pg = json_parser_new();
	struct score s = { 0 };
	double conf = -1;
	int status = 0;

	if (argc != 3 || !json_parser_load_from_file(pe, argv[1], NULL) ||
	    !json_parser_load_from_file(pg, argv[2], NULL)) {
		fprintf(stderr, "usage: ocrscore EXPECTED ACTUAL\n");
		return 2;
	}
	JsonObject *eo = json_node_get_object(json_parser_get_root(pe));
	JsonObject *go = json_node_get_object(json_parser_get_root(pg));
	JsonArray *er = json_object_get_array_member(eo, "reports");
	JsonArray *gr = json_object_has_member(go, "reports") ?
	    json_object_get_array_member(go, "reports") : NULL;
	guint ne = json_array_get_length(er), ng = gr ? json_array_get_length(gr) : 0;

	for (guint i = 0; i < MAX(ne, ng); i++) {
		JsonObject *e = i < ne ? json_array_get_object_element(er, i) : NULL;
		JsonObject *g = i < ng ? json_array_get_object_element(gr, i) : NULL;
		char *p = g_strdup_printf("reports[%u]", i);
		if (e == NULL || g == NULL) {
			JsonNode *n = json_array_get_element(e ? er : gr, i);
			s.fields += e ? leaves(n) : 0;
			s.wrong += leaves(n);
			s.unflagged += leaves(n);
			printf("  UNFLAGGED %s: a report %s\n", p,
			    e ? "missing" : "too many");
			g_free(p);
			continue;
		}
		s.audit = json_object_get_array_member(g, "audit");
		if (json_object_has_member(g, "ocr") &&
		    !json_node_is_null(json_object_get_member(g, "ocr")))
			conf = json_object_get_double_member(g, "ocr");
		else
			status = 1;
		GList *ms = json_object_get_members(e);
		for (GList *l = ms; l; l = l->next) {
			const char *k = l->data;
			char *q = g_strdup_printf("%s.%s", p, k);
			if (strcmp(k, "audit") == 0) {
				JsonNode *a = without_ocr(s.audit);
				compare(&s, q, k, NULL, NULL,
				    json_object_get_member(e, k), a);
				json_node_unref(a);
			} else
				compare(&s, q, k, NULL, NULL,
				    json_object_get_member(e, k),
				    json_object_get_member(g, k));
			g_free(q);
		}
		g_list_free(ms);
		g_free(p);
	}
	printf("fields %d exact %d wrong %d unflagged %d ocr %.0f\n", s.fields,
	    s.exact, s.wrong, s.unflagged, conf);
	g_object_unref(pe);
	g_object_unref(pg);
	return status;
}
