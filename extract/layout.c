#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "geom.h"
#include "gridpng.h"
#include "layout.h"
#include "status.h"
#include "text.h"

/* Pixels per point for finding rules: one is enough for 0.5 pt lines. */
#define RULE_SCALE 1.0
/*
 * Gaps, in heights of the taller glyph box, that make a space or a cell
 * break. Between Chinese and Latin text word processors add about a fifth
 * of a box of "autospace" that nobody typed; a typed space is as wide, so
 * only a gap of about two spaces counts there.
 */
#define SPACE 0.15
#define MIXED_SPACE 0.35
#define COLUMN_GAP 2.0
/* Room left at the end of a cell's line that marks a paragraph's end. */
#define PARAGRAPH_GAP 2.5
/* Top and bottom share of the page where headers and footers live. */
#define MARGIN 0.08
/* A margin line in type this much smaller than the body is furniture. */
#define SMALL_PRINT 0.9
/* A margin line in type this much larger than the body is a title. */
#define TITLE_PRINT 1.15
/* Points two grids may differ by and still be one table across pages. */
#define SAME_COLUMN 3.0

/* A slot's text, and whether a cell starts in its row (not covered from above). */
#define CELL(row, j) ((row)->cells[j].text)
#define STARTS(row, j) (!(row)->cells[j].above)

static bool
is_blank(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x3000 || c == 0xA0 || c == 0;
}

/*
 * Poppler makes a glyph's box from the font's ascent and descent; for a
 * Type 3 font (Chromium embeds CJK fonts so) that can be two and a half
 * ems tall, and such boxes would swallow the table rules and merge lines.
 * A CJK character is square, so its box is cut to about its width around
 * the same centre; other characters to the page's usual CJK width.
 */
static void
tame_boxes(GArray *gs)
{
	GArray *w = g_array_new(FALSE, FALSE, sizeof(double));
	double em;

	for (guint i = 0; i < gs->len; i++) {
		const struct glyph *g = &g_array_index(gs, struct glyph, i);
		double d = g->x2 - g->x1;
		if (text_is_cjk(g->c) && d > 0)
			g_array_append_val(w, d);
	}
	if (w->len == 0) {
		g_array_free(w, TRUE);
		return;
	}
	em = median(w);
	g_array_free(w, TRUE);
	for (guint i = 0; i < gs->len; i++) {
		struct glyph *g = &g_array_index(gs, struct glyph, i);
		double limit = 1.3 * (text_is_cjk(g->c) ? g->x2 - g->x1 : em);
		double mid = (g->y1 + g->y2) / 2;
		if (limit > 0 && g->y2 - g->y1 > limit) {
			g->y1 = mid - limit / 2;
			g->y2 = mid + limit / 2;
		}
	}
}

/*
 * Which way a line runs from a to b, its next character: counted where
 * the two are neighbours (a landscape form set sideways on a portrait
 * page, or turned by the page's /Rotate, runs down or up).
 */
static void
count_run(const struct glyph *a, const struct glyph *b, int runs[4])
{
	double dx = (b->x1 + b->x2 - a->x1 - a->x2) / 2;
	double dy = (b->y1 + b->y2 - a->y1 - a->y2) / 2;
	double size = MAX(a->x2 - a->x1, a->y2 - a->y1);

	if (size <= 0 || hypot(dx, dy) > 2 * size)
		return;
	if (fabs(dx) >= 2 * fabs(dy))
		runs[dx > 0 ? 0 : 2]++;
	else if (fabs(dy) >= 2 * fabs(dx))
		runs[dy > 0 ? 1 : 3]++;
}

/*
 * The quarter turns that make the page's text run right: none unless
 * most of its lines run another way (a few turned labels, or a cell
 * too narrow for more than a character a line, do not turn a page).
 */
static int
page_turn(const struct layout_stats *st)
{
	int best = 0;

	for (int k = 1; k < 4; k++)
		if (st->runs[k] > st->runs[best])
			best = k;
	if (best == 0 || st->runs[best] < 10 ||
	    st->runs[best] < 3 * st->runs[0])
		return 0;
	return best;
}

void
turn_matrix(int turn, double w, double h, double m[6])
{
	/* (x, y) goes to: 1 (y, w - x); 2 (w - x, h - y); 3 (h - y, x). */
	static const double rot[4][4] = {
		{ 1, 0, 0, 1 }, { 0, -1, 1, 0 }, { -1, 0, 0, -1 }, { 0, 1, -1, 0 },
	};
	const double *r = rot[turn & 3];

	m[0] = r[0]; m[1] = r[1]; m[2] = r[2]; m[3] = r[3];
	m[4] = turn == 2 ? w : turn == 3 ? h : 0;
	m[5] = turn == 1 ? w : turn == 2 ? h : 0;
}

static void
turn_point(const double m[6], double *x, double *y)
{
	double nx = m[0] * *x + m[2] * *y + m[4];
	double ny = m[1] * *x + m[3] * *y + m[5];

	*x = nx;
	*y = ny;
}

static void
turn_glyphs(const double m[6], GArray *gs)
{
	for (guint i = 0; i < gs->len; i++) {
		struct glyph *g = &g_array_index(gs, struct glyph, i);
		double x1 = g->x1, y1 = g->y1, x2 = g->x2, y2 = g->y2;
		turn_point(m, &x1, &y1);
		turn_point(m, &x2, &y2);
		g->x1 = MIN(x1, x2); g->x2 = MAX(x1, x2);
		g->y1 = MIN(y1, y2); g->y2 = MAX(y1, y2);
	}
}

