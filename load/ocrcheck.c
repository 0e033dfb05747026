#include <string.h>

#include "audit.h"
#include "jsonget.h"
#include "ocrcheck.h"
#include "record.h"

/* Rounds of alternatives tried, one change each: a form has few doubts. */
#define MAX_ROUNDS 8

struct target {
	JsonObject *obj;
	const char *member;
};

struct span {
	int page;
	char *name;	/* the row's indicator */
};

static void
span_clear(gpointer p)
{
	g_free(((struct span *)p)->name);
}

struct hit {
	int page;
	const char *text;	/* as OCR read it */
	const char *term;	/* a printed term one character from it */
	const char *read;	/* what OCR read, if the term was taken */
	double conf;
	gboolean doubtful;
	gboolean line;		/* a line of text outside the tables */
	JsonArray *alts;
	GArray *targets;	/* struct target: where the record holds it */
	GArray *parts;		/* struct target: values made partly of it */
	char *row;		/* for the message: the row's name */
	GArray *spanned;	/* struct span: other rows its cell spans */
	const char *field;	/* the first target's member, or NULL */
	char *was;		/* the reading a check replaced, or NULL */
	const char *rule;	/* a failing check it takes part in, or NULL */
};

static gboolean
in_row(JsonArray *row, const char *s)
{
	for (guint i = 0; s && *s && i < json_array_get_length(row); i++)
		if (g_strcmp0(json_array_get_string_element(row, i), s) == 0)
			return TRUE;
	return FALSE;
}

/*
 * The members of o, in table order, whose value is text (or, inside,
 * lies inside text, four characters or more); the k-th of them when the
 * row holds text k+1 times (weight and score both "4").
 */
static void
add_members(GArray *targets, JsonObject *o, const struct value_def *cols,
    size_t n, const char *text, int k, gboolean inside)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(struct target));

	for (size_t i = 0; i < n; i++) {
		const char *v = jstr(o, cols[i].name);
		if (inside ? v && g_utf8_strlen(v, -1) >= 4 && strstr(text, v) :
		    g_strcmp0(v, text) == 0) {
			struct target t = { o, cols[i].name };
			g_array_append_val(found, t);
		}
	}
	if (found->len > 0)
		g_array_append_val(targets, g_array_index(found, struct target,
		    MIN((guint)k, found->len - 1)));
	g_array_free(found, TRUE);
}

/*
 * A line of text outside the tables holds header fields side by side
 * ("联系人：王敏 联系电话：…"): every one whose value is in it, of two
 * characters or more.
 */
static void
add_in_line(GArray *targets, JsonObject *o, const char *text)
{
	for (size_t i = 0; o && i < n_report_fields; i++) {
		const char *v = jstr(o, report_fields[i].name);
		if (v && g_utf8_strlen(v, -1) >= 2 && strstr(text, v)) {
			struct target t = { o, report_fields[i].name };
			g_array_append_val(targets, t);
		}
	}
}

/*
 * Is text one of the pieces value was joined from ("≥", "200" or "mg/L"
 * of "≥200mg/L")? A number stands between non-digits; other text begins
 * or ends the value.
 */
static gboolean
piece_of(const char *value, const char *text)
{
	size_t n = strlen(text), vn = strlen(value);

	if (n == 0 || n >= vn)
		return FALSE;
	/* A unit cell read with a digit in it ("9%" for "%") ends the value. */
	if (strspn(text, "0123456789.") < n && strcmp(value + vn - n, text) == 0)
		return TRUE;
	if (!g_ascii_isdigit(text[0]))
		return strncmp(value, text, n) == 0 ||
		    strcmp(value + vn - n, text) == 0;
	for (const char *p = strstr(value, text); p; p = strstr(p + 1, text))
		if ((p == value || !g_ascii_isdigit(p[-1])) &&
		    !g_ascii_isdigit(p[n]) && p[n] != '.')
			return TRUE;
	return FALSE;
}

/*
 * A cell that spans several indicators' rows (a 二级指标 of three
 * indicators) is in one of the note's rows only, but parse gave its text
 * to each: the indicators next to inds[i], before and after, that hold
 * the same text in the member just found are flagged with it. A page
 * break may cut such a cell in two, each read on its own page, alike:
 * the neighbours on the next or the last page count too.
 */
