/*
 * The narrative sections (主要绩效 / 主要问题 / 改进措施). Each is read as
 * one wrapped paragraph and cut at its markers: areas (一.企业培育, 二、…)
 * that open a run of sub-projects, sub-projects (1、name：text) numbered
 * in sequence, and items （1）（2） within a sub-project. Markers are taken
 * only in sequence, so a "2、" inside a sentence does not cut it unless a
 * sub-project 2 is due there.
 *
 * The three sections repeat one outline, so a heading one section names is
 * known in the others whatever mark follows its number or its name: a scan
 * reads "1、孵化场地运维；" or "一：设施建设" where the form has "：" and
 * "."; a typist writes "1、创业辅导 辅导内容…". The sections are read
 * twice: first with the strict markers, to learn the outline, then with
 * the learned headings beside them.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "text.h"

/* How far a numbering may jump: a section may skip a sub-project. */
#define MAX_SKIP 2

struct seg {
	size_t start, end;	/* the sub-project's text */
	char *area_no, *area, *no, *name;
	int area_value, no_value;
};

/* An item's text: trailing "；" / "，" go, a closing "。" stays. */
char *
item_clean(const char *s, size_t len)
{
	char *t = text_strip(s, len);
	size_t n;

	for (;;) {
		n = strlen(t);
		if (n >= 3 && (strcmp(t + n - 3, "；") == 0 ||
		    strcmp(t + n - 3, "，") == 0))
			t[n - 3] = '\0';
		else if (n >= 1 && (t[n - 1] == ';' || t[n - 1] == ','))
			t[n - 1] = '\0';
		else
			break;
		text_trim(t);
	}
	return t;
}

/* The next marker of re whose number lies in [lo, lo + MAX_SKIP]. */
static gboolean
next_marker(struct parser *P, const pcre2_code *re, gboolean chinese,
    const char *s, size_t len, size_t from, int lo, struct rx_match *m,
    int *value)
{
	while (rx_find(&P->rx, re, s, len, from, m)) {
		char *num = rx_group(m, s, 1);
		gint64 v = chinese ? cn_numeral(num) : g_ascii_strtoll(num, NULL, 10);
		g_free(num);
		if (v >= lo && v <= lo + MAX_SKIP) {
			*value = (int)v;
			return TRUE;
		}
		from = g_utf8_next_char(s + m->start[0]) - s;
	}
	return FALSE;
}

/*
 * The earlier of the next strict marker and the next learned heading
 * (known may be NULL); a strict one wins a tie, its name being whole.
 */
static gboolean
next_heading(struct parser *P, const pcre2_code *strict,
    const pcre2_code *known, gboolean chinese, const char *s, size_t len,
    size_t from, int lo, struct rx_match *m, int *value)
{
	struct rx_match k;
	int kv;
	gboolean has = next_marker(P, strict, chinese, s, len, from, lo, m,
	    value);

	if (known && next_marker(P, known, chinese, s, len, from, lo, &k, &kv) &&
	    (!has || k.start[0] < m->start[0])) {
		*m = k;
		*value = kv;
		return TRUE;
	}
	return has;
}

static gint
longer_first(gconstpointer a, gconstpointer b)
{
	return (int)strlen(*(char *const *)b) - (int)strlen(*(char *const *)a);
}

/*
 * A marker for the areas (area TRUE) or sub-projects the outline names:
 * the number, any one mark or none, the name, any one mark or none.
 * Group 1 is the number, group 2 the name, as in the strict markers.
 * NULL if the outline names none.
 */