/* The rules turned by m: a quarter turn makes horizontal ones vertical. */
static void
turn_segs(const double m[6], GArray **hsegs, GArray **vsegs)
{
	GArray *h = g_array_new(FALSE, FALSE, sizeof(struct seg));
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct seg));

	for (int vert = 0; vert < 2; vert++) {
		GArray *from = vert ? *vsegs : *hsegs;
		for (guint i = 0; i < from->len; i++) {
			const struct seg *s = &g_array_index(from, struct seg, i);
			double x1 = vert ? s->pos : s->a, y1 = vert ? s->a : s->pos;
			double x2 = vert ? s->pos : s->b, y2 = vert ? s->b : s->pos;
			turn_point(m, &x1, &y1);
			turn_point(m, &x2, &y2);
			bool across = fabs(y1 - y2) < fabs(x1 - x2);
			struct seg t = across ?
			    (struct seg){ y1, MIN(x1, x2), MAX(x1, x2) } :
			    (struct seg){ x1, MIN(y1, y2), MAX(y1, y2) };
			g_array_append_val(across ? h : v, t);
		}
		g_array_free(from, TRUE);
	}
	*hsegs = h;
	*vsegs = v;
}

/* The page's characters with their boxes, white space left out. */
static GArray *
page_glyphs(PopplerPage *page, struct layout_stats *st)
{
	GArray *gs = g_array_new(FALSE, FALSE, sizeof(struct glyph));
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint n = 0, i = 0;

	if (text && poppler_page_get_text_layout(page, &rects, &n)) {
		bool newline = true;
		for (const char *p = text; *p && i < n;
		    p = g_utf8_next_char(p), i++) {
			gunichar c = g_utf8_get_char(p);
			if (c == '\n')
				newline = true;
			if (is_blank(c))
				continue;
			struct glyph g = { c, rects[i].x1, rects[i].y1,
			    rects[i].x2, rects[i].y2, false };
			if (g.x2 < g.x1) {
				double t = g.x1; g.x1 = g.x2; g.x2 = t;
			}
			if (g.y2 < g.y1) {
				double t = g.y1; g.y1 = g.y2; g.y2 = t;
			}
			if (!newline && gs->len > 0)
				count_run(&g_array_index(gs, struct glyph,
				    gs->len - 1), &g, st->runs);
			newline = false;
			g_array_append_val(gs, g);
			st->glyphs++;
			if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) ||
			    c >= 0xF0000)
				st->unmapped++;
			if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN)
				st->cjk++;
			if (c < 128 && g_ascii_ispunct((gchar)c)) {
				st->punct++;
				st->punct_kinds |= 1u << (c % 32);
			} else if (c >= 0x80 && c <= 0x24F)
				st->punct++;	/* Latin-1 letters and signs */
		}
	}
	g_free(rects);
	g_free(text);
	return gs;
}

bool
layout_invisible(PopplerPage *page, const struct layout_stats *st)
{
	double pw, ph, covered = 0;
	GList *images;

	if (st->glyphs == 0 || st->drawn * 10 >= st->glyphs)
		return false;
	/*
	 * Text not drawn may also be text in a font FreeType cannot load;
	 * a scan's is laid over the page's image.
	 */
	poppler_page_get_size(page, &pw, &ph);
	images = poppler_page_get_image_mapping(page);
	for (GList *l = images; l != NULL; l = l->next) {
		const PopplerImageMapping *m = l->data;
		covered = MAX(covered, fabs(m->area.x2 - m->area.x1) *
		    fabs(m->area.y2 - m->area.y1));
	}
	poppler_page_free_image_mapping(images);
	return covered >= 0.5 * pw * ph;
}

bool
layout_unmapped(const struct layout_stats *st)
{
	if (st->unmapped > 0 && st->unmapped * 10 >= st->glyphs)
		return true;
	/*
	 * Codes read as Latin-1: no CJK on a page of a Chinese form, a quarter
	 * of it punctuation and accented letters, many kinds of punctuation.
	 */
	return st->glyphs >= 30 && st->cjk == 0 && st->punct * 4 >= st->glyphs &&
	    __builtin_popcount(st->punct_kinds) >= 8;
}

/* ---- lines of glyphs ---- */

struct line {
	GArray *idx;		/* glyph indexes */
	double y1, y2, x1;
};

static int
by_center_y(const void *a, const void *b, void *data)
{
	const GArray *gs = data;
	const struct glyph *x = &g_array_index(gs, struct glyph, *(const int *)a);
	const struct glyph *y = &g_array_index(gs, struct glyph, *(const int *)b);
	double cx = x->y1 + x->y2, cy = y->y1 + y->y2;

	return cx < cy ? -1 : cx > cy;
}

static int
by_x(const void *a, const void *b, void *data)
{
	const GArray *gs = data;
	const struct glyph *x = &g_array_index(gs, struct glyph, *(const int *)a);
	const struct glyph *y = &g_array_index(gs, struct glyph, *(const int *)b);

	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* Group glyphs into lines: boxes that overlap by half a height. */
static GArray *
make_lines(const GArray *gs, GArray *idx)
{
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(struct line));

	g_array_sort_with_data(idx, by_center_y, (gpointer)gs);
	for (guint i = 0; i < idx->len; i++) {
		int k = g_array_index(idx, int, i);
		const struct glyph *g = &g_array_index(gs, struct glyph, k);
		double h = g->y2 - g->y1;
		struct line *l = lines->len ? &g_array_index(lines, struct line,
		    lines->len - 1) : NULL;

		if (l != NULL) {
			double ov = MIN(l->y2, g->y2) - MAX(l->y1, g->y1);
			if (ov >= 0.5 * MIN(h, l->y2 - l->y1)) {
				g_array_append_val(l->idx, k);
				l->y1 = MIN(l->y1, g->y1);
				l->y2 = MAX(l->y2, g->y2);
				l->x1 = MIN(l->x1, g->x1);
				continue;
			}
		}
		struct line nl = { g_array_new(FALSE, FALSE, sizeof(int)),
		    g->y1, g->y2, g->x1 };
		g_array_append_val(nl.idx, k);
		g_array_append_val(lines, nl);
	}
	for (guint i = 0; i < lines->len; i++)
		g_array_sort_with_data(g_array_index(lines, struct line, i).idx,
		    by_x, (gpointer)gs);
	return lines;
}

