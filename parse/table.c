/*
 * The indicator table. Columns are found from the header row's labels
 * (template [indicators]), so a family that reorders or adds columns
 * needs a template, not code. Two renderings are read:
 *
 * - extract's table rows: one line per row, cells separated by TAB, a
 *   merged cell's text on the first row it spans and empty below it;
 * - a plain rendering (the seed text): cells one per line, wrapped, and
 *   a row ending with its numbers ("6 6", "质量达标率 14 13"). Cells are
 *   told apart by wrap width: the lines of one cell share a width, and a
 *   line wider than the one before it starts a new cell.
 */
#include <string.h>

#include "internal.h"
#include "text.h"

/* Wrapped lines of one cell differ in width by at most one CJK char. */
#define WRAP_SLACK 2

enum { MAXCOLS = 48 };

struct colmap {
	int col[MAXCOLS];	/* header cell -> record column, -1 if unknown */
	int n;
};

/* Words of a row without TAB: runs between spaces, TABs and U+3000. */
static GPtrArray *
split_words(const char *s, size_t len)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	size_t i = 0, from = 0;

	for (;;) {
		size_t gap = i == len ? 0 : s[i] == ' ' || s[i] == '\t' ? 1 :
		    len - i >= 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
		if (i == len || gap > 0) {
			char *w = text_strip(s + from, i - from);
			if (*w)
				g_ptr_array_add(cells, w);
			else
				g_free(w);
			if (i == len)
				break;
			i += gap;
			from = i;
		} else
			i++;
	}
	return cells;
}

static GPtrArray *
row_cells(const struct line *l)
{
	return line_has_tab(l) ? cells_split(l->s, l->len) :
	    split_words(l->s, l->len);
}

static void
map_header(struct form *f, const struct table_rule *rule, size_t ncols,
    const struct line *l, struct colmap *cm)
{
	GPtrArray *cells = row_cells(l);

	cm->n = MIN((int)cells->len, MAXCOLS);
	for (int i = 0; i < cm->n; i++) {
		cm->col[i] = -1;
		for (size_t c = 0; c < ncols; c++)
			if (rule->col[c] && cell_is(f->P, rule->col[c],
			    cells->pdata[i])) {
				cm->col[i] = (int)c;
				break;
			}
		/* A label said twice: the first header cell has the column. */
		for (int j = 0; j < i && cm->col[i] >= 0; j++)
			if (cm->col[j] == cm->col[i])
				cm->col[i] = -1;
	}
	g_ptr_array_free(cells, TRUE);
}

static gboolean
is_header(struct form *f, const struct table_rule *rule, const struct line *l)
{
	struct rx_match m;

	for (int h = 0; h < rule->n_header; h++)
		if (!rx_find(&f->P->rx, rule->header[h], l->s, l->len, 0, &m))
			return FALSE;
	return rule->n_header > 0;
}

/* The totals row starts with its label: "合计 100 96" or "合计<TAB>…". */
static gboolean
is_total(struct form *f, const struct table_rule *rule, const struct line *l)
{
	struct rx_match m;
	size_t i = 0;

	if (rule->total == NULL)
		return FALSE;
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	if (!rx_find(&f->P->rx, rule->total, l->s, l->len, i, &m) ||
	    m.start[0] != i)
		return FALSE;
	return m.end[0] == l->len || l->s[m.end[0]] == ' ' ||
	    l->s[m.end[0]] == '\t' || l->s[m.end[0]] == ':' ||
	    strncmp(l->s + m.end[0], "：", 3) == 0;
}

gboolean
line_is_total(struct form *f, const struct table_rule *rule,
    const struct line *l)
{
	return is_total(f, rule, l);
}

gboolean
line_is_header(struct form *f, const struct table_rule *rule,
    const struct line *l)
{
	return is_header(f, rule, l);
}

static gboolean
is_stop(struct form *f, const struct table_rule *rule, const struct line *l)
{
	size_t after;

	return rule->stop && line_heads(f->P, rule->stop, l, &after);
}

static void
set_total(struct report *r, const char *weight, const char *score)
{
	int w = value_index(report_fields, n_report_fields, "total_weight");
	int s = value_index(report_fields, n_report_fields, "total_score");

	if (weight && *weight && r->field[w] == NULL)
		r->field[w] = g_strdup(weight);
	if (score && *score && r->field[s] == NULL)
		r->field[s] = g_strdup(score);
}