static void
add_spanned(struct hit *h, JsonArray *inds, guint i)
{
	struct target t = g_array_index(h->targets, struct target,
	    h->targets->len - 1);
	guint n = json_array_get_length(inds);

	for (int dir = -1; dir <= 1; dir += 2)
		for (gint k = (gint)i + dir; k >= 0 && (guint)k < n; k += dir) {
			JsonObject *o = json_array_get_object_element(inds,
			    (guint)k);
			if (ABS(jint(o, "page", 0) - h->page) > 1 ||
			    g_strcmp0(jstr(o, t.member), h->text) != 0)
				break;
			struct target more = { o, t.member };
			struct span sp = { (int)jint(o, "page", 0),
			    g_strdup(jstr(o, "name")) };
			g_array_append_val(h->targets, more);
			g_array_append_val(h->spanned, sp);
		}
}

/* The members of the indicators in the note's row, on its page. */
static void
add_indicators(struct hit *h, JsonArray *inds, JsonArray *row, int k,
    gboolean inside)
{
	for (guint i = 0; inds && i < json_array_get_length(inds); i++) {
		JsonObject *o = json_array_get_object_element(inds, i);
		if (jint(o, "page", 0) != h->page || !in_row(row, jstr(o, "name")))
			continue;
		guint had = h->targets->len;
		add_members(h->targets, o, indicator_cols, n_indicator_cols,
		    h->text, k, inside);
		if (h->targets->len > had && !inside)
			add_spanned(h, inds, i);
		if (h->targets->len > 0 && h->row == NULL)
			h->row = g_strdup(jstr(o, "name"));
		/*
		 * The target parse composed of 指标值 and 度量单位: a unit
		 * cell read as digits (吨 as "1" at 150 dpi) ran into the
		 * number ("≥120001"), a piece it ends with.
		 */
		bool unit_cell = false;
		for (guint t = had; t < h->targets->len; t++) {
			const struct target *tg = &g_array_index(h->targets,
			    struct target, t);
			unit_cell = unit_cell || (tg->obj == o &&
			    strcmp(tg->member, "measure_unit") == 0);
		}
		const char *composed = jstr(o, composed_col);
		if (!inside && composed && (piece_of(composed, h->text) ||
		    (unit_cell && g_str_has_suffix(composed, h->text)))) {
			struct target t = { o, composed_col };
			g_array_append_val(h->parts, t);
			if (h->row == NULL)
				h->row = g_strdup(jstr(o, "name"));
		}
	}
}

static void
locate(JsonObject *rec, JsonObject *note, struct hit *h)
{
	JsonArray *row = jarr(note, "row");
	int col = (int)jint(note, "col", -1), k = 0;
	JsonArray *inds = jarr(rec, "indicators"), *funds = jarr(rec, "funds");
	guint nrow = row ? json_array_get_length(row) : 0;

	h->targets = g_array_new(FALSE, FALSE, sizeof(struct target));
	h->parts = g_array_new(FALSE, FALSE, sizeof(struct target));
	h->spanned = g_array_new(FALSE, FALSE, sizeof(struct span));
	g_array_set_clear_func(h->spanned, span_clear);
	h->page = (int)jint(note, "page", 0);
	h->conf = (double)jint(note, "conf", 0);
	h->doubtful = json_object_get_boolean_member_with_default(note,
	    "doubtful", FALSE);
	h->line = json_object_get_boolean_member_with_default(note, "line",
	    FALSE);
	h->alts = jarr(note, "alts");
	h->term = jstr(note, "term");
	h->read = jstr(note, "read");
	h->text = col >= 0 && (guint)col < nrow ?
	    json_array_get_string_element(row, col) : NULL;
	if (h->text == NULL || *h->text == '\0')
		return;
	for (int i = 0; i < col; i++)
		k += g_strcmp0(json_array_get_string_element(row, i),
		    h->text) == 0;
	add_indicators(h, inds, row, k, FALSE);
	for (guint i = 0; funds && i < json_array_get_length(funds); i++) {
		JsonObject *o = json_array_get_object_element(funds, i);
		guint before = h->targets->len;
		if (!in_row(row, jstr(o, "label")))
			continue;
		add_members(h->targets, o, fund_cols, n_fund_cols, h->text, k,
		    FALSE);
		if (h->targets->len > before && h->row == NULL)
			h->row = g_strdup(jstr(o, "label"));
	}
	/*
	 * A long cell parse took a part of (an explanation whose lines it
	 * joined, a label it cut off): the row's member whose text is in it.
	 */
	if (h->targets->len == 0)
		add_indicators(h, inds, row, 0, TRUE);
	/* The report's own fields: the header's, and the funds total's. */
	if (h->page >= jint(rec, "page_first", 0) &&
	    h->page <= jint(rec, "page_last", G_MAXINT)) {
		const char *title = jstr(rec, "title");
		if (title && *title && strstr(h->text, title)) {
			struct target t = { rec, "title" };
			g_array_append_val(h->targets, t);
		}
		if (h->line)
			add_in_line(h->targets, jobj(rec, "fields"), h->text);
		else
			add_members(h->targets, jobj(rec, "fields"),
			    report_fields, n_report_fields, h->text, 0, FALSE);
	}
	if (h->targets->len > 0)
		h->field = g_array_index(h->targets, struct target, 0).member;
	else if (h->parts->len > 0)
		h->field = composed_col;
	/* A row without a name: its first other text names it. */
	for (guint i = 0; h->row == NULL && i < nrow; i++) {
		const char *c = json_array_get_string_element(row, i);
		if (c && *c && (int)i != col)
			h->row = g_strdup(c);
	}
}