static void
free_lines(GArray *lines)
{
	for (guint i = 0; i < lines->len; i++)
		g_array_free(g_array_index(lines, struct line, i).idx, TRUE);
	g_array_free(lines, TRUE);
}

static const struct glyph *
glyph_at(const GArray *gs, const struct line *l, guint i)
{
	return &g_array_index(gs, struct glyph, g_array_index(l->idx, int, i));
}

/* The gap before glyph i of the line, if it is a CJK-to-CJK gap. */
static double
cjk_gap(const GArray *gs, const struct line *l, guint i)
{
	const struct glyph *a, *b;

	if (i == 0 || i >= l->idx->len)
		return -1;
	a = glyph_at(gs, l, i - 1);
	b = glyph_at(gs, l, i);
	if (!text_is_cjk(a->c) || !text_is_cjk(b->c))
		return -1;
	return b->x1 - a->x2;
}

/*
 * Letter-spacing: a gap between CJK characters as wide as the gap before
 * or after it ("项 目 名 称", a justified line). Such gaps space out one
 * word and are not spaces; a typed space stands alone among narrow gaps.
 */
static bool
letter_spaced(const GArray *gs, const struct line *l, guint i)
{
	double g = cjk_gap(gs, l, i);

	for (int d = -1; d <= 1; d += 2) {
		double o = cjk_gap(gs, l, i + d);
		if (g > 0 && o > 0 && fabs(o - g) <= 0.3 * g)
			return true;
	}
	return false;
}

/*
 * The text of a line, spaces where the gaps are; free text also takes a
 * very wide gap as a cell break (TAB) of a borderless table.
 */
static char *
line_text(const GArray *gs, const struct line *l, bool free_text)
{
	GString *s = g_string_new(NULL);
	const struct glyph *prev = NULL;

	for (guint i = 0; i < l->idx->len; i++) {
		const struct glyph *g = glyph_at(gs, l, i);
		if (prev != NULL) {
			double h = MAX(prev->y2 - prev->y1, g->y2 - g->y1);
			double gap = g->x1 - prev->x2;
			bool mixed = text_is_cjk(prev->c) != text_is_cjk(g->c);
			if (free_text && gap > COLUMN_GAP * h)
				g_string_append_c(s, '\t');
			else if (gap > (mixed ? MIXED_SPACE : SPACE) * h &&
			    !letter_spaced(gs, l, i))
				g_string_append_c(s, ' ');
		}
		g_string_append_unichar(s, g->c);
		prev = g;
	}
	return g_string_free(s, FALSE);
}

/*
 * The width of what starts a line and cannot be broken: one CJK
 * character, or a run of Latin letters and digits ("95.2%").
 */
static double
first_word(const GArray *gs, const struct line *ln)
{
	const struct glyph *a = &g_array_index(gs, struct glyph,
	    g_array_index(ln->idx, int, 0));
	double end = a->x2;

	if (text_is_cjk(a->c))
		return a->x2 - a->x1;
	for (guint i = 1; i < ln->idx->len; i++) {
		const struct glyph *g = &g_array_index(gs, struct glyph,
		    g_array_index(ln->idx, int, i));
		if (text_is_cjk(g->c) || g->x1 - end > SPACE * (g->y2 - g->y1))
			break;
		end = g->x2;
	}
	return end - a->x1;
}

/*
 * A cell's lines rejoined as one paragraph. A line that stops short of the
 * cell's right edge although the next line's first word would have fitted
 * ended a paragraph (the writer pressed Enter: "无" above "三、服务提升…"),
 * so a space keeps the two apart; a wrap gets nothing. Single characters
 * stacked one per line are a vertical label and are joined as one word.
 */
static void
cell_text(const GArray *gs, const GArray *lines, struct cell *c,
    GString *out)
{
	double pad = G_MAXDOUBLE;

	/* The cell's inner margin, as its left-most line shows it. */
	for (guint l = 0; l < lines->len; l++)
		pad = MIN(pad, g_array_index(lines, struct line, l).x1 - c->x1);
	pad = MAX(pad, 0);
	for (guint l = 0; l < lines->len; l++) {
		const struct line *ln = &g_array_index(lines, struct line, l);
		char *lt = line_text(gs, ln, false);

		if (l > 0) {
			const struct line *pl = &g_array_index(lines, struct line,
			    l - 1);
			const struct glyph *end = &g_array_index(gs, struct glyph,
			    g_array_index(pl->idx, int, pl->idx->len - 1));
			double h = pl->y2 - pl->y1;
			bool stacked = pl->idx->len == 1 && ln->idx->len == 1;
			double room = c->x2 - pad - end->x2;
			if (!stacked && room > PARAGRAPH_GAP * h &&
			    room > first_word(gs, ln) + h)
				g_string_append_c(out, ' ');
		}
		text_join(out, lt, strlen(lt));
		g_free(lt);
	}
	if (lines->len > 0) {
		const struct line *ll = &g_array_index(lines, struct line,
		    lines->len - 1);
		const struct glyph *end = &g_array_index(gs, struct glyph,
		    g_array_index(ll->idx, int, ll->idx->len - 1));
		double h = ll->y2 - ll->y1;
		/* Less room on the last line than a character and the margins. */
		c->runs_on = c->y2 - ll->y2 < h &&
		    (c->x2 - end->x2) + (ll->x1 - c->x1) < 2 * h;
	}
}

/* The usual glyph height of the page: the median. */
static double
body_size(const GArray *gs)
{
	GArray *h = g_array_sized_new(FALSE, FALSE, sizeof(double), gs->len);
	double m;

	for (guint i = 0; i < gs->len; i++) {
		const struct glyph *g = &g_array_index(gs, struct glyph, i);
		double d = g->y2 - g->y1;
		g_array_append_val(h, d);
	}
	m = median(h);
	g_array_free(h, TRUE);
	return m;
}

