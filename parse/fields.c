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

/*
 * May a label start at s[i]? At the start of a line, or after white space
 * or punctuation that ends a phrase: a closing quote too, as in a line
 * read from a scan whose spaces OCR lost ("王敏”联系电话：…").
 */
static gboolean
boundary_before(const char *s, size_t i)
{
	gunichar c;

	if (i == 0)
		return TRUE;
	c = g_utf8_get_char(g_utf8_prev_char(s + i));
	return c == ' ' || c == '\t' || c == 0x3000 || c == ':' ||
	    c == 0xFF1A || c == 0x3002 || c == 0xFF1B || c == ';' ||
	    c == 0xFF0C || c == ',' || c == 0x201D || c == 0x300D;
}

/*
 * After a label: white space, then its colon (label_colon), TAB or end.
 * A label that opens its line may have a semicolon for its colon, with
 * the value after it: OCR reads a "：" so now and then ("联系人；王敏
 * 联系电话：…", the lower dot read as a tail), and no line of prose
 * starts with a label and a semicolon.
 */
static gboolean
value_start(const char *s, size_t len, size_t i, size_t *after,
    gboolean heads)
{
	size_t colon;

	i = label_annotation(s, len, i);
	while (i < len && (s[i] == ' ' || strncmp(s + i, "　", 3) == 0))
		i += s[i] == ' ' ? 1 : 3;
	if (i == len || s[i] == '\t') {
		*after = i;
		return TRUE;
	}
	if ((colon = label_colon(s, len, i)) > 0) {
		*after = i + colon;
		return TRUE;
	}
	if (heads && (s[i] == ';' || strncmp(s + i, "；", 3) == 0)) {
		*after = i + (s[i] == ';' ? 1 : 3);
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

	size_t line_start = 0;

	while (line_start < l->len && (l->s[line_start] == ' ' ||
	    l->s[line_start] == '\t'))
		line_start++;
	for (size_t fi = 0; fi < n_report_fields; fi++) {
		const pcre2_code *re = f->t->field[fi];
		size_t from = 0, after;

		while (re && rx_find(&f->P->rx, re, l->s, l->len, from, &m)) {
			if (boundary_before(l->s, m.start[0]) &&
			    value_start(l->s, l->len, m.end[0], &after,
			    m.start[0] == line_start)) {
				size_t end = label_annotation(l->s, l->len, m.end[0]);
				struct occ o = { m.start[0], after, (int)fi,
				    g_strndup(l->s + m.start[0],
				    end - m.start[0]) };
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

int
line_fields(struct form *f, const struct line *l, int *fields, int max)
{
	GArray *occs = labels_on(f, l);
	int n = 0;

	for (guint i = 0; i < occs->len && n < max; i++)
		fields[n++] = g_array_index(occs, struct occ, i).field;
	free_occs(occs);
	return n;
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
		if (!value_start(v, len, m.end[0], &after, FALSE))
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

/*
 * A label's value in a table row is the cell after it: a row may hold
 * two pairs (主管部门 | … | 实施单位（盖章） | …), and a label this family
 * does not know must not run into the value before it.
 */
static char *
first_cell(const struct line *part)
{
	GPtrArray *cells;
	char *v = NULL;

	if (!line_has_tab(part))
		return lines_join(part, 0, 1);
	cells = cells_split(part->s, part->len);
	for (guint k = 0; k < cells->len && v == NULL; k++)
		if (((char *)cells->pdata[k])[0] != '\0')
			v = g_strdup(cells->pdata[k]);
	g_ptr_array_free(cells, TRUE);
	return v ? v : g_strdup("");
}

/* The form's printed instruction, left unfilled: "…（100字以内）". */
static gboolean
is_prompt(struct form *f, const char *v)
{
	return v[0] != '\0' && rx_test(&f->P->rx, f->P->prompt, v);
}

/*
 * 项目负责人及电话 | 谢凯0838-7211924: one cell for both. The telephone
 * number that closes it is the phone, the rest the person.
 */
static void
split_contact(struct form *f, struct report *r)
{
	int lead = value_index(report_fields, n_report_fields, "leader");
	int phone = value_index(report_fields, n_report_fields, "phone");
	struct rx_match m;
	char *v = r->field[lead];

	if (v == NULL || r->field[phone] != NULL ||
	    !rx_find(&f->P->rx, f->P->phone, v, strlen(v), 0, &m) ||
	    m.start[0] == 0)
		return;
	r->field[phone] = rx_group(&m, v, 1);
	v[m.start[0]] = '\0';
	text_trim(v);
}

/* A text of the goal block: the column's rows joined, a prompt empty. */
static void
goal_set(struct form *f, struct report *r, const char *name, GString *text)
{
	int fi = value_index(report_fields, n_report_fields, name);

	if (text->len > 0 && !is_prompt(f, text->str) && r->field[fi] == NULL)
		r->field[fi] = g_strdup(text->str);
}

/* Is a cell the goal's label (0), goal_actual's (1), or neither (-1)? */
static int
goal_label(struct form *f, const char *cell)
{
	int g = value_index(report_fields, n_report_fields, "goal");
	int a = value_index(report_fields, n_report_fields, "goal_actual");

	return cell_is(f->P, f->t->field[g], cell) ? 0 :
	    cell_is(f->P, f->t->field[a], cell) ? 1 : -1;
}

/* Does a row hold a goal or goal_actual label as a cell of its own? */
static gboolean
goal_headers(struct form *f, GPtrArray *cells)
{
	for (guint k = 0; k < cells->len; k++)
		if (goal_label(f, cells->pdata[k]) >= 0)
			return TRUE;
	return FALSE;
}

/*
 * Which text a row of the goal block holds when it opens with a label of
 * its own (预期目标 | text, then 实际完成情况 | text, one row each): 0 for
 * the goal, 1 for goal_actual; -1 when its first cell after column k0 is
 * neither, or no text follows the label (预期目标 | 实际完成情况: the
 * header row of the two columns).
 */
static int
labelled_goal_row(struct form *f, GPtrArray *cells, guint k0, guint *text_at)
{
	guint k = k0 + 1;
	int named = -1;
	gboolean text = FALSE;

	while (k < cells->len && ((char *)cells->pdata[k])[0] == '\0')
		k++;
	if (k < cells->len)
		named = goal_label(f, cells->pdata[k]);
	for (guint j = k + 1; named >= 0 && j < cells->len; j++) {
		const char *c = cells->pdata[j];
		if (c[0] == '\0')
			continue;
		if (goal_label(f, c) >= 0)
			return -1;
		text = TRUE;
	}
	*text_at = k + 1;
	return text ? named : -1;
}

/*
 * The 年度总体目标 block: its label, two header cells on its row (预期目标 /
 * 实际完成情况, 年初设定目标 / 全年实际完成情况, …) and the two texts in the
 * row or rows below, under the merged label. The first text column is the
 * goal and the second what was achieved, whatever the headers say. A
 * block without rows below holds its texts on the label's row.
 */
static void
goal_block(struct form *f, struct report *r)
{
	const pcre2_code *re = f->t->goal_block;

	for (int i = 0; re && i < f->n; i++) {
		const struct line *l = &f->lines[i];
		GPtrArray *head;
		GArray *cols;
		GString *text[2];
		guint k0, head_at;
		int j, last, head_named;

		if (f->taken[i] || !line_has_tab(l))
			continue;
		head = cells_split(l->s, l->len);
		for (k0 = 0; k0 < head->len &&
		    ((char *)head->pdata[k0])[0] == '\0'; k0++)
			;
		if (k0 == head->len || !cell_is(f->P, re, head->pdata[k0])) {
			g_ptr_array_free(head, TRUE);
			continue;
		}
		/* The columns: where the header cells (or texts) start. */
		cols = g_array_new(FALSE, FALSE, sizeof(guint));
		for (guint k = k0 + 1; k < head->len; k++)
			if (((char *)head->pdata[k])[0] != '\0')
				g_array_append_val(cols, k);
		text[0] = g_string_new(NULL);
		text[1] = g_string_new(NULL);
		head_named = labelled_goal_row(f, head, k0, &head_at);
		last = i;
		for (j = i + 1; j < f->n; j++) {
			const struct line *b = &f->lines[j];
			GPtrArray *c;
			gboolean under = TRUE, any = FALSE;

			if (b->len == 0)
				continue;
			if (f->taken[j] || !line_has_tab(b))
				break;
			c = cells_split(b->s, b->len);
			for (guint k = 0; k < c->len; k++) {
				gboolean full = ((char *)c->pdata[k])[0] != '\0';
				under = under && (k > k0 || !full);
				any = any || full;
			}
			if (!under || !any) {
				g_ptr_array_free(c, TRUE);
				break;
			}
			/*
			 * A row that names its text (实际完成情况 | text under
			 * 预期目标 | text) holds that one; else the texts are
			 * under the header cells where the row has the same
			 * cells, or in their order.
			 */
			guint at;
			int named = head_named >= 0 ?
			    labelled_goal_row(f, c, k0, &at) : -1;
			if (named >= 0) {
				for (guint k = at; k < c->len; k++)
					text_join(text[named], c->pdata[k],
					    strlen(c->pdata[k]));
				g_ptr_array_free(c, TRUE);
				last = j;
				continue;
			}
			for (guint k = k0 + 1, n = 0; k < c->len; k++) {
				const char *t = c->pdata[k];
				guint which = MIN(n, 1);
				if (t[0] == '\0')
					continue;
				n++;
				for (guint h = 0; c->len == head->len &&
				    h < cols->len && h < 2; h++)
					if (g_array_index(cols, guint, h) <= k)
						which = h;
				text_join(text[which], t, strlen(t));
			}
			g_ptr_array_free(c, TRUE);
			last = j;
		}
		/*
		 * No rows under the label: its row holds the texts, unless
		 * they are the headers (预期目标 …), whose texts the fields
		 * below find where they are.
		 */
		if (head_named >= 0) {
			/* The label's row names its text: that text, first. */
			GString *rest = text[head_named];
			text[head_named] = g_string_new(NULL);
			for (guint k = head_at; k < head->len; k++)
				text_join(text[head_named], head->pdata[k],
				    strlen(head->pdata[k]));
			text_join(text[head_named], rest->str, rest->len);
			g_string_free(rest, TRUE);
		} else if (last == i && !goal_headers(f, head))
			for (guint h = 0; h < cols->len && h < 2; h++) {
				const char *t = head->pdata[g_array_index(cols,
				    guint, h)];
				g_string_append(text[h], t);
			}
		goal_set(f, r, "goal", text[0]);
		goal_set(f, r, "goal_actual", text[1]);
		for (j = i; j <= last && (last > i || text[0]->len > 0); j++)
			f->taken[j] = true;
		g_string_free(text[0], TRUE);
		g_string_free(text[1], TRUE);
		g_array_free(cols, TRUE);
		g_ptr_array_free(head, TRUE);
		break;
	}
}

void
fields_parse(struct form *f, struct report *r)
{
	struct rx_match m;

	goal_block(f, r);
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
			if (!line_has_tab(&part) && rx_find(&f->P->rx,
			    f->P->other_label, part.s, part.len, 0, &m))
				part.len = m.start[0];
			v = first_cell(&part);
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
			if (is_prompt(f, v))
				v[0] = '\0';
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
	split_contact(f, r);
}