static pcre2_code *
learned_rx(const GPtrArray *subs, gboolean area)
{
	GPtrArray *names = g_ptr_array_new();
	GString *pat;
	pcre2_code *re = NULL;

	for (guint i = 0; i < subs->len; i++) {
		const struct subproject *sp = g_ptr_array_index(subs, i);
		const char *n = area ? sp->area : sp->name;
		gboolean seen = FALSE;
		if (n == NULL || n[0] == '\0')
			continue;
		for (guint j = 0; j < names->len && !seen; j++)
			seen = strcmp(names->pdata[j], n) == 0;
		if (!seen)
			g_ptr_array_add(names, (gpointer)n);
	}
	if (names->len == 0) {
		g_ptr_array_free(names, TRUE);
		return NULL;
	}
	/* Alternation takes the first that fits: the longest name first. */
	g_ptr_array_sort(names, longer_first);
	pat = g_string_new(area ?
	    "(?<![\\d一二三四五六七八九十])([一二三四五六七八九十]{1,3})" :
	    "(?<![\\d.．])(\\d{1,2})");
	g_string_append(pat, "[ \\t]*[、.．,，:：;；]?[ \\t]*(");
	for (guint j = 0; j < names->len; j++) {
		if (j > 0)
			g_string_append_c(pat, '|');
		for (const char *c = names->pdata[j]; *c; c++) {
			if ((unsigned char)*c < 0x80 && !g_ascii_isalnum(*c))
				g_string_append_c(pat, '\\');
			g_string_append_c(pat, *c);
		}
	}
	g_string_append(pat, ")[ \\t]*[：:；;，,]?");
	re = rx_compile(pat->str, NULL);
	g_string_free(pat, TRUE);
	g_ptr_array_free(names, TRUE);
	return re;
}

/* Split a sub-project's text at its items （1）（2）… */
static void
add_findings(struct parser *P, GPtrArray *into, int kind, const char *s,
    size_t len)
{
	struct rx_match m, n;
	int v, expect = 1;
	size_t pos;

	if (!next_marker(P, P->item, FALSE, s, len, 0, 1, &m, &v) || v != 1) {
		g_ptr_array_add(into, finding_new(kind, NULL, item_clean(s, len)));
		return;
	}
	char *pre = item_clean(s, m.start[0]);
	if (pre[0] != '\0')
		g_ptr_array_add(into, finding_new(kind, NULL, pre));
	else
		g_free(pre);
	for (;;) {
		char *label = g_strndup(s + m.start[0], m.end[0] - m.start[0]);
		gboolean more;

		pos = m.end[0];
		expect++;
		more = FALSE;
		while (rx_find(&P->rx, P->item, s, len, pos, &n)) {
			char *num = rx_group(&n, s, 1);
			int k = atoi(num);
			g_free(num);
			if (k == expect) {
				more = TRUE;
				break;
			}
			pos = n.end[0];
		}
		size_t end = more ? n.start[0] : len;
		g_ptr_array_add(into, finding_new(kind, label,
		    item_clean(s + m.end[0], end - m.end[0])));
		if (!more)
			break;
		m = n;
	}
}

static struct subproject *
find_subproject(struct report *r, const struct seg *g)
{
	for (guint i = 0; i < r->subprojects->len; i++) {
		struct subproject *s = g_ptr_array_index(r->subprojects, i);
		if (s->area_value == g->area_value && s->no_value == g->no_value)
			return s;
	}
	return NULL;
}