/* ---- page furniture ---- */

/* "-1-", "— 2 —", "第3页", "第3页共9页", "3/9", "Page 3": a page number. */
static bool
page_number(const char *line)
{
	static const char *const shapes[] = { "#", "第#页", "第#页共#页",
	    "共#页第#页", "#/#", "page#", "page#of#", "第#页/共#页" };
	GString *s = g_string_new(NULL);
	bool digit = false, ok = false;

	for (const char *p = line; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c >= 0xFF10 && c <= 0xFF19)
			c -= 0xFF10 - '0';
		if (is_blank(c) || c == '-' || c == 0x2014 || c == 0x2013 ||
		    c == 0xFF0D || c == ',' || c == 0xFF0C || c == 0x2212)
			continue;
		if (c >= '0' && c <= '9') {
			if (!digit)
				g_string_append_c(s, '#');
			digit = true;
			continue;
		}
		digit = false;
		g_string_append_unichar(s, g_unichar_tolower(c));
	}
	for (size_t i = 0; i < G_N_ELEMENTS(shapes) && !ok; i++)
		ok = strcmp(s->str, shapes[i]) == 0;
	g_string_free(s, TRUE);
	return ok;
}

/*
 * A browser's print header or footer: an address (file:///…/form.html,
 * https://…) with no Chinese in the line. It is small print, but a scan
 * at 200 dpi blurs how small (the footer of a Chromium form was kept).
 */
static bool
browser_line(const char *line)
{
	for (const char *p = line; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN)
			return false;
	}
	return strstr(line, "://") != NULL || strstr(line, "file:") != NULL ||
	    strstr(line, "www.") != NULL;
}

/* ---- tables ---- */

/*
 * A ruled table into the model, a slot per grid cell, then split into
 * bands of one column system (doc_table_bands); each band keeps where it
 * stands on the page, for the page passes.
 */
static void
table_blocks(struct table *t, GPtrArray *blocks)
{
	int nr = t->ny - 1, nc = t->nx - 1;
	struct doc_block *whole = doc_block_table(nc);
	struct doc_table *dt = whole->table;
	GArray *ranges = g_array_new(FALSE, FALSE, sizeof(int));
	guint first = blocks->len;

	dt->xs = g_memdup2(t->xs, sizeof(double) * t->nx);
	for (int k = 0; k < nr; k++) {
		struct doc_row *row = doc_row_new(nc);
		for (int c = 0; c < nc; c++) {
			struct cell *cell = g_ptr_array_index(t->cells,
			    t->owner[k * nc + c]);
			bool here = cell->r0 == k && cell->c0 == c;
			if (here) {
				g_free(CELL(row, c));
				CELL(row, c) = g_strdup(cell->text);
				/* OCR's cells have a confidence; others none. */
				if (cell->conf > 0)
					row->cells[c].confidence =
					    cell->conf / 100;
			}
			row->cells[c].above = cell->r0 != k;
			row->cells[c].fills = here && cell->runs_on;
			row->cells[c].left = cell->r0 == k && !here;
		}
		g_ptr_array_add(dt->rows, row);
	}
	doc_table_bands(dt, blocks, ranges);
	for (guint i = first; i < blocks->len; i++) {
		struct doc_block *b = blocks->pdata[i];
		const int *range = &g_array_index(ranges, int, 2 * (i - first));
		b->box.top = t->ys[range[0]];
		b->box.bottom = t->ys[range[1]];
		b->table->runs_on = g_new0(bool, b->table->ncols + 1);
	}
	g_array_free(ranges, TRUE);
	doc_block_free(whole);
}

/*
 * Which columns of the table's first band have no rule along its top, and
 * of its last band none along its bottom: there a cell goes on across the
 * page break. blocks[first..] are the table's bands.
 */
static void
open_edges(const struct table *t, const GArray *hsegs, GPtrArray *blocks,
    guint first)
{
	struct doc_table *top, *bottom;

	if (first >= blocks->len)
		return;
	top = ((struct doc_block *)blocks->pdata[first])->table;
	bottom = ((struct doc_block *)blocks->pdata[blocks->len - 1])->table;
	top->open_top = g_new0(bool, top->ncols + 1);
	for (int j = 0; j < top->ncols; j++)
		top->open_top[j] = !rule_covers(hsegs, t->ys[0], top->xs[j],
		    top->xs[j + 1]);
	bottom->open_bottom = g_new0(bool, bottom->ncols + 1);
	for (int j = 0; j < bottom->ncols; j++)
		bottom->open_bottom[j] = !rule_covers(hsegs, t->ys[t->ny - 1],
		    bottom->xs[j], bottom->xs[j + 1]);
}

static int
by_top(gconstpointer a, gconstpointer b)
{
	const struct doc_block *x = *(struct doc_block *const *)a;
	const struct doc_block *y = *(struct doc_block *const *)b;

	return x->box.top < y->box.top ? -1 : x->box.top > y->box.top;
}

/* Append more to a cell's text, as a wrapped continuation. */
static void
cell_append(struct doc_row *row, int j, const char *more)
{
	doc_cell_join(&row->cells[j], more);
}

/* The row where the cell covering column j of the last row starts. */
static struct doc_row *
cell_owner(struct doc_table *t, int j)
{
	for (guint r = t->rows->len; r-- > 0;) {
		struct doc_row *row = t->rows->pdata[r];
		if (STARTS(row, j))
			return row;
	}
	return NULL;
}

/*
 * A cell cut by the page break may print the rest of its text under the
 * table (a browser does, for a merged cell): lines right below the last
 * table of the page that fit inside one of its columns belong to that
 * column's last cell. The column is marked, so the next page's first row
 * can finish the cell. Lines with another table below them on the page
 * head that one (a second form's title, two blank rows under the
 * first's last cell on a Calc sheet).
 */
