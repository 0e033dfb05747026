/*
 * Written reports (项目支出绩效自评报告, 部门整体支出绩效自评报告): prose in
 * numbered sections. What is read, and how, is the template's:
 *
 * - [title] and [prose] rules, raw PCRE2 patterns whose named groups are
 *   report fields, on the title and on each sentence; the title gives only
 *   what no sentence states. A sentence a rule
 *   reads is kept as a `statement` finding with its quantities; a field
 *   is set only when every sentence that states it agrees, and a sum only
 *   when its unit (万元/元) follows it: a number that could be read two
 *   ways stays a quantity.
 * - [outline] section: the top-level heading (四、…); [sections] problem /
 *   measure: labels of the headings (or sub-headings) whose text is cut
 *   into one finding per item; [items]: the item markers (一是, （一）,
 *   1.), group n the item's number, taken only in sequence.
 * - [outline] closing: the date line that ends the report; it and the
 *   signer's line above it belong to no section.
 */
#include <string.h>

#include "internal.h"
#include "text.h"

/* A heading or a marker line is short and is no sentence. */
#define HEADING_BYTES 90

struct para {
	char *text;
	int kind;		/* KIND_PROBLEM, KIND_MEASURE, or -1 */
	gboolean heading;	/* a section heading: no content */
	gboolean marker;	/* a line of its own that opens an item */
	gboolean closing;	/* the signer or the date: no section's */
};

struct candidate {
	char *value, *unit;
	gboolean conflict;
};

static gboolean
is_sentence(const char *s)
{
	return strstr(s, "。") != NULL || strlen(s) > HEADING_BYTES;
}

static gboolean
starts_with(struct parser *P, const pcre2_code *re, const char *s)
{
	struct rx_match m;

	return re && rx_find(&P->rx, re, s, strlen(s), 0, &m) && m.start[0] == 0;
}

/* The problem / measure kind a heading names, or -1. */
static int
heading_kind(struct form *f, const char *s)
{
	struct rx_match m;

	for (int k = KIND_PROBLEM; k <= KIND_MEASURE; k++)
		if (f->t->section[k] && rx_find(&f->P->rx, f->t->section[k], s,
		    strlen(s), 0, &m))
			return k;
	return -1;
}

static gboolean
marker_line(struct form *f, const char *s)
{
	for (guint i = 0; i < f->t->item_rules->len; i++) {
		const struct prose_rule *pr = f->t->item_rules->pdata[i];
		if (starts_with(f->P, pr->re, s))
			return TRUE;
	}
	return FALSE;
}

static struct para *
add_para(GPtrArray *paras, GString *buf, int kind, gboolean heading)
{
	struct para *p;
	char *t = text_strip(buf->str, buf->len);

	g_string_truncate(buf, 0);
	if (t[0] == '\0') {
		g_free(t);
		return NULL;
	}
	p = g_new0(struct para, 1);
	p->text = t;
	p->kind = kind;
	p->heading = heading;
	g_ptr_array_add(paras, p);
	return p;
}

static void
para_free(gpointer p)
{
	if (p == NULL)
		return;
	g_free(((struct para *)p)->text);
	g_free(p);
}

