/*
 * Header fields: "label：value" pairs, several to a line in a plain
 * rendering ("项目名称： 企业服务专项 预算单位： 上海市…") and label and
 * value in neighbouring cells in extract's table rows. A value runs to the
 * next label; a label alone at the end of its line takes the lines below
 * it, up to the next label (项目年度总目标 and its paragraph).
 */
#include <string.h>

#include "internal.h"
#include "text.h"

struct occ {
	size_t start, after;	/* label start; value start */
	int field;
	char *label;		/* the label as written */
};

static gboolean
boundary_before(const char *s, size_t i)
{
	gunichar c;

	if (i == 0)
		return TRUE;
	c = g_utf8_get_char(g_utf8_prev_char(s + i));
	return c == ' ' || c == '\t' || c == 0x3000 || c == ':' ||
	    c == 0xFF1A || c == 0x3002 || c == 0xFF1B || c == ';' ||
	    c == 0xFF0C || c == ',';
}

/* After a label: white space, then ：/: or TAB or the end of the line. */
static gboolean
value_start(const char *s, size_t len, size_t i, size_t *after)
{
	while (i < len && (s[i] == ' ' || strncmp(s + i, "　", 3) == 0))
		i += s[i] == ' ' ? 1 : 3;
	if (i == len || s[i] == '\t') {
		*after = i;
		return TRUE;
	}
	if (s[i] == ':') {
		*after = i + 1;
		return TRUE;
	}
	if (len - i >= 3 && strncmp(s + i, "：", 3) == 0) {
		*after = i + 3;
		return TRUE;
	}
	return FALSE;
}

static gint
by_start(gconstpointer a, gconstpointer b)
{
	const struct occ *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Every field label on a line, in order, overlaps resolved. */
static GArray *
labels_on(struct form *f, const struct line *l)
{
	GArray *occs = g_array_new(FALSE, FALSE, sizeof(struct occ));
	struct rx_match m;

	for (size_t fi = 0; fi < n_report_fields; fi++) {
		const pcre2_code *re = f->t->field[fi];
		size_t from = 0, after;

		while (re && rx_find(&f->P->rx, re, l->s, l->len, from, &m)) {
			if (boundary_before(l->s, m.start[0]) &&
			    value_start(l->s, l->len, m.end[0], &after)) {
				struct occ o = { m.start[0], after, (int)fi,
				    g_strndup(l->s + m.start[0],
				    m.end[0] - m.start[0]) };
				g_array_append_val(occs, o);
				break;
			}
			from = g_utf8_next_char(l->s + m.start[0]) - l->s;
		}
	}
	g_array_sort(occs, by_start);
	/* A label inside a longer one found at the same place is not a label. */
	for (guint i = 1; i < occs->len;) {
		struct occ *a = &g_array_index(occs, struct occ, i - 1);
		struct occ *b = &g_array_index(occs, struct occ, i);
		if (b->start < a->after) {
			g_free(b->label);
			g_array_remove_index(occs, i);
		} else
			i++;
	}
	return occs;
}

static void
free_occs(GArray *occs)
{
	for (guint i = 0; i < occs->len; i++)
		g_free(g_array_index(occs, struct occ, i).label);
	g_array_free(occs, TRUE);
}

static guint
labels_count(struct form *f, const struct line *l)
{
	GArray *occs = labels_on(f, l);
	guint n = occs->len;

	free_occs(occs);
	return n;
}

/* A cell label that opens the value (项目总目标 …) is not part of it. */
static char *
drop_prefix(struct form *f, int fi, char *v)
{
	struct rx_match m;
	size_t after, len = strlen(v);
	const pcre2_code *re = f->t->prefix[fi];

	if (re && rx_find(&f->P->rx, re, v, len, 0, &m) && m.start[0] == 0) {
		if (!value_start(v, len, m.end[0], &after))
			after = m.end[0];
		memmove(v, v + after, len - after + 1);
		text_trim(v);
	}
	return v;
}

/* The cell of a TAB row that byte offset at lies in. */
static int
cell_index(const struct line *l, size_t at)
{
	int k = 0;

	for (size_t i = 0; i < at && i < l->len; i++)
		k += l->s[i] == '\t';
	return k;
}

/*
 * A label with nothing to its right in a table row may have its value in
 * the row below, in the same column (年度总体目标: 预期目标 over its text).
 */
static char *
value_below(struct form *f, int i, size_t at)
{
	const struct line *l = &f->lines[i];
	GPtrArray *here, *next;
	char *v = NULL;
	int k = cell_index(l, at), j = i + 1;

	while (j < f->n && f->lines[j].len == 0)
		j++;
	if (j >= f->n || f->taken[j] || !line_has_tab(&f->lines[j]))
		return NULL;
	here = cells_split(l->s, l->len);
	next = cells_split(f->lines[j].s, f->lines[j].len);
	if (here->len == next->len && (guint)k < next->len &&
	    ((char *)next->pdata[k])[0] != '\0' &&
	    labels_count(f, &f->lines[j]) == 0)
		v = g_strdup(next->pdata[k]);
	g_ptr_array_free(here, TRUE);
	g_ptr_array_free(next, TRUE);
	return v;
}

/* The money unit a block label states: 项目资金（万元）, 单位：万元. */
static void
block_unit(struct form *f, const struct line *l, struct report *r)
{
	struct rx_match m;
	const char *end;
	size_t from;

	if (f->t->money_unit_label == NULL || !rx_find(&f->P->rx,
	    f->t->money_unit_label, l->s, l->len, 0, &m))
		return;
	from = m.end[0];
	end = memchr(l->s + from, '\t', l->len - from);
	if (rx_find(&f->P->rx, f->P->money_word, l->s,
	    end ? (size_t)(end - l->s) : l->len, from, &m)) {
		g_free(r->money_unit);
		r->money_unit = rx_group(&m, l->s, 1);
	}
}

void
fields_parse(struct form *f, struct report *r)
{
	struct rx_match m;

	for (int i = 0; i < f->n; i++) {
		const struct line *l = &f->lines[i];
		GArray *occs;

		if (f->taken[i] && i != f->funds)
			continue;
		block_unit(f, l, r);
		if (f->taken[i])
			continue;
		occs = labels_on(f, l);
		for (guint k = 0; k < occs->len; k++) {
			struct occ *o = &g_array_index(occs, struct occ, k);
			size_t end = k + 1 < occs->len ?
			    g_array_index(occs, struct occ, k + 1).start : l->len;
			struct line part = { l->s + o->after, end - o->after,
			    l->page };
			char *v;

			if (r->field[o->field] != NULL)
				continue;
			v = lines_join(&part, 0, 1);
			if (v[0] == '\0' && line_has_tab(l)) {
				char *below = value_below(f, i, o->start);
				if (below) {
					g_free(v);
					v = drop_prefix(f, o->field, below);
				}
			}
			if (v[0] == '\0' && k + 1 == occs->len) {
				int j = i + 1;
				while (j < f->n && !f->taken[j] &&
				    labels_count(f, &f->lines[j]) == 0)
					j++;
				g_free(v);
				v = lines_join(f->lines, i + 1, j);
			}
			v = drop_prefix(f, o->field, v);
			if (v[0] == '\0') {
				g_free(v);
				continue;
			}
			r->field[o->field] = v;
			if (report_fields[o->field].kind == VK_MONEY &&
			    rx_find(&f->P->rx, f->P->money_unit, o->label,
			    strlen(o->label), 0, &m))
				r->unit[o->field] = rx_group(&m, o->label, 1);
		}
		free_occs(occs);
	}
}