/* ---- extract's TAB rows ---- */

static int
icol(const char *name)
{
	return value_index(indicator_cols, n_indicator_cols, name);
}

/*
 * A cell that states nothing: blank, or a filler the form prints where
 * it has nothing to say (……, …, /, —, 无, 略).
 */
static gboolean
is_filler(struct form *f, const char *c)
{
	return c == NULL || rx_test(&f->P->rx, f->P->filler, c);
}

/*
 * An indicator row names or measures something: an indicator name, a
 * target, an actual value, a weight or a score. A 二级指标 printed with
 * nothing beside it (经济效益指标 left empty) and filler rows are not.
 */
static gboolean
is_indicator(struct form *f, const struct row *row)
{
	static const char *const what[] = { "name", "explanation", "target",
	    "actual", "weight", "score" };

	for (size_t i = 0; i < G_N_ELEMENTS(what); i++)
		if (!is_filler(f, row->col[icol(what[i])]))
			return TRUE;
	return FALSE;
}

/*
 * The target as a reader says it. A form that splits it into 指标性质 /
 * 指标值 / 度量单位 columns (= | 100 | %) is read as "=100%": the 指标性质
 * when it is a comparison, the value, the unit when the value has none.
 * A 指标性质 that is no comparison (定性, 定量) stays in its own column.
 */
static void
join_target(struct form *f, struct row *row)
{
	char *nature = row->col[icol("nature")];
	char *unit = row->col[icol("measure_unit")];
	char **target = &row->col[icol(composed_col)];
	GString *t;

	if (*target == NULL || (nature == NULL && unit == NULL))
		return;
	t = g_string_new(NULL);
	if (nature && cell_is(f->P, f->P->comparison, nature))
		g_string_append(t, text_trim(nature));
	g_string_append(t, *target);
	if (unit && rx_test(&f->P->rx, f->P->bare_number, *target))
		g_string_append(t, unit);
	g_free(*target);
	*target = g_string_free(t, FALSE);
}

/*
 * A 小计 row sums the indicators above it (a 一级's weights and scores):
 * it is no indicator, and the 一级 / 二级 labels in force stay.
 */
static gboolean
is_subtotal(struct form *f, const struct table_rule *rule,
    const struct row *row)
{
	static const char *const labels[] = { "level1", "level2", "name" };

	for (size_t i = 0; rule->subtotal && i < G_N_ELEMENTS(labels); i++)
		if (row->col[icol(labels[i])] != NULL && cell_is(f->P,
		    rule->subtotal, row->col[icol(labels[i])]))
			return TRUE;
	return FALSE;
}

static void
row_free(struct row *row)
{
	for (size_t c = 0; c < G_N_ELEMENTS(row->col); c++)
		g_free(row->col[c]);
	g_free(row);
}