/* The lines of the body as paragraphs, each with the section it is in. */
static GPtrArray *
paragraphs(struct form *f, int from)
{
	GPtrArray *paras = g_ptr_array_new_with_free_func(para_free);
	GString *buf = g_string_new(NULL);
	int kind = -1, last = -1;

	for (int i = from; i < f->n; i++) {
		char *s = lines_join(&f->lines[i], 0, 1);
		gboolean top, marker;
		struct para *p;

		if (s[0] == '\0') {
			g_free(s);
			continue;
		}
		if (starts_with(f->P, f->t->outline_closing, s)) {
			/* The signer's line above the date is no sentence. */
			char *prev = last >= 0 ? lines_join(&f->lines[last], 0,
			    1) : NULL;
			if (prev && !is_sentence(prev) && buf->len >= strlen(prev) &&
			    strcmp(buf->str + buf->len - strlen(prev), prev) == 0) {
				g_string_truncate(buf, buf->len - strlen(prev));
				add_para(paras, buf, kind, FALSE);
				g_string_append(buf, prev);
				if ((p = add_para(paras, buf, -1, FALSE)) != NULL)
					p->closing = TRUE;
			} else
				add_para(paras, buf, kind, FALSE);
			g_free(prev);
			kind = -1;
			g_string_append(buf, s);
			if ((p = add_para(paras, buf, -1, FALSE)) != NULL)
				p->closing = TRUE;
			g_free(s);
			last = i;
			continue;
		}
		top = starts_with(f->P, f->t->outline_section, s) &&
		    (!is_sentence(s) || strstr(s, "：") != NULL);
		marker = !top && marker_line(f, s) && !is_sentence(s);
		if (top || (marker && heading_kind(f, s) >= 0)) {
			/* 四、存在的问题：一是… : the heading ends at its colon. */
			char *colon = strstr(s, "：");
			int k = heading_kind(f, s);
			add_para(paras, buf, kind, FALSE);
			if (top || k >= 0)
				kind = k;
			if (colon && colon[3] != '\0') {
				g_string_append_len(buf, s, colon - s);
				add_para(paras, buf, kind, TRUE);
				text_join(buf, colon + 3, strlen(colon + 3));
			} else {
				g_string_append(buf, s);
				add_para(paras, buf, kind, TRUE);
			}
		} else if (marker) {
			/* （二）资金投入和使用情况: a line of its own. */
			add_para(paras, buf, kind, FALSE);
			g_string_append(buf, s);
			if ((p = add_para(paras, buf, kind, FALSE)) != NULL)
				p->marker = TRUE;
		} else
			text_join(buf, s, strlen(s));
		g_free(s);
		last = i;
	}
	add_para(paras, buf, kind, FALSE);
	g_string_free(buf, TRUE);
	return paras;
}


/*
 * "存在的问题：一是…。下一步改进措施：一是…" inside a paragraph: a section
 * label at the start of a clause, a few more characters of its name
 * (及原因分析), then a colon. Returns the kind and where the text after the
 * colon starts, or -1.
 */
static int
inline_label(struct form *f, const char *s, size_t from, size_t *at,
    size_t *after)
{
	int best = -1;
	size_t best_at = SIZE_MAX;

	for (int k = KIND_PROBLEM; k <= KIND_MEASURE; k++) {
		struct rx_match m;
		size_t pos = from, len = strlen(s);
		while (f->t->section[k] && rx_find(&f->P->rx, f->t->section[k],
		    s, len, pos, &m) && m.start[0] < best_at) {
			gunichar b = m.start[0] == 0 ? ' ' :
			    g_utf8_get_char(g_utf8_prev_char(s + m.start[0]));
			const char *q = s + m.end[0];
			int extra = 0;
			gboolean clause = g_unichar_isspace(b) ||
			    g_unichar_ispunct(b) || b == 0x3001;
			/* 及原因分析 and the like, up to eight characters. */
			while (*q && extra < 8 && g_unichar_isalpha(
			    g_utf8_get_char(q))) {
				q = g_utf8_next_char(q);
				extra++;
			}
			if (clause && (*q == ':' || strncmp(q, "：", 3) == 0)) {
				best = k;
				best_at = m.start[0];
				*at = m.start[0];
				*after = (size_t)(q - s) + (*q == ':' ? 1 : 3);
				break;
			}
			pos = g_utf8_next_char(s + m.start[0]) - s;
		}
	}
	return best;
}

/* Cut paragraphs at inline section labels; the kind carries on to the
 * paragraphs after, up to the next heading or the closing lines. */
static GPtrArray *
inline_sections(struct form *f, GPtrArray *paras)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(para_free);
	int carry = -2;

	for (guint i = 0; i < paras->len; i++) {
		struct para *p = paras->pdata[i];
		size_t from = 0, at, after;
		int k;

		paras->pdata[i] = NULL;
		if (p->heading || p->closing) {
			carry = -2;
			g_ptr_array_add(out, p);
			continue;
		}
		if (carry != -2)
			p->kind = carry;
		while ((k = inline_label(f, p->text, from, &at, &after)) >= 0) {
			struct para *n = g_new0(struct para, 1);
			char *head = item_clean(p->text, at);
			n->text = text_strip(p->text + after, strlen(p->text + after));
			n->kind = carry = k;
			if (head[0] != '\0') {
				struct para *h = g_new0(struct para, 1);
				h->text = head;
				h->kind = p->kind;
				h->marker = p->marker;
				g_ptr_array_add(out, h);
			} else
				g_free(head);
			para_free(p);
			p = n;
			from = 0;
		}
		if (p->text[0] != '\0')
			g_ptr_array_add(out, p);
		else
			para_free(p);
	}
	g_ptr_array_free(paras, TRUE);
	return out;
}