static void
take_overflow(struct doc_page *pl)
{
	for (guint i = 0; i + 1 < pl->blocks->len; i++) {
		struct doc_block *tb = pl->blocks->pdata[i];
		struct doc_table *t = tb->table;
		guint k = i + 1;
		bool last = true;

		for (guint j = k; j < pl->blocks->len; j++)
			last = last && ((struct doc_block *)
			    pl->blocks->pdata[j])->kind != DOC_TABLE;
		if (t == NULL || t->rows->len == 0 || !last)
			continue;
		while (k < pl->blocks->len) {
			struct doc_block *b = pl->blocks->pdata[k];
			int col = -1;
			if (b->kind == DOC_TABLE)
				break;
			for (int j = 0; j < t->ncols; j++)
				if (b->box.x1 > t->xs[j] + 1 &&
				    b->box.x2 <= t->xs[j + 1] + 1)
					col = j;
			if (col < 0 || b->box.top - tb->box.bottom >
			    3 * (b->box.bottom - b->box.top))
				break;
			struct doc_row *owner = cell_owner(t, col);
			if (owner == NULL)
				break;
			cell_append(owner, col, b->line);
			t->runs_on[col] = true;
			tb->box.bottom = b->box.bottom;
			g_ptr_array_remove_index(pl->blocks, k);
		}
	}
}

struct doc_page *
layout_page(PopplerPage *page, int no, bool render_first,
    const char *grid_png_dir, struct layout_stats *st, GError **error)
{
	struct doc_page *pl = doc_page_new(no);
	GArray *gs, *hsegs, *vsegs, *free_idx;
	cairo_surface_t *ink;
	GPtrArray *tables;
	GArray **cell_idx;
	double pw, ph;
	int ncells = 0;

	memset(st, 0, sizeof *st);
	poppler_page_get_size(page, &pw, &ph);
	if (!(pw <= PAGE_MAX_PT && ph <= PAGE_MAX_PT &&
	    pw * ph <= PAGE_MAX_AREA)) {
		g_set_error(error, SE_ERROR, SE_LIMIT, "page %d is %.0f x %.0f "
		    "pt, larger than the limit of %d pt a side and %d pt² in all",
		    no, pw, ph, PAGE_MAX_PT, PAGE_MAX_AREA);
		return pl;
	}
	ink = render_first ? rules_render(page, RULE_SCALE, &st->drawn) : NULL;
	gs = page_glyphs(page, st);
	/*
	 * A page whose text runs down or up (a landscape form set sideways,
	 * or turned by /Rotate) is read turned so that it runs right: its
	 * glyphs' boxes are tamed as they read, then turned back to find the
	 * rules in the page's picture, then turned with the rules.
	 */
	double turn[6], back[6];
	if ((st->turn = page_turn(st)) != 0) {
		turn_matrix(st->turn, pw, ph, turn);
		turn_glyphs(turn, gs);
	}
	tame_boxes(gs);
	if (st->turn != 0) {
		turn_matrix(4 - st->turn, st->turn == 2 ? pw : ph,
		    st->turn == 2 ? ph : pw, back);
		turn_glyphs(back, gs);
	}
	hsegs = g_array_new(FALSE, FALSE, sizeof(struct seg));
	vsegs = g_array_new(FALSE, FALSE, sizeof(struct seg));
	/*
	 * Rules only frame text. A page without any is a scan (read from
	 * its image, whose own rules OCR finds) or blank: unless drawn
	 * already, it is not drawn.
	 */
	if (st->glyphs > 0) {
		if (ink == NULL)
			ink = rules_render(page, RULE_SCALE, &st->drawn);
		rules_find(ink, gs, RULE_SCALE, st->turn & 1, hsegs, vsegs);
	}
	if (ink != NULL)
		cairo_surface_destroy(ink);
	if (st->turn != 0) {
		double t;
		turn_glyphs(turn, gs);
		turn_segs(turn, &hsegs, &vsegs);
		if (st->turn != 2) {
			t = pw; pw = ph; ph = t;
		}
	}
	segs_merge(hsegs);
	segs_merge(vsegs);
	tables = tables_build(hsegs, vsegs, TOUCH_PT);

	/* Every glyph goes to the cell its centre lies in, or to free text. */
	for (guint t = 0; t < tables->len; t++)
		ncells += ((struct table *)tables->pdata[t])->cells->len;
	cell_idx = g_new0(GArray *, ncells + 1);
	free_idx = g_array_new(FALSE, FALSE, sizeof(int));
	for (guint i = 0; i < gs->len; i++) {
		const struct glyph *g = &g_array_index(gs, struct glyph, i);
		double cx = (g->x1 + g->x2) / 2, cy = (g->y1 + g->y2) / 2;
		int k = (int)i, base = 0;
		bool placed = false;

		/* What a reader cannot see is not on the form. */
		if (g->hidden)
			continue;
		for (guint t = 0; t < tables->len && !placed; t++) {
			struct table *tb = tables->pdata[t];
			int ci = table_cell_at(tb, cx, cy);
			if (ci >= 0) {
				GArray **a = &cell_idx[base + ci];
				if (*a == NULL)
					*a = g_array_new(FALSE, FALSE, sizeof(int));
				g_array_append_val(*a, k);
				placed = true;
			}
			base += tb->cells->len;
		}
		if (!placed)
			g_array_append_val(free_idx, k);
	}

	/* Cell text: its lines rejoined as one wrapped paragraph. */
	int base = 0;
	for (guint t = 0; t < tables->len; t++) {
		struct table *tb = tables->pdata[t];
		for (guint ci = 0; ci < tb->cells->len; ci++) {
			struct cell *c = g_ptr_array_index(tb->cells, ci);
			GArray *idx = cell_idx[base + ci];
			GString *s = g_string_new(NULL);
			if (idx != NULL) {
				GArray *lines = make_lines(gs, idx);
				cell_text(gs, lines, c, s);
				free_lines(lines);
				g_array_free(idx, TRUE);
			}
			c->text = g_string_free(s, FALSE);
		}
		base += tb->cells->len;
		guint first = pl->blocks->len;
		table_blocks(tb, pl->blocks);
		open_edges(tb, hsegs, pl->blocks, first);
	}
	GArray *lines = make_lines(gs, free_idx);
	double body = body_size(gs);
	for (guint l = 0; l < lines->len; l++) {
		const struct line *ln = &g_array_index(lines, struct line, l);
		char *text = line_text(gs, ln, true);
		struct doc_block *b = doc_block_line(text);
		g_free(text);
		b->box.top = ln->y1;
		b->box.bottom = ln->y2;
		b->box.x1 = ln->x1;
		b->box.x2 = g_array_index(gs, struct glyph,
		    g_array_index(ln->idx, int, ln->idx->len - 1)).x2;
		b->margin = ln->y2 < ph * MARGIN || ln->y1 > ph * (1 - MARGIN);
		/* A title in the margin (a form on each page) is no furniture. */
		if (ln->y2 - ln->y1 > TITLE_PRINT * body)
			b->margin = false;
		/* Page numbers, and the small print a browser adds up there. */
		if (b->margin && (page_number(b->line) ||
		    browser_line(b->line) ||
		    ln->y2 - ln->y1 < SMALL_PRINT * body))
			doc_block_free(b);
		else
			g_ptr_array_add(pl->blocks, b);
	}
	free_lines(lines);
	g_ptr_array_sort(pl->blocks, by_top);
	take_overflow(pl);
	if (grid_png_dir != NULL)
		gridpng_write(page, no, st->turn, hsegs, vsegs, tables,
		    grid_png_dir, error);
	g_free(cell_idx);
	g_array_free(free_idx, TRUE);
	g_ptr_array_free(tables, TRUE);
	g_array_free(hsegs, TRUE);
	g_array_free(vsegs, TRUE);
	g_array_free(gs, TRUE);
	return pl;
}