static void
set_all(struct hit *h, const char *value)
{
	for (guint i = 0; i < h->targets->len; i++) {
		struct target *t = &g_array_index(h->targets, struct target, i);
		json_object_set_string_member(t->obj, t->member, value);
	}
}

static gboolean
numeric(const char *s)
{
	return s && *s && strspn(s, "0123456789.,%-+") == strlen(s);
}

/* Take the reading that makes most checks pass, while one does better. */
static void
settle(JsonObject *rec, GArray *hits, ocr_failures_fn failures)
{
	int base = failures(rec, NULL);

	for (int round = 0; round < MAX_ROUNDS && base > 0; round++) {
		struct hit *best = NULL;
		const char *best_alt = NULL;
		int best_f = base;
		for (guint i = 0; i < hits->len; i++) {
			struct hit *h = &g_array_index(hits, struct hit, i);
			guint na = h->alts ? json_array_get_length(h->alts) : 0;
			if (h->was || h->targets->len == 0 || !numeric(h->text))
				continue;
			for (guint a = 0; a < na; a++) {
				const char *alt =
				    json_array_get_string_element(h->alts, a);
				set_all(h, alt);
				int f = failures(rec, NULL);
				set_all(h, h->text);
				if (f < best_f) {
					best_f = f;
					best = h;
					best_alt = alt;
				}
			}
		}
		if (best == NULL)
			break;
		best->was = g_strdup(best->text);
		best->text = best_alt;
		set_all(best, best_alt);
		base = best_f;
	}
}

/* A cell's text for a message: a paragraph cut to its start. */
static char *
quote(const char *text)
{
	if (g_utf8_strlen(text, -1) <= 24)
		return g_strdup(text);
	char *head = g_utf8_substring(text, 0, 24);
	char *q = g_strconcat(head, "…", NULL);
	g_free(head);
	return q;
}

/* Name the numbers of the checks that still fail. */
static void
blame(JsonObject *rec, GArray *hits, ocr_failures_fn failures)
{
	GHashTable *failed = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTableIter it;
	gpointer rule;

	if (failures(rec, failed) > 0)
		for (guint i = 0; i < hits->len; i++) {
			struct hit *h = &g_array_index(hits, struct hit, i);
			if (h->was || h->field == NULL || !numeric(h->text))
				continue;
			g_hash_table_iter_init(&it, failed);
			while (h->rule == NULL &&
			    g_hash_table_iter_next(&it, &rule, NULL)) {
				const char *const *m = audit_rule_reads(rule);
				for (int k = 0; m && m[k]; k++)
					if (strcmp(h->field, m[k]) == 0)
						h->rule = rule;
			}
		}
	g_hash_table_destroy(failed);
}

/*
 * The audit message of h, naming row (h's own, or one its cell spans) on
 * page.
 */
static char *
describe(const struct hit *h, int page, const char *row_name)
{
	GString *s = g_string_new(NULL);
	char *text = quote(h->text);

	if (h->line)
		g_string_append_printf(s, "page %d, a line outside the tables, "
		    "%s: ", h->page, h->field ? h->field : "no field");
	else {
		char *row = quote(row_name ? row_name : "?");
		g_string_append_printf(s, "page %d, row %s, %s: ", page, row,
		    h->field ? h->field : "a cell outside the form's fields");
		g_free(row);
	}
	if (h->was)
		g_string_append_printf(s, "OCR read %s (confidence %.0f%%); "
		    "the form's checks agree with %s, taken instead", h->was,
		    h->conf, h->text);
	else if (h->rule && !h->doubtful)
		g_string_append_printf(s, "OCR read %s (confidence %.0f%%), "
		    "and %s fails: check it against the scan", text, h->conf,
		    h->rule);
	else if (h->term && h->read)
		g_string_append_printf(s, "OCR read %s at confidence %.0f%%, "
		    "one character from the forms' label %s, taken for it; "
		    "check it against the scan", h->read, h->conf, h->term);
	else if (h->term)
		g_string_append_printf(s, "OCR read %s at confidence %.0f%%, "
		    "one character from the forms' term %s; check it against "
		    "the scan", text, h->conf, h->term);
	else
		g_string_append_printf(s, "OCR read %s at confidence %.0f%%; "
		    "check it against the scan", text, h->conf);
	g_free(text);
	return g_string_free(s, FALSE);
}