static gint64
marker_number(const struct rx_match *m, const char *s, const pcre2_code *re)
{
	int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)"n");
	char *num = g > 0 ? rx_group(m, s, g) : NULL;
	gint64 v = -1;

	if (num == NULL)
		return -1;
	if (g_ascii_isdigit(num[0]))
		v = g_ascii_strtoll(num, NULL, 10);
	else
		v = cn_numeral(num);
	g_free(num);
	return v;
}

/* The marker of number want at or after from, or FALSE. */
static gboolean
find_marker(struct parser *P, const pcre2_code *re, const char *s,
    size_t len, size_t from, gint64 want, struct rx_match *m)
{
	while (rx_find(&P->rx, re, s, len, from, m)) {
		if (marker_number(m, s, re) == want)
			return TRUE;
		from = g_utf8_next_char(s + m->start[0]) - s;
	}
	return FALSE;
}

/*
 * One finding per item. The item style is the one whose first item comes
 * earliest; text before it is a finding of its own, label null.
 */
static void
split_items(struct form *f, GPtrArray *into, int kind, const char *s)
{
	struct parser *P = f->P;
	size_t len = strlen(s), best = len;
	const pcre2_code *style = NULL;
	struct rx_match m, n;

	for (guint i = 0; i < f->t->item_rules->len; i++) {
		const struct prose_rule *pr = f->t->item_rules->pdata[i];
		if (find_marker(P, pr->re, s, len, 0, 1, &m) &&
		    m.start[0] < best) {
			best = m.start[0];
			style = pr->re;
		}
	}
	if (style == NULL) {
		g_ptr_array_add(into, finding_new(kind, NULL, item_clean(s, len)));
		return;
	}
	find_marker(P, style, s, len, 0, 1, &m);
	if (m.start[0] > 0) {
		char *pre = item_clean(s, m.start[0]);
		if (pre[0] != '\0')
			g_ptr_array_add(into, finding_new(kind, NULL, pre));
		else
			g_free(pre);
	}
	for (gint64 want = 2;; want++) {
		gboolean more = find_marker(P, style, s, len, m.end[0], want, &n);
		size_t end = more ? n.start[0] : len;
		char *label = g_strndup(s + m.start[0], m.end[0] - m.start[0]);
		g_ptr_array_add(into, finding_new(kind, text_trim(label),
		    item_clean(s + m.end[0], end - m.end[0])));
		if (!more)
			break;
		m = n;
	}
}

/* The unit written right after a sum (2179万元), or NULL. */
static char *
unit_after(struct parser *P, const char *s, size_t at)
{
	struct rx_match m;
	size_t len = strlen(s);

	while (at < len && s[at] == ' ')
		at++;
	if (rx_find(&P->rx, P->money_word, s, len, at, &m) && m.start[0] == at)
		return rx_group(&m, s, 1);
	return NULL;
}

static void
candidate_add(struct candidate *c, char *value, char *unit)
{
	if (c->value == NULL && !c->conflict) {
		c->value = value;
		c->unit = unit;
		return;
	}
	if (!c->conflict && strcmp(c->value, value) == 0 &&
	    g_strcmp0(c->unit, unit) == 0) {
		g_free(value);
		g_free(unit);
		return;
	}
	c->conflict = TRUE;
	g_free(value);
	g_free(unit);
}

/* Apply rules to s; each named group is a candidate value of its field. */
static gboolean
apply_rules(struct form *f, GPtrArray *rules, const char *s,
    struct candidate *cand)
{
	struct parser *P = f->P;
	gboolean any = FALSE;