static void
read_tab_rows(struct form *f, struct report *r, int from, int to,
    const struct colmap *cm)
{
	const struct table_rule *rule = &f->t->indicators;
	int c_weight = icol("weight"), c_score = icol("score");
	int c_l1 = icol("level1"), c_l2 = icol("level2");
	int c_w1 = icol("level1_weight"), c_w2 = icol("level2_weight");
	/*
	 * The merged 一级 / 二级 labels in force (and their weights, where
	 * they have columns): a merged cell is written on the first row it
	 * spans only, and that row may be one that is not stored (a
	 * filler), so the labels are kept apart from the rows.
	 */
	char *l1 = NULL, *l2 = NULL, *w1 = NULL, *w2 = NULL;

	for (int i = from; i < to; i++) {
		const struct line *l = &f->lines[i];
		GPtrArray *cells;
		struct row *row;
		gboolean any = FALSE;

		if (is_stop(f, rule, l))
			break;
		if (is_header(f, rule, l))
			continue;	/* repeated on a new page */
		cells = cells_split(l->s, l->len);
		if (is_total(f, rule, l)) {
			const char *w = NULL, *s = NULL;
			for (guint k = 0; k < cells->len && (int)k < cm->n; k++) {
				if (cm->col[k] == c_weight)
					w = cells->pdata[k];
				if (cm->col[k] == c_score)
					s = cells->pdata[k];
			}
			set_total(r, w, s);
			g_ptr_array_free(cells, TRUE);
			break;
		}
		row = row_new(l->page);
		for (guint k = 0; k < cells->len && (int)k < cm->n; k++) {
			const char *c = cells->pdata[k];
			if (cm->col[k] < 0 || c[0] == '\0')
				continue;
			row->col[cm->col[k]] = g_strdup(c);
			any = TRUE;
		}
		g_ptr_array_free(cells, TRUE);
		if (!any || is_subtotal(f, rule, row)) {
			row_free(row);
			continue;
		}
		if (row->col[c_l1] != NULL) {
			g_free(l1);
			g_free(l2);
			g_free(w1);
			g_free(w2);
			l1 = g_strdup(row->col[c_l1]);
			l2 = g_strdup(row->col[c_l2]);
			w1 = g_strdup(row->col[c_w1]);
			w2 = g_strdup(row->col[c_w2]);
		} else if (row->col[c_l2] != NULL) {
			g_free(l2);
			g_free(w2);
			l2 = g_strdup(row->col[c_l2]);
			w2 = g_strdup(row->col[c_w2]);
		}
		if (!is_indicator(f, row)) {
			row_free(row);
			continue;
		}
		if (row->col[c_l1] == NULL) {
			row->col[c_l1] = g_strdup(l1);
			row->col[c_w1] = g_strdup(w1);
			if (row->col[c_l2] == NULL) {
				row->col[c_l2] = g_strdup(l2);
				row->col[c_w2] = g_strdup(w2);
			}
		}
		join_target(f, row);
		g_ptr_array_add(r->indicators, row);
	}
	g_free(l1);
	g_free(l2);
	g_free(w1);
	g_free(w2);
}

/* ---- plain rendering ---- */

struct piece {
	char *text;
	size_t width;
	gboolean blank_before;	/* an empty line came before it */
	gboolean own_cell;	/* a word of a numbers line: a cell of its own */
	int page;
};

static void
pieces_clear(GArray *p)
{
	for (guint i = 0; i < p->len; i++)
		g_free(g_array_index(p, struct piece, i).text);
	g_array_set_size(p, 0);
}

/* Group wrapped lines into cells by their widths. */
static GPtrArray *
group_cells(GArray *pieces, guint from)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	GString *cur = NULL;
	size_t prevw = 0, maxw = 0;
	int nlines = 0;

	for (guint i = from; i < pieces->len; i++) {
		struct piece *p = &g_array_index(pieces, struct piece, i);
		gboolean cut = cur == NULL || p->own_cell ||
		    p->width > prevw + WRAP_SLACK ||
		    (p->blank_before && (nlines == 1 ||
		    prevw + WRAP_SLACK < maxw));

		if (i > from && g_array_index(pieces, struct piece, i - 1).own_cell)
			cut = TRUE;
		if (cut) {
			if (cur)
				g_ptr_array_add(cells, g_string_free(cur, FALSE));
			cur = g_string_new(NULL);
			maxw = 0;
			nlines = 0;
		}
		text_join(cur, p->text, strlen(p->text));
		prevw = p->width;
		maxw = MAX(maxw, p->width);
		nlines++;
	}
	if (cur)
		g_ptr_array_add(cells, g_string_free(cur, FALSE));
	return cells;
}