void
text_line_free(gpointer p)
{
	struct text_line *tl = p;

	g_free(tl->text);
	g_free(tl);
}

/* Is b (by its height) on a's row: do they overlap by half a height? */
static bool
same_row(const struct text_line *a, const struct text_line *b)
{
	double ov = MIN(a->y2, b->y2) - MAX(a->y1, b->y1);

	return ov > 0.5 * MIN(a->y2 - a->y1, b->y2 - b->y1);
}

static int
by_x1(gconstpointer a, gconstpointer b)
{
	const struct text_line *x = *(struct text_line *const *)a;
	const struct text_line *y = *(struct text_line *const *)b;

	return (x->x1 > y->x1) - (x->x1 < y->x1);
}

/*
 * Tesseract's layout takes a header set out without rules in two columns
 * (项目名称：… 预算单位：…) as two blocks, and gives each line of a row
 * on its own; a born-digital page has the row as one line, a TAB between
 * its pieces. Lines on one row, each to the right of the last, are one
 * line again, left to right (new lines, owned by the caller).
 */
static GPtrArray *
rows_of(const GPtrArray *lines)
{
	GPtrArray *in = g_ptr_array_new(), *out =
	    g_ptr_array_new_with_free_func(text_line_free);

	for (guint i = 0; i < lines->len; i++)
		g_ptr_array_add(in, lines->pdata[i]);
	g_ptr_array_sort(in, by_x1);
	bool *used = g_new0(bool, in->len);
	for (guint i = 0; i < in->len; i++) {
		if (used[i])
			continue;
		const struct text_line *first = in->pdata[i];
		struct text_line *row = g_new(struct text_line, 1);
		GString *t = g_string_new(first->text);
		*row = *first;
		used[i] = true;
		for (guint j = i + 1; j < in->len; j++) {
			const struct text_line *o = in->pdata[j];
			if (used[j] || o->x1 < row->x2 || !same_row(first, o))
				continue;
			g_string_append_printf(t, "\t%s", o->text);
			row->x2 = o->x2;
			row->y1 = MIN(row->y1, o->y1);
			row->y2 = MAX(row->y2, o->y2);
			row->size = MAX(row->size, o->size);
			used[j] = true;
		}
		row->text = g_string_free(t, FALSE);
		g_ptr_array_add(out, row);
	}
	g_free(used);
	g_ptr_array_free(in, TRUE);
	return out;
}

/*
 * The same blocks as layout_page makes, from tables whose cells hold their
 * text already and lines of free text: what OCR reads.
 */
struct doc_page *
layout_cells_page(int no, double ph, double body, GPtrArray *tables,
    const GPtrArray *lines)
{
	struct doc_page *pl = doc_page_new(no);
	GArray *h = g_array_new(FALSE, FALSE, sizeof(double));
	GPtrArray *rows = rows_of(lines);

	for (guint t = 0; t < tables->len; t++)
		table_blocks(tables->pdata[t], pl->blocks);
	for (guint l = 0; l < rows->len; l++) {
		const struct text_line *tl = rows->pdata[l];
		double d = tl->size > 0 ? tl->size : tl->y2 - tl->y1;
		g_array_append_val(h, d);
	}
	if (body <= 0)
		body = median(h);
	g_array_free(h, TRUE);
	for (guint l = 0; l < rows->len; l++) {
		const struct text_line *tl = rows->pdata[l];
		struct doc_block *b = doc_block_line(tl->text);
		b->box.top = tl->y1;
		b->box.bottom = tl->y2;
		b->box.x1 = tl->x1;
		b->box.x2 = tl->x2;
		b->margin = tl->y2 < ph * MARGIN || tl->y1 > ph * (1 - MARGIN);
		if (b->margin && (page_number(b->line) ||
		    browser_line(b->line) ||
		    (tl->size > 0 ? tl->size : tl->y2 - tl->y1) <
		    SMALL_PRINT * body))
			doc_block_free(b);
		else
			g_ptr_array_add(pl->blocks, b);
	}
	g_ptr_array_free(rows, TRUE);
	g_ptr_array_sort(pl->blocks, by_top);
	take_overflow(pl);
	return pl;
}