/* known_area, known_sub: learned headings, or NULL. */
static void
parse_section(struct form *f, struct report *r, int kind, const char *s,
    size_t len, const pcre2_code *known_area, const pcre2_code *known_sub)
{
	struct parser *P = f->P;
	GArray *segs = g_array_new(FALSE, TRUE, sizeof(struct seg));
	char *area_no = NULL, *area = NULL;
	int area_value = 0, expect_area = 1, expect_sub = 1;
	size_t pos = 0, pre_end = len;
	gboolean open = FALSE;	/* the last segment still runs on */

	for (;;) {
		struct rx_match a, b;
		int av = 0, bv = 0;
		gboolean has_a = next_heading(P, P->area, known_area, TRUE, s,
		    len, pos, expect_area, &a, &av);
		gboolean has_b = next_heading(P, P->sub, known_sub, FALSE, s,
		    len, pos, expect_sub, &b, &bv);
		gboolean take_a;
		size_t cut;

		if (!has_a && !has_b)
			break;
		take_a = has_a && (!has_b || a.start[0] <= b.start[0]);
		cut = take_a ? a.start[0] : b.start[0];
		if (segs->len == 0)
			pre_end = MIN(pre_end, cut);
		else if (open)
			g_array_index(segs, struct seg, segs->len - 1).end = cut;
		open = FALSE;
		if (take_a) {
			g_free(area_no);
			g_free(area);
			area_no = rx_group(&a, s, 1);
			area = rx_group(&a, s, 2);
			text_trim(area);
			area_value = av;
			expect_area = av + 1;
			expect_sub = 1;
			pos = a.end[0];
			continue;
		}
		struct seg g = {
			.start = b.end[0], .end = len,
			.area_no = g_strdup(area_no), .area = g_strdup(area),
			.no = rx_group(&b, s, 1),
			.name = text_trim(rx_group(&b, s, 2)),
			.area_value = area_value, .no_value = bv,
		};
		g_array_append_val(segs, g);
		open = TRUE;
		expect_sub = bv + 1;
		pos = b.end[0];
	}
	/* Text outside any sub-project: the report's own findings. */
	char *pre = item_clean(s, pre_end);
	if (pre[0] != '\0')
		add_findings(P, r->loose, kind, pre, strlen(pre));
	g_free(pre);
	for (guint i = 0; i < segs->len; i++) {
		struct seg *g = &g_array_index(segs, struct seg, i);
		struct subproject *sp = find_subproject(r, g);

		if (sp == NULL) {
			sp = subproject_new();
			sp->area_no = g->area_no;
			sp->area = g->area;
			sp->no = g->no;
			sp->name = g->name;
			sp->area_value = g->area_value;
			sp->no_value = g->no_value;
			g_ptr_array_add(r->subprojects, sp);
		} else {
			g_free(g->area_no);
			g_free(g->area);
			g_free(g->no);
			g_free(g->name);
		}
		add_findings(P, sp->findings, kind, s + g->start,
		    g->end - g->start);
	}
	g_free(area_no);
	g_free(area);
	g_array_free(segs, TRUE);
}

int
section_end(struct form *f, int at)
{
	int end = f->n;
	int marks[N_KINDS + 2];
	size_t after;

	for (int k = 0; k < N_KINDS; k++)
		marks[k] = f->section[k];
	marks[N_KINDS] = f->indicators;
	marks[N_KINDS + 1] = f->funds;
	for (int k = 0; k < N_KINDS + 2; k++)
		if (marks[k] > at && marks[k] < end)
			end = marks[k];
	/* A section also ends at a closing label, or at a header field. */
	for (int i = at + 1; i < end; i++) {
		if (f->t->narrative_end && line_heads(f->P, f->t->narrative_end,
		    &f->lines[i], &after))
			return i;
		for (size_t fi = 0; fi < n_report_fields; fi++)
			if (f->t->field[fi] && line_heads(f->P, f->t->field[fi],
			    &f->lines[i], &after))
				return i;
	}
	return end;
}

void
narrative_parse(struct form *f, struct report *r)
{
	char *text[N_KINDS] = { NULL };
	struct report *outline = report_new();
	pcre2_code *known_area, *known_sub;

	for (int k = 0; k < N_KINDS; k++) {
		int at = f->section[k];
		size_t after;
		GString *t;

		if (at < 0 || !line_heads(f->P, f->t->section[k], &f->lines[at],
		    &after))
			continue;
		struct line head = { f->lines[at].s + after,
		    f->lines[at].len - after, f->lines[at].page };
		char *first = lines_join(&head, 0, 1);
		char *rest = lines_join(f->lines, at + 1, section_end(f, at));
		t = g_string_new(first);
		text_join(t, rest, strlen(rest));
		g_free(first);
		g_free(rest);
		text[k] = g_string_free(t, FALSE);
		parse_section(f, outline, k, text[k], strlen(text[k]), NULL,
		    NULL);
	}
	known_area = learned_rx(outline->subprojects, TRUE);
	known_sub = learned_rx(outline->subprojects, FALSE);
	report_free(outline);
	for (int k = 0; k < N_KINDS; k++)
		if (text[k]) {
			parse_section(f, r, k, text[k], strlen(text[k]),
			    known_area, known_sub);
			g_free(text[k]);
		}
	pcre2_code_free(known_area);
	pcre2_code_free(known_sub);
	for (guint i = 0; i < r->subprojects->len; i++) {
		struct subproject *sp = g_ptr_array_index(r->subprojects, i);
		for (guint j = 0; j < sp->findings->len; j++)
			quantities_find(f->P, g_ptr_array_index(sp->findings, j));
	}
	for (guint j = 0; j < r->loose->len; j++)
		quantities_find(f->P, g_ptr_array_index(r->loose, j));
}