static void
plain_row(struct form *f, struct report *r, GArray *pieces,
    const struct colmap *cm, char **level1, const char *n1, const char *n2,
    int page)
{
	int c_l1 = value_index(indicator_cols, n_indicator_cols, "level1");
	int textcols[MAXCOLS], numcols[MAXCOLS], nt = 0, nn = 0;
	struct row *row;
	guint start = 0;
	GPtrArray *cells;

	/* A 一级指标 label ends with its maximum: "投入与管理" "(36分)". */
	for (guint i = 0; i < pieces->len; i++) {
		struct piece *p = &g_array_index(pieces, struct piece, i);
		if (!p->own_cell && rx_test(&f->P->rx, f->P->level1_weight,
		    p->text)) {
			GString *l1 = g_string_new(NULL);
			for (guint j = 0; j <= i; j++) {
				const char *t = g_array_index(pieces,
				    struct piece, j).text;
				text_join(l1, t, strlen(t));
			}
			g_free(*level1);
			*level1 = g_string_free(l1, FALSE);
			start = i + 1;
			break;
		}
	}
	for (int k = 0; k < cm->n; k++) {
		int c = cm->col[k];
		if (c < 0 || c == c_l1)
			continue;
		if (indicator_cols[c].kind == VK_NUMBER)
			numcols[nn++] = c;
		else if (strcmp(indicator_cols[c].name, "note") != 0)
			textcols[nt++] = c;
	}
	row = row_new(pieces->len > start ?
	    g_array_index(pieces, struct piece, start).page : page);
	row->col[c_l1] = g_strdup(*level1);
	cells = group_cells(pieces, start);
	/* More cells than columns: the surplus is the first cell's wrap. */
	while (nt > 0 && (int)cells->len > nt) {
		GString *a = g_string_new(cells->pdata[0]);
		text_join(a, cells->pdata[1], strlen(cells->pdata[1]));
		g_free(cells->pdata[1]);
		cells->pdata[1] = g_string_free(a, FALSE);
		g_ptr_array_remove_index(cells, 0);
	}
	for (int k = 0; k < nt && k < (int)cells->len; k++)
		row->col[textcols[k]] = g_strdup(cells->pdata[k]);
	if (nn > 0 && n1)
		row->col[numcols[0]] = g_strdup(n1);
	if (nn > 1 && n2)
		row->col[numcols[1]] = g_strdup(n2);
	g_ptr_array_free(cells, TRUE);
	g_ptr_array_add(r->indicators, row);
}

static void
read_plain_rows(struct form *f, struct report *r, int from, int to,
    const struct colmap *cm)
{
	const struct table_rule *rule = &f->t->indicators;
	GArray *pieces = g_array_new(FALSE, FALSE, sizeof(struct piece));
	char *level1 = NULL;
	gboolean blank = FALSE;
	int c_score = value_index(indicator_cols, n_indicator_cols, "score");
	struct rx_match m;

	for (int i = from; i < to; i++) {
		const struct line *l = &f->lines[i];
		char *t = text_strip(l->s, l->len);

		if (t[0] == '\0') {
			blank = TRUE;
			g_free(t);
			continue;
		}
		if (is_stop(f, rule, l)) {
			g_free(t);
			break;
		}
		gboolean nums = rx_find(&f->P->rx, f->P->numline, t, strlen(t),
		    0, &m);
		if (is_total(f, rule, l)) {
			if (nums) {
				char *w = rx_group(&m, t, 2), *s = rx_group(&m, t, 3);
				set_total(r, w, s);
				g_free(w);
				g_free(s);
			}
			g_free(t);
			break;
		}
		if (!nums) {
			struct piece p = { t, text_width(t, strlen(t)), blank,
			    FALSE, l->page };
			g_array_append_val(pieces, p);
			blank = FALSE;
			continue;
		}
		char *lead = rx_group(&m, t, 1);
		char *n1 = rx_group(&m, t, 2), *n2 = rx_group(&m, t, 3);
		text_trim(lead);
		if (pieces->len == 0 && lead[0] == '\0' && n2 == NULL &&
		    r->indicators->len > 0) {
			/* A score on a line of its own, below its weight. */
			struct row *prev = g_ptr_array_index(r->indicators,
			    r->indicators->len - 1);
			if (prev->col[c_score] == NULL)
				prev->col[c_score] = g_strdup(n1);
		} else {
			GPtrArray *words = split_words(lead, strlen(lead));
			for (guint w = 0; w < words->len; w++) {
				char *x = words->pdata[w];
				struct piece p = { g_strdup(x),
				    text_width(x, strlen(x)), FALSE, TRUE,
				    l->page };
				g_array_append_val(pieces, p);
			}
			g_ptr_array_free(words, TRUE);
			plain_row(f, r, pieces, cm, &level1, n1, n2, l->page);
			pieces_clear(pieces);
		}
		g_free(lead);
		g_free(n1);
		g_free(n2);
		g_free(t);
		blank = FALSE;
	}
	pieces_clear(pieces);
	g_array_free(pieces, TRUE);
	g_free(level1);
}