/*
 * A cell of running text (a paragraph of findings) is no one field:
 * parse splits it into findings, their quantities and labels. When OCR
 * doubts such a cell, every member of what was taken from it is in
 * doubt: of each object with a string inside the cell's text, all its
 * members, and the list it is in (a finding split wrongly is one too
 * many or too few). The report's fields, indicators and funds are
 * located cell by cell (locate) instead.
 */
static const char *const by_cell[] = { "source", "audit", "fields",
    "indicators", "funds" };

static void
all_members(JsonNode *n, const char *name, GHashTable *out)
{
	if (name != NULL)
		g_hash_table_add(out, (gpointer)name);
	if (JSON_NODE_HOLDS_ARRAY(n)) {
		JsonArray *a = json_node_get_array(n);
		for (guint i = 0; i < json_array_get_length(a); i++)
			all_members(json_array_get_element(a, i), name, out);
	} else if (JSON_NODE_HOLDS_OBJECT(n)) {
		JsonObject *o = json_node_get_object(n);
		GList *ms = json_object_get_members(o);
		for (GList *l = ms; l; l = l->next)
			all_members(json_object_get_member(o, l->data),
			    l->data, out);
		g_list_free(ms);
	}
}

static gboolean
covered(JsonNode *n, const char *name, const char *cell, GHashTable *out)
{
	gboolean any = FALSE;

	if (JSON_NODE_HOLDS_VALUE(n) &&
	    json_node_get_value_type(n) == G_TYPE_STRING) {
		const char *v = json_node_get_string(n);
		any = g_utf8_strlen(v, -1) >= 2 && strstr(cell, v) != NULL;
		if (any)
			g_hash_table_add(out, (gpointer)name);
	} else if (JSON_NODE_HOLDS_ARRAY(n)) {
		JsonArray *a = json_node_get_array(n);
		for (guint i = 0; i < json_array_get_length(a); i++)
			any |= covered(json_array_get_element(a, i), name, cell,
			    out);
		if (any)
			g_hash_table_add(out, (gpointer)name);
	} else if (JSON_NODE_HOLDS_OBJECT(n)) {
		JsonObject *o = json_node_get_object(n);
		GList *ms = json_object_get_members(o);
		for (GList *l = ms; l; l = l->next)
			any |= covered(json_object_get_member(o, l->data),
			    l->data, cell, out);
		g_list_free(ms);
		if (any)
			all_members(n, name, out);
	}
	return any;
}

/*
 * The members taken from running text in the cell, sorted and joined by
 * "/"; NULL if none.
 */
static char *
from_text(JsonObject *rec, const char *cell)
{
	GHashTable *out = g_hash_table_new(g_str_hash, g_str_equal);
	GList *ms = json_object_get_members(rec), *found;
	GString *joined = NULL;

	for (GList *l = ms; l; l = l->next) {
		gboolean skip = FALSE;
		for (size_t i = 0; i < G_N_ELEMENTS(by_cell); i++)
			skip |= strcmp(l->data, by_cell[i]) == 0;
		if (!skip)
			covered(json_object_get_member(rec, l->data), l->data,
			    cell, out);
	}
	g_list_free(ms);
	found = g_list_sort(g_hash_table_get_keys(out),
	    (GCompareFunc)strcmp);
	for (GList *l = found; l; l = l->next) {
		if (joined == NULL)
			joined = g_string_new(l->data);
		else
			g_string_append_printf(joined, "/%s", (char *)l->data);
	}
	g_list_free(found);
	g_hash_table_destroy(out);
	return joined ? g_string_free(joined, FALSE) : NULL;
}

/*
 * The fields a hit names, joined by "/": a line's, or a cell's field (k
 * picked it among its targets) and the values joined from it; NULL when
 * that is one field.
 */