/* ---- across pages ---- */

/* Digits folded, so "第3页 共9页" on every page reads the same. */
static char *
shape_of(const char *s)
{
	GString *o = g_string_new(NULL);

	for (const char *p = s; *p; p++)
		if (!g_ascii_isdigit(*p) || o->len == 0 ||
		    o->str[o->len - 1] != '#')
			g_string_append_c(o, g_ascii_isdigit(*p) ? '#' : *p);
	return g_string_free(o, FALSE);
}

/*
 * A header or footer repeats in the margin of most pages, and of more
 * than two: the same line on two pages is as likely two forms' titles.
 */
static void
drop_running_lines(GPtrArray *pages)
{
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);

	if (pages->len < 2) {
		g_hash_table_destroy(count);
		return;
	}
	for (guint p = 0; p < pages->len; p++) {
		struct doc_page *pl = pages->pdata[p];
		GHashTable *seen = g_hash_table_new_full(g_str_hash,
		    g_str_equal, g_free, NULL);
		for (guint i = 0; i < pl->blocks->len; i++) {
			struct doc_block *b = pl->blocks->pdata[i];
			if (!b->margin)
				continue;
			char *k = shape_of(b->line);
			if (!g_hash_table_contains(seen, k)) {
				gpointer n = g_hash_table_lookup(count, k);
				g_hash_table_add(seen, k);
				g_hash_table_insert(count, g_strdup(k),
				    GINT_TO_POINTER(GPOINTER_TO_INT(n) + 1));
			} else
				g_free(k);
		}
		g_hash_table_destroy(seen);
	}
	for (guint p = 0; p < pages->len; p++) {
		struct doc_page *pl = pages->pdata[p];
		for (guint i = 0; i < pl->blocks->len;) {
			struct doc_block *b = pl->blocks->pdata[i];
			char *k = b->margin ? shape_of(b->line) : NULL;
			int n = k ? GPOINTER_TO_INT(g_hash_table_lookup(count, k)) : 0;
			g_free(k);
			if (n >= 3 && 2 * n > (int)pages->len)
				g_ptr_array_remove_index(pl->blocks, i);
			else
				i++;
		}
	}
	g_hash_table_destroy(count);
}

static bool
numeric(const char *s)
{
	bool digit = false;

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isdigit(c))
			digit = true;
		else if (!strchr(".,%-+", (int)(c < 128 ? c : 'x')) &&
		    c != 0xFF05 && c != 0xFF0E)
			return false;
	}
	return digit;
}

static bool
rows_equal(const struct doc_row *a, const struct doc_row *b)
{
	if (a->ncols != b->ncols)
		return false;
	for (int i = 0; i < a->ncols; i++)
		if (strcmp(CELL(a, i), CELL(b, i)) != 0)
			return false;
	return true;
}

/*
 * A row cut by the page break: on the new page it fills only columns that
 * the row above it fills, no more of them, and holds no number of its own
 * (numbers do not wrap, so a cell holding one starts a row).
 */
static bool
continues(const struct doc_row *above, const struct doc_row *r)
{
	int filled = 0, above_filled = 0;

	for (int i = 0; i < r->ncols; i++) {
		const char *c = CELL(r, i), *a = CELL(above, i);
		above_filled += a[0] != '\0';
		if (c[0] == '\0')
			continue;
		if (a[0] == '\0' || numeric(c))
			return false;
		filled++;
	}
	return filled > 0 && filled < above_filled;
}

/*
 * The same table, continued: every column line of b stands where a has
 * one (b may have lost some, where a merged cell no longer spans them),
 * and b is a real table, not one wide cell that would fit anything.
 */
static bool
same_table(const struct doc_table *a, const struct doc_table *b)
{
	if (b->ncols < 2)
		return false;
	for (int j = 0; j <= b->ncols; j++) {
		bool near = false;
		for (int i = 0; i <= a->ncols && !near; i++)
			near = fabs(a->xs[i] - b->xs[j]) <= SAME_COLUMN;
		if (!near)
			return false;
	}
	return true;
}

/*
 * Put the rows of b into a's columns: a continued table may lose or gain
 * a column line on the new page (a merged cell that no longer spans it),
 * and its rows must still line up with the header on the first page.
 */
static void
adopt_columns(const struct doc_table *a, struct doc_table *b)
{
	int na = a->ncols, nb = b->ncols;
	int *to = g_new(int, nb);

	for (int j = 0; j < nb; j++) {
		double mid = (b->xs[j] + b->xs[j + 1]) / 2;
		to[j] = 0;
		for (int i = 0; i < na; i++)
			if (mid >= a->xs[i])
				to[j] = i;
	}
	for (guint r = 0; r < b->rows->len; r++) {
		struct doc_row *row = b->rows->pdata[r];
		struct doc_row *nrow = doc_row_new(na);
		bool *starts = g_new0(bool, na);
		for (int j = 0; j < nb && j < row->ncols; j++) {
			doc_cell_join(&nrow->cells[to[j]], CELL(row, j));
			starts[to[j]] = starts[to[j]] || STARTS(row, j);
			nrow->cells[to[j]].fills = nrow->cells[to[j]].fills ||
			    row->cells[j].fills;
		}
		for (int i = 0; i < na; i++)
			nrow->cells[i].above = !starts[i];
		g_free(starts);
		g_ptr_array_index(b->rows, r) = nrow;
		doc_row_free(row);
	}
	g_free(b->xs);
	b->xs = g_memdup2(a->xs, sizeof(double) * (a->ncols + 1));
	b->ncols = a->ncols;
	/* What ran on below b's page still does, in a's columns. */
	bool *runs_on = g_new0(bool, a->ncols + 1);
	for (int j = 0; j < nb; j++)
		runs_on[to[j]] = runs_on[to[j]] || b->runs_on[j];
	g_free(b->runs_on);
	b->runs_on = runs_on;
	/* Its open edges too (a table may run on over a third page). */
	bool **edges[] = { &b->open_top, &b->open_bottom };
	for (size_t e = 0; e < G_N_ELEMENTS(edges); e++) {
		bool *open;
		if (*edges[e] == NULL)
			continue;
		open = g_new0(bool, a->ncols + 1);
		for (int j = 0; j < nb; j++)
			open[to[j]] = open[to[j]] || (*edges[e])[j];
		g_free(*edges[e]);
		*edges[e] = open;
	}
	g_free(to);
}