static gboolean
section_at(struct form *f, int i)
{
	for (int k = 0; k < N_KINDS; k++)
		if (f->section[k] == i)
			return TRUE;
	return FALSE;
}

int
table_end(struct form *f, const struct table_rule *rule, int head,
    bool total_last)
{
	gboolean tabs;
	guint ncells = 0;

	if (head < 0)
		return -1;
	tabs = line_has_tab(&f->lines[head]);
	if (tabs) {
		GPtrArray *c = cells_split(f->lines[head].s, f->lines[head].len);
		ncells = c->len;
		g_ptr_array_free(c, TRUE);
	}
	for (int i = head + 1; i < f->n; i++) {
		const struct line *l = &f->lines[i];
		if (section_at(f, i) || is_stop(f, rule, l) ||
		    i == f->indicators || i == f->funds || i == f->tasks)
			return i;
		if (tabs) {
			GPtrArray *c;
			guint n;
			if (l->len == 0)
				continue;
			if (!line_has_tab(l))
				return i;
			c = cells_split(l->s, l->len);
			n = c->len;
			g_ptr_array_free(c, TRUE);
			/* Another band of columns: another table. */
			if (n != ncells)
				return i;
		}
		if (total_last && is_total(f, rule, l))
			return i + 1;
	}
	return f->n;
}

/* The indicator columns a table must have, each with its alternatives. */
static const char *const core_cols[][3] = { { "target", "target_initial",
    "target_adjusted" }, { "actual" }, { "weight" }, { "score" } };

/* Does any header cell stand for one of core's columns? */
static bool
core_found(const char *const core[3], const struct colmap *cm)
{
	for (size_t j = 0; j < 3 && core[j]; j++)
		for (int i = 0; i < cm->n; i++)
			if (cm->col[i] == icol(core[j]))
				return true;
	return false;
}

/* Is cell, up to its bracketed annotation, label but for one character? */
static bool
one_off(const char *cell, const char *label)
{
	glong n = 0, m = 0, differ = 0;
	gunichar *a = g_utf8_to_ucs4_fast(cell, -1, &n);
	gunichar *b = g_utf8_to_ucs4_fast(label, -1, &m);

	for (glong i = 0; i < n; i++)
		if (a[i] == 0xFF08 || a[i] == '(') {
			n = i;
			break;
		}
	for (glong i = 0; n == m && i < n; i++)
		differ += a[i] != b[i];
	g_free(a);
	g_free(b);
	return n == m && m >= 3 && differ == 1;
}

/*
 * A header cell a character off a column's label (实际完成直 for 实际完成值:
 * OCR read the 值 wrapped onto its own line as 直; a typist's slip), where
 * the table otherwise lacks that column, is that column: else every
 * figure under it is lost. The report says so, for an audit row.
 */
static void
near_labels(struct form *f, struct report *r, const struct line *head,
    struct colmap *cm)
{
	const struct table_rule *rule = &f->t->indicators;
	GPtrArray *cells = row_cells(head);

	for (size_t k = 0; k < G_N_ELEMENTS(core_cols); k++) {
		int c = icol(core_cols[k][0]), at = -1, hits = 0;
		const char *as = NULL;
		if (core_found(core_cols[k], cm) || rule->names[c] == NULL)
			continue;
		for (int i = 1; i < cm->n; i++)
			for (char **l = rule->names[c]; cm->col[i] < 0 && *l;
			    l++)
				if (one_off(cells->pdata[i], *l)) {
					at = i;
					as = *l;
					hits++;
					break;
				}
		if (hits != 1)
			continue;
		cm->col[at] = c;
		g_ptr_array_add(r->notes, g_strdup_printf("indicator table: "
		    "header %s read as %s (%s)", (char *)cells->pdata[at],
		    core_cols[k][0], as));
	}
	g_ptr_array_free(cells, TRUE);
}

/*
 * A column the table must have (target, actual, weight, score: the
 * family's template names it) that no header cell was read as, while
 * some header cells were read as nothing: a label of another province
 * (年度实现情况), and every figure under it lost. The report says which
 * headers were not read, for an audit row.
 */