static char *
hit_fields(const struct hit *h)
{
	GPtrArray *names = g_ptr_array_new();
	guint n = h->line ? h->targets->len : MIN(h->targets->len, 1);
	char *joined = NULL;

	for (guint i = 0; i < n + (h->parts->len > 0); i++) {
		const char *m = i < n ? g_array_index(h->targets, struct target,
		    i).member : composed_col;
		if (!g_ptr_array_find_with_equal_func(names, m, g_str_equal,
		    NULL))
			g_ptr_array_add(names, (gpointer)m);
	}
	if (names->len > 1) {
		g_ptr_array_add(names, NULL);
		joined = g_strjoinv("/", (char **)names->pdata);
	}
	g_ptr_array_free(names, TRUE);
	return joined;
}

/*
 * An indicator with a score and no weight, on a scan: the weight's cell
 * ran into the one above where the rule between them was lost (a hairline
 * in a narrow column on a page tilted half a degree), and nothing was
 * read for it. No form scores what it gave no weight.
 */
static void
lost_weights(JsonObject *rec, GPtrArray *notes, GHashTable *doubted)
{
	JsonArray *inds = jarr(rec, "indicators");

	for (guint i = 0; inds && i < json_array_get_length(inds); i++) {
		JsonObject *o = json_array_get_object_element(inds, i);
		if (jstr(o, "weight") != NULL || jstr(o, "score") == NULL)
			continue;
		g_ptr_array_add(notes, g_strdup_printf("page %" G_GINT64_FORMAT
		    ", row %s, weight: OCR read no figure where the row has a "
		    "score (%s); check it against the scan", jint(o, "page", 0),
		    jstr(o, "name") ? jstr(o, "name") : "?", jstr(o, "score")));
		g_hash_table_add(doubted, (gpointer)"weight");
	}
}

double
ocr_settle(JsonObject *rec, ocr_failures_fn failures, GPtrArray *notes,
    GHashTable *doubted)
{
	JsonObject *ocr = jobj(jobj(rec, "source"), "ocr");
	JsonArray *cells = jarr(ocr, "cells");
	gint64 first = jint(rec, "page_first", 0), last = jint(rec, "page_last",
	    G_MAXINT);
	GArray *hits;
	gboolean mine = FALSE;
	JsonArray *pages = jarr(ocr, "pages");

	if (ocr == NULL)
		return -1;
	/* Only a report on pages OCR read is an OCR'd report. */
	for (guint i = 0; pages && i < json_array_get_length(pages); i++) {
		gint64 p = json_array_get_int_element(pages, i);
		mine = mine || (p >= first && p <= last);
	}
	if (!mine)
		return -1;
	hits = g_array_new(FALSE, TRUE, sizeof(struct hit));
	for (guint i = 0; cells && i < json_array_get_length(cells); i++) {
		JsonObject *note = json_array_get_object_element(cells, i);
		struct hit h = { 0 };
		if (note == NULL || jint(note, "page", 0) < first ||
		    jint(note, "page", 0) > last)
			continue;
		locate(rec, note, &h);
		g_array_append_val(hits, h);
	}
	settle(rec, hits, failures);
	blame(rec, hits, failures);
	for (guint i = 0; i < hits->len; i++) {
		struct hit *h = &g_array_index(hits, struct hit, i);
		char *fields = h->field == NULL && h->doubtful && h->text ?
		    from_text(rec, h->text) : hit_fields(h);
		if (fields != NULL)
			h->field = fields;
		if (h->text && *h->text && (h->doubtful || h->was || h->rule)) {
			g_ptr_array_add(notes, describe(h, h->page, h->row));
			/* A row of its own for each row the cell spans. */
			for (guint r = 0; r < h->spanned->len; r++) {
				const struct span *sp = &g_array_index(
				    h->spanned, struct span, r);
				g_ptr_array_add(notes, describe(h, sp->page,
				    sp->name));
			}
			for (guint t = 0; t < h->targets->len; t++)
				g_hash_table_add(doubted, (gpointer)g_array_index(
				    h->targets, struct target, t).member);
			if (h->parts->len > 0)
				g_hash_table_add(doubted, (gpointer)composed_col);
		}
		g_free(fields);
		g_array_free(h->targets, TRUE);
		g_array_free(h->parts, TRUE);
		g_array_free(h->spanned, TRUE);
		g_free(h->row);
		g_free(h->was);
	}
	g_array_free(hits, TRUE);
	lost_weights(rec, notes, doubted);
	return json_object_get_double_member_with_default(ocr, "confidence",
	    0);
}