/*
 * A merged cell that spans the page break may print its text only on the
 * new page (a spreadsheet centres it in the whole merged area and clips
 * it): on the first page the cell is blank. The text is moved back to
 * where the cell starts, so every row it spans reads it.
 */
static void
label_from_next_page(struct doc_table *a, struct doc_table *b, guint k)
{
	struct doc_row *first = b->rows->pdata[k];
	struct doc_row *second = k + 1 < b->rows->len ? b->rows->pdata[k + 1] :
	    NULL;

	for (int j = 0; j < first->ncols; j++) {
		struct doc_row *start;
		char *t;
		if (CELL(first, j)[0] == '\0' || !STARTS(first, j) ||
		    second == NULL || STARTS(second, j))
			continue;	/* not a merged cell on the new page */
		start = cell_owner(a, j);
		if (start == NULL || start == a->rows->pdata[0] ||
		    CELL(start, j)[0] != '\0')
			continue;	/* not a blank merged cell at the bottom */
		t = CELL(start, j);
		CELL(start, j) = CELL(first, j);
		CELL(first, j) = t;
	}
}

/* The table a page ends with, or starts with; NULL if a line. */
static struct doc_table *
end_table(struct doc_page *pg, bool last)
{
	struct doc_block *b;

	if (pg->blocks->len == 0)
		return NULL;
	b = pg->blocks->pdata[last ? pg->blocks->len - 1 : 0];
	return b->kind == DOC_TABLE ? b->table : NULL;
}

/*
 * A merged cell cut by the page break (影响力目标 at the bottom of one
 * page, (15分) at the top of the next). A spreadsheet leaves it open: no
 * rule closes it below on the first page or above on the next. A word
 * processor closes both parts (and centres each part's text in it), but
 * the text shows the cut: it fills the first part to its bottom and its
 * last line to the edge (the paragraph goes on), and the second part is
 * a cell that spans on below. Its two parts are one text, standing where
 * the cell starts, so every row it spans reads it.
 */
static void
rejoin_cut_cells(struct doc_table *a, struct doc_table *b)
{
	struct doc_row *first = b->rows->pdata[0];
	struct doc_row *second = b->rows->len > 1 ? b->rows->pdata[1] : NULL;

	for (int j = 0; j < first->ncols && j < a->ncols; j++) {
		struct doc_row *owner;
		bool open, filled;
		if (CELL(first, j)[0] == '\0' || !STARTS(first, j))
			continue;
		owner = cell_owner(a, j);
		if (owner == NULL || CELL(owner, j)[0] == '\0')
			continue;	/* a blank cell: label_from_next_page */
		open = a->open_bottom && b->open_top && a->open_bottom[j] &&
		    b->open_top[j];
		filled = owner->cells[j].fills && second != NULL &&
		    !STARTS(second, j);
		if (!open && !filled)
			continue;
		cell_append(owner, j, CELL(first, j));
		g_free(CELL(first, j));
		CELL(first, j) = g_strdup("");
	}
}

/* A table that ends one page and starts the next is one table. */
static void
stitch_tables(GPtrArray *pages)
{
	for (guint p = 1; p < pages->len; p++) {
		struct doc_table *a, *b;
		guint k = 0;

		a = end_table(pages->pdata[p - 1], true);
		b = end_table(pages->pdata[p], false);
		if (!a || !b || a->rows->len == 0 ||
		    b->rows->len == 0 || !same_table(a, b))
			continue;
		adopt_columns(a, b);
		/* A cell that ran out of its page goes on in the first row. */
		for (int j = 0; j < a->ncols; j++) {
			struct doc_row *first = b->rows->pdata[0];
			const char *more = CELL(first, j);
			struct doc_row *owner = cell_owner(a, j);
			const char *have;
			if (!a->runs_on[j] || more[0] == '\0' || owner == NULL)
				continue;
			/*
			 * A spreadsheet prints a cut merged cell on both pages,
			 * the first time cut short: the whole text wins.
			 */
			have = CELL(owner, j);
			if (g_str_has_prefix(more, have)) {
				g_free(CELL(owner, j));
				CELL(owner, j) = g_strdup(more);
			} else
				cell_append(owner, j, more);
			g_free(CELL(first, j));
			CELL(first, j) = g_strdup("");
		}
		/* A header row repeated on the new page is not a continuation. */
		if (rows_equal(a->rows->pdata[0], b->rows->pdata[0]))
			k = 1;
		if (k >= b->rows->len)
			continue;
		label_from_next_page(a, b, k);
		struct doc_row *last = a->rows->pdata[a->rows->len - 1];
		struct doc_row *r = b->rows->pdata[k];
		if (!continues(last, r)) {
			if (k == 0)
				rejoin_cut_cells(a, b);
			continue;
		}
		for (int i = 0; i < r->ncols; i++)
			cell_append(last, i, CELL(r, i));
		g_ptr_array_remove_index(b->rows, k);
	}
}

void
layout_passes(struct doc *d)
{
	drop_running_lines(d->pages);
	stitch_tables(d->pages);
}