static void
note_unread(struct form *f, struct report *r, const struct line *head,
    const struct colmap *cm)
{
	GString *lost = g_string_new(NULL), *unread = g_string_new(NULL);
	GPtrArray *cells = row_cells(head);

	for (size_t k = 0; k < G_N_ELEMENTS(core_cols); k++) {
		bool defined = false;
		for (size_t j = 0; j < 3 && core_cols[k][j]; j++)
			defined = defined ||
			    f->t->indicators.col[icol(core_cols[k][j])] != NULL;
		if (defined && !core_found(core_cols[k], cm))
			g_string_append_printf(lost, "%s%s", lost->len ?
			    ", " : "", core_cols[k][0]);
	}
	/* The first cell is the block's own label (绩效指标), or 序号. */
	for (int i = 1; lost->len && i < cm->n; i++)
		if (cm->col[i] < 0 && ((char *)cells->pdata[i])[0] != '\0')
			g_string_append_printf(unread, "%s%s", unread->len ?
			    ", " : "", (char *)cells->pdata[i]);
	if (unread->len)
		g_ptr_array_add(r->notes, g_strdup_printf("indicator table: "
		    "no column read as %s; its headers not read: %s",
		    lost->str, unread->str));
	g_ptr_array_free(cells, TRUE);
	g_string_free(lost, TRUE);
	g_string_free(unread, TRUE);
}

/*
 * A scoring sheet gives each level its own 分值 column (一级指标 | 分值 |
 * 二级指标 | 分值 | 三级指标 | 分值): a weight label right after the 一级 or
 * 二级 column is that level's weight; the indicator's is the one left.
 */
static void
level_weights(struct form *f, const struct line *head, struct colmap *cm)
{
	const pcre2_code *w = f->t->indicators.col[icol("weight")];
	GPtrArray *cells = row_cells(head);
	bool weight = false;

	for (int i = 1; w && i < cm->n; i++) {
		int left = cm->col[i - 1];
		if (!cell_is(f->P, w, cells->pdata[i]))
			continue;
		if (left == icol("level1"))
			cm->col[i] = icol("level1_weight");
		else if (left == icol("level2"))
			cm->col[i] = icol("level2_weight");
		else if (!weight)
			cm->col[i] = icol("weight");
		weight = weight || cm->col[i] == icol("weight");
	}
	g_ptr_array_free(cells, TRUE);
}

void
indicators_parse(struct form *f, struct report *r)
{
	const struct line *head;
	struct colmap cm;

	if (f->indicators < 0)
		return;
	head = &f->lines[f->indicators];
	map_header(f, &f->t->indicators, n_indicator_cols, head, &cm);
	level_weights(f, head, &cm);
	near_labels(f, r, head, &cm);
	note_unread(f, r, head, &cm);
	if (line_has_tab(head))
		read_tab_rows(f, r, f->indicators + 1, f->indicators_end, &cm);
	else
		read_plain_rows(f, r, f->indicators + 1, f->indicators_end, &cm);
}

/*
 * A funds cell: an amount, a percentage, or a dash for "not applicable";
 * not words with numbers in them (a goal's text set in a row under the
 * block: 完成26公里河涌清淤…), which would carry the block on.
 */
static gboolean
fund_value(const char *c)
{
	static const char *const dashes[] = { "—", "-", "－", "/", "——", "–" };
	bool digit = false;
	int words = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(dashes); i++)
		if (strcmp(c, dashes[i]) == 0)
			return TRUE;
	for (const char *p = c; *p; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);
		digit = digit || g_unichar_isdigit(u);
		if (g_unichar_get_script(u) == G_UNICODE_SCRIPT_HAN &&
		    !g_utf8_strchr("万亿千元", -1, u))
			words++;
	}
	return digit && words <= 2;
}

/* Is the cell a group label (按收入性质分)? Sets *group when it is. */
static gboolean
fund_group_of(struct form *f, const char *cell, int *group)
{
	for (int g = 0; g < N_FUND_GROUPS; g++)
		if (f->t->fund_group[g] && cell_is(f->P, f->t->fund_group[g],
		    cell)) {
			*group = g;
			return TRUE;
		}
	return FALSE;
}