	for (guint i = 0; i < rules->len; i++) {
		const struct prose_rule *pr = rules->pdata[i];
		uint32_t count = 0, size = 0;
		PCRE2_SPTR table = NULL;
		struct rx_match m;

		if (!rx_find(&P->rx, pr->re, s, strlen(s), 0, &m))
			continue;
		pcre2_pattern_info(pr->re, PCRE2_INFO_NAMECOUNT, &count);
		pcre2_pattern_info(pr->re, PCRE2_INFO_NAMEENTRYSIZE, &size);
		pcre2_pattern_info(pr->re, PCRE2_INFO_NAMETABLE, &table);
		for (uint32_t k = 0; k < count; k++) {
			const unsigned char *e = table + k * size;
			int g = (e[0] << 8) | e[1];
			int fi = value_index(report_fields, n_report_fields,
			    (const char *)e + 2);
			char *v = fi >= 0 ? rx_group(&m, s, g) : NULL;
			char *unit = NULL;

			if (v == NULL)
				continue;
			text_trim(v);
			if (v[0] == '\0') {
				g_free(v);
				continue;
			}
			any = TRUE;
			if (report_fields[fi].kind == VK_MONEY) {
				unit = unit_after(P, s, m.end[g]);
				if (unit == NULL) {
					/* A sum without its unit: two readings. */
					cand[fi].conflict = TRUE;
					g_free(v);
					continue;
				}
			}
			candidate_add(&cand[fi], v, unit);
		}
	}
	return any;
}

/* Sentences of a paragraph: cut after 。！？ */
static GPtrArray *
sentences(const char *s)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	const char *p = s, *start = s;

	while (*p) {
		gunichar c = g_utf8_get_char(p);
		p = g_utf8_next_char(p);
		if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || *p == '\0') {
			char *t = text_strip(start, p - start);
			if (t[0] != '\0')
				g_ptr_array_add(out, t);
			else
				g_free(t);
			start = p;
		}
	}
	return out;
}

void
prose_parse(struct form *f, struct report *r)
{
	struct candidate cand[G_N_ELEMENTS(r->field)] = { 0 };
	struct candidate tcand[G_N_ELEMENTS(r->field)] = { 0 };
	GPtrArray *paras;
	int from = r->title ? 1 : 0;

	r->prose = TRUE;
	for (int k = 0; k < N_KINDS; k++)
		f->section[k] = -1;
	f->indicators = f->funds = f->tasks = -1;
	f->body = 0;
	if (r->title)
		apply_rules(f, f->t->title_rules, r->title, tcand);
	paras = inline_sections(f, paragraphs(f, from));
	for (guint i = 0; i < paras->len; i++) {
		struct para *p = paras->pdata[i];
		if (p->heading)
			continue;
		if (p->kind >= 0) {
			/* A run of paragraphs of one section is one text. */
			GString *text = g_string_new(p->text);
			gboolean after_marker = p->marker;
			while (i + 1 < paras->len &&
			    ((struct para *)paras->pdata[i + 1])->kind == p->kind &&
			    !((struct para *)paras->pdata[i + 1])->heading) {
				const struct para *n = paras->pdata[++i];
				/* An item's title line stays apart from its text. */
				if (after_marker)
					g_string_append_c(text, ' ');
				text_join(text, n->text, strlen(n->text));
				after_marker = n->marker;
			}
			split_items(f, r->loose, p->kind, text->str);
			g_string_free(text, TRUE);
			continue;
		}
		GPtrArray *ss = sentences(p->text);
		for (guint j = 0; j < ss->len; j++)
			if (apply_rules(f, f->t->prose_rules, ss->pdata[j], cand)) {
				g_ptr_array_add(r->loose, finding_new(
				    KIND_STATEMENT, NULL, ss->pdata[j]));
				ss->pdata[j] = g_strdup("");
			}
		g_ptr_array_free(ss, TRUE);
	}
	g_ptr_array_free(paras, TRUE);
	/* The title gives what no sentence states. */
	for (size_t fi = 0; fi < n_report_fields; fi++) {
		struct candidate *c = cand[fi].value || cand[fi].conflict ?
		    &cand[fi] : &tcand[fi];
		if (c->value && !c->conflict && r->field[fi] == NULL) {
			r->field[fi] = c->value;
			r->unit[fi] = c->unit;
			c->value = c->unit = NULL;
		}
		g_free(cand[fi].value);
		g_free(cand[fi].unit);
		g_free(tcand[fi].value);
		g_free(tcand[fi].unit);
	}
	for (guint j = 0; j < r->loose->len; j++)
		quantities_find(f->P, g_ptr_array_index(r->loose, j));
}