/* The group a row's own label puts it in (一般公共预算, 基本支出), or -1. */
static int
fund_member_of(struct form *f, const char *label)
{
	struct rx_match m;

	for (int g = 0; label && g < N_FUND_GROUPS; g++)
		if (f->t->fund_member[g] && rx_find(&f->P->rx,
		    f->t->fund_member[g], label, strlen(label), 0, &m))
			return g;
	return -1;
}

/*
 * 其中：上级补助 under 一般公共预算, in the 收入性质 group: a part of the
 * row above, which the group's sum already holds.
 */
static gboolean
part_of_above(const struct report *r, const char *label, const char *group)
{
	int c_group = value_index(fund_cols, n_fund_cols, "group");
	const struct row *above = r->funds->len ?
	    r->funds->pdata[r->funds->len - 1] : NULL;

	return label != NULL && g_str_has_prefix(label, "其中") &&
	    above != NULL && g_strcmp0(above->col[c_group], group) == 0;
}

/* The funds header's own label: its first cell no column claims. */
static char *
header_label(struct form *f, const struct colmap *cm)
{
	const struct line *l = &f->lines[f->funds];
	GPtrArray *cells = cells_split(l->s, l->len);
	char *label = NULL;

	for (guint k = 0; k < cells->len && (int)k < cm->n && !label; k++)
		if (cm->col[k] < 0 && ((char *)cells->pdata[k])[0] != '\0')
			label = g_strdup(cells->pdata[k]);
	g_ptr_array_free(cells, TRUE);
	return label;
}

/* Funds columns that the total row gives to the report. */
static const struct {
	const char *col, *field;
} fund_fields[] = {
	{ "initial", "budget_initial" }, { "budget", "budget" },
	{ "executed", "executed" }, { "weight", "exec_weight" },
	{ "rate", "exec_rate" }, { "score", "exec_score" },
};

/*
 * The money unit the funds' own column headers state (年初预算数（元）,
 * 全年执行数（元）): the unit of the figures under them, whatever the
 * family's default (a form whose 项目资金 label states no unit).
 */
static void
header_unit(struct form *f, const struct line *head, const struct colmap *cm,
    struct report *r)
{
	GPtrArray *cells = cells_split(head->s, head->len);
	struct rx_match m;

	for (guint k = 0; k < cells->len && (int)k < cm->n; k++) {
		const char *c = cells->pdata[k];
		if (cm->col[k] < 0 || fund_cols[cm->col[k]].kind != VK_MONEY ||
		    !rx_find(&f->P->rx, f->P->money_unit, c, strlen(c), 0, &m))
			continue;
		g_free(r->money_unit);
		r->money_unit = rx_group(&m, c, 1);
		break;
	}
	g_ptr_array_free(cells, TRUE);
}

/*
 * The funds block (项目支出绩效自评表): a header row naming the columns
 * (年初预算数, 全年预算数, …), then one row per source of money, its label
 * in the first cell that no column claims. The total row's figures are
 * the report's budget, execution and the execution score.
 */
void
funds_parse(struct form *f, struct report *r)
{
	struct colmap cm;
	int c_label = value_index(fund_cols, n_fund_cols, "label");
	int c_group = value_index(fund_cols, n_fund_cols, "group");
	int group = -1;
	struct row *total = NULL;

	if (f->funds < 0 || !line_has_tab(&f->lines[f->funds]))
		return;
	map_header(f, &f->t->funds, n_fund_cols, &f->lines[f->funds], &cm);
	header_unit(f, &f->lines[f->funds], &cm, r);
	for (int i = f->funds + 1; i < f->funds_end; i++) {
		const struct line *l = &f->lines[i];
		GPtrArray *cells = cells_split(l->s, l->len);
		struct row *row = row_new(l->page);
		gboolean values = FALSE;
		char *grouped = NULL;	/* the group row's label as written */

		for (guint k = 0; k < cells->len && (int)k < cm.n; k++) {
			const char *c = cells->pdata[k];
			int other;
			if (c[0] == '\0')
				continue;
			/*
			 * A second label in a figures column (按支出性质分 set
			 * beside 按收入性质分): its half of the row is not read.
			 */
			if (cm.col[k] >= 0 && (fund_group_of(f, c, &other) ||
			    fund_member_of(f, c) >= 0))
				break;
			if (cm.col[k] >= 0) {
				values = values || fund_value(c);
				/* A claimed cell beats an unclaimed one. */
				g_free(row->col[cm.col[k]]);
				row->col[cm.col[k]] = g_strdup(c);
			} else if (fund_group_of(f, c, &group)) {
				g_free(grouped);
				grouped = g_strdup(c);
			} else if (row->col[c_label] == NULL)
				row->col[c_label] = g_strdup(c);
		}
		g_ptr_array_free(cells, TRUE);
		/* 按收入性质分 with figures: the group's subtotal, in no group. */
		if (grouped && values && row->col[c_label] == NULL) {
			row->col[c_label] = grouped;
			grouped = NULL;
		} else if (row->col[c_group] == NULL) {
			/* 基本支出 without a 按支出性质分 above it is still one. */
			int member = fund_member_of(f, row->col[c_label]);
			if (member < 0 && group >= 0 && part_of_above(r,
			    row->col[c_label], fund_groups[group]))
				;	/* in no group: its sum is the row's above */
			else if (member >= 0 || group >= 0)
				row->col[c_group] = g_strdup(fund_groups[
				    member >= 0 ? member : group]);
		}
		/* A block of one row of figures is named by its header. */
		if (values && row->col[c_label] == NULL && r->funds->len == 0)
			row->col[c_label] = header_label(f, &cm);
		/* 按收入性质分 alone on its row opens a group of rows. */
		if (grouped && !values && row->col[c_label] == NULL) {
			for (size_t c = 0; c < G_N_ELEMENTS(row->col); c++)
				g_free(row->col[c]);
			g_free(row);
			g_free(grouped);
			continue;
		}
		g_free(grouped);
		if (!values || row->col[c_label] == NULL) {
			/* The block ends where its rows stop holding figures. */
			for (size_t c = 0; c < G_N_ELEMENTS(row->col); c++)
				g_free(row->col[c]);
			g_free(row);
			f->funds_end = i;
			break;
		}
		g_ptr_array_add(r->funds, row);
		if (total == NULL && cell_is(f->P, f->t->funds.total,
		    row->col[c_label]))
			total = row;
	}
	if (total == NULL && r->funds->len > 0)
		total = g_ptr_array_index(r->funds, 0);
	for (size_t i = 0; total && i < G_N_ELEMENTS(fund_fields); i++) {
		int c = value_index(fund_cols, n_fund_cols, fund_fields[i].col);
		int fi = value_index(report_fields, n_report_fields,
		    fund_fields[i].field);
		if (total->col[c] && r->field[fi] == NULL)
			r->field[fi] = g_strdup(total->col[c]);
	}
}

/*
 * A department's 年度主要任务: a header row (任务名称, 主要内容, 预算数,
 * 执行数) and a row per task; the block's own label (年度主要任务) stands
 * in a cell no column claims. A totals row is not a task.
 */
void
tasks_parse(struct form *f, struct report *r)
{
	const struct table_rule *rule = &f->t->tasks;
	struct colmap cm;

	if (f->tasks < 0 || !line_has_tab(&f->lines[f->tasks]))
		return;
	map_header(f, rule, n_task_cols, &f->lines[f->tasks], &cm);
	for (int i = f->tasks + 1; i < f->tasks_end; i++) {
		const struct line *l = &f->lines[i];
		GPtrArray *cells;
		struct row *row;
		gboolean any = FALSE;

		if (l->len == 0 || is_header(f, rule, l))
			continue;
		if (is_stop(f, rule, l))
			break;
		cells = cells_split(l->s, l->len);
		row = row_new(l->page);
		for (guint k = 0; k < cells->len && (int)k < cm.n; k++) {
			const char *c = cells->pdata[k];
			if (cm.col[k] < 0 || c[0] == '\0')
				continue;
			if (rule->total && cell_is(f->P, rule->total, c)) {
				any = FALSE;
				break;
			}
			row->col[cm.col[k]] = g_strdup(c);
			any = TRUE;
		}
		g_ptr_array_free(cells, TRUE);
		if (!any) {
			for (size_t c = 0; c < G_N_ELEMENTS(row->col); c++)
				g_free(row->col[c]);
			g_free(row);
			continue;
		}
		g_ptr_array_add(r->tasks, row);
	}
}
