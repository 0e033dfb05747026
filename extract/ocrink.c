/*
 * What the language data lacks: a line's reading checked against its
 * ink, glyph by glyph, where chi_sim is known to go wrong on these forms
 * (marks dropped or doubled, a "%" read as digits, a point lost, a
 * character too many). See ocrint.h.
 */
#include "ocrint.h"

/* ---- what the language data lacks ---- */

/* The x ranges of a line's glyphs: pieces of ink overlapping in x joined. */
static GArray *
ink_columns(PIX *bin)
{
	GArray *cols = g_array_new(FALSE, FALSE, sizeof(int) * 4);
	BOXA *boxa = pixConnCompBB(bin, 8);
	BOXA *sorted = boxa ? boxaSort(boxa, L_SORT_BY_X, L_SORT_INCREASING,
	    NULL) : NULL;

	for (int i = 0; sorted && i < boxaGetCount(sorted); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(sorted, i, &x, &y, &w, &h);
		if (w * h < 12)
			continue;	/* a speck */
		int *last = cols->len ? &g_array_index(cols, int,
		    4 * (cols->len - 1)) : NULL;
		if (last && x < last[2]) {
			last[1] = MIN(last[1], y);
			last[2] = MAX(last[2], x + w);
			last[3] = MAX(last[3], y + h);
		} else {
			int c[4] = { x, y, x + w, y + h };
			g_array_append_val(cols, c);
		}
	}
	boxaDestroy(&sorted);
	boxaDestroy(&boxa);
	return cols;
}


void
line_ink_init(struct line_ink *ink, PIX *line)
{
	ink->bin = pixConvertTo1(line, 140);
	ink->light = pixConvertTo1(line, LIGHT_INK);
	ink->cols = ink->bin ? ink_columns(ink->bin) :
	    g_array_new(FALSE, FALSE, sizeof(int) * 4);
	ink->light_cols = ink->light ? ink_columns(ink->light) :
	    g_array_new(FALSE, FALSE, sizeof(int) * 4);
}

void
line_ink_clear(struct line_ink *ink)
{
	g_array_free(ink->cols, TRUE);
	g_array_free(ink->light_cols, TRUE);
	pixDestroy(&ink->bin);
	pixDestroy(&ink->light);
}

/* How much of a character's box lies in a glyph's ink, 0..1. */
static double
inside(const struct sym *s, const int *col)
{
	int w = s->x2 - s->x1;
	int ov = MIN(s->x2, col[2]) - MAX(s->x1, col[0]);

	return w >= 3 && ov > 0 ? (double)ov / w : 0;
}

/*
 * Is a piece of ink w by h, with ink pixels, a bar (level or slanted)?
 * A slanted bar fills little of its box: thin for its length. A level
 * one fills it, and in 1 bit may be 4 px thick with a speck under it (a
 * ≤ read "<"): flat enough, it is a bar however full.
 */
static bool
bar_like(l_int32 w, l_int32 h, l_int32 ink)
{
	return w >= 1.5 * h && (ink <= 0.35 * w * h + 2.0 * w || w >= 4 * h);
}

/*
 * Tesseract's chi_sim has no ≥, ≤ or ＝ (nor has eng): it reads them as
 * some Chinese character (之, 过, 三, 二), often with high confidence, or
 * drops them, and a target "≥50个" becomes "过50个" or "50个". The glyph's
 * own shape decides: two pieces of ink, one above the other; two level
 * bars of a length is ＝ (二's upper bar is shorter), read 三 at 200 dpi
 * where its lower bar is 5 px thick for 16 long; a bar below (level
 * or slanted: ⩾) and above it a chevron whose point is to the right (≥)
 * or to the left (≤), told by where its ink lies at the top and halfway
 * down. col is the glyph's box in bin.
 */
static const char *
sign_shape(PIX *bin, const int *col)
{
	BOX *box = boxCreate(col[0], col[1], col[2] - col[0], col[3] - col[1]);
	PIX *g = pixClipRectangle(bin, box, NULL);
	const char *shape = NULL;

	boxDestroy(&box);
	if (g == NULL)
		return NULL;
	BOXA *parts = pixConnCompBB(g, 8);
	int n = 0, at[2] = { -1, -1 };
	for (int i = 0; i < boxaGetCount(parts); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(parts, i, &x, &y, &w, &h);
		if (w * h < 12)
			continue;	/* a speck */
		if (n < 2)
			at[n] = i;
		n++;
	}
	if (n == 2) {
		l_int32 cx, cy, cw, ch, bx, by, bw, bh, cink = 0, bink = 0;
		boxaGetBoxGeometry(parts, at[0], &cx, &cy, &cw, &ch);
		boxaGetBoxGeometry(parts, at[1], &bx, &by, &bw, &bh);
		if (by < cy) {	/* c is the upper piece */
			l_int32 t;
			t = cx; cx = bx; bx = t;
			t = cy; cy = by; by = t;
			t = cw; cw = bw; bw = t;
			t = ch; ch = bh; bh = t;
		}
		BOX *cb = boxCreate(cx, cy, cw, ch), *bb = boxCreate(bx, by, bw, bh);
		pixCountPixelsInRect(g, cb, &cink, NULL);
		pixCountPixelsInRect(g, bb, &bink, NULL);
		boxDestroy(&cb);
		boxDestroy(&bb);
		int ov = MIN(cx + cw, bx + bw) - MAX(cx, bx);
		bool stacked = by >= cy + ch / 2 && ov >= 0.6 * MIN(cw, bw);
		/* Three times as long as thick: blur at 200 dpi thickens. */
		bool level = ch * 3 <= cw && bh * 3 <= bw;
		if (stacked && level && MIN(cw, bw) >= 0.8 * MAX(cw, bw) &&
		    by - (cy + ch) <= cw)
			shape = "＝";
		else if (stacked && bar_like(bw, bh, bink) && bw >= cw * 0.6 &&
		    ch >= cw * 0.5) {
			double top = 0, mid = 0;
			int nt = 0, nm = 0;
			for (int y = cy; y < cy + ch; y++)
				for (int x = cx; x < cx + cw; x++) {
					l_uint32 v;
					pixGetPixel(g, x, y, &v);
					if (!v)
						continue;
					if (y < cy + ch / 4) {
						top += x;
						nt++;
					} else if (y >= cy + ch * 2 / 5 &&
					    y <= cy + ch * 3 / 5) {
						mid += x;
						nm++;
					}
				}
			if (nt > 0 && nm > 0) {
				top /= nt;
				mid /= nm;
				if (mid - top > 0.25 * cw)
					shape = "≥";
				else if (top - mid > 0.25 * cw)
					shape = "≤";
			}
		}
	}
	boxaDestroy(&parts);
	pixDestroy(&g);
	return shape;
}

/*
 * A comparison sign at the start of a line, before its number or alone
 * (the cell of 指标性质), as Tesseract read it or dropped it: the first
 * glyph's shape decides, and what Tesseract read before the first digit
 * gives way to it.
 */
void
fix_sign(GArray *syms, const struct line_ink *ink)
{
	const GArray *cols = ink->cols;
	const char *c = cols->len > 0 ?
	    sign_shape(ink->bin, &g_array_index(cols, int, 0)) : NULL;
	guint k = 0;

	/*
	 * A Song face's thin strokes, blurred at 200 dpi, break apart at
	 * the threshold (⩾ in six pieces, each a glyph of its own); their
	 * faint ink joins them.
	 */
	if (c == NULL && ink->light_cols->len > 0) {
		cols = ink->light_cols;
		c = sign_shape(ink->light, &g_array_index(cols, int, 0));
	}

	/* What was read before the number, or in the sign's ink ("2"). */
	while (c && k < syms->len &&
	    (!g_ascii_isdigit(g_array_index(syms, struct sym, k).s[0]) ||
	    inside(&g_array_index(syms, struct sym, k),
	    &g_array_index(cols, int, 0)) >= 0.8))
		k++;
	/* Alone, or before a number: nothing else is read as it. */
	if (c != NULL && (k < syms->len ? k <= 2 : cols->len == 1)) {
		struct sym s = sym_at(c, &g_array_index(cols, int, 0));
		s.word_start = s.line_start = true;
		/*
		 * The shape is clear, but it is not Tesseract's reading; and
		 * ＝, = and ﹦ are drawn alike (a font's ＝ can be as narrow as
		 * another's =): which one the form wrote is doubtful.
		 */
		s.conf = DOUBT + 5;
		for (guint i = 0; i < k; i++)
			s.conf = MIN(s.conf,
			    g_array_index(syms, struct sym, i).conf);
		s.conf = MAX(s.conf, DOUBT);
		if (strcmp(c, "＝") == 0)
			s.conf = DOUBT - 1;
		for (guint i = 0; i < k; i++)
			sym_clear(&g_array_index(syms, struct sym, i));
		g_array_remove_range(syms, 0, k);
		g_array_prepend_val(syms, s);
	}
}

/* How many glyphs (of cols) reach into x1..x2. */
static int
glyphs_over(const GArray *cols, int x1, int x2)
{
	int n = 0;

	for (guint k = 0; k < cols->len; k++) {
		const int *c = &g_array_index(cols, int, 4 * k);
		n += c[2] > x1 && c[0] < x2;
	}
	return n;
}

/* The height of the tallest glyph of cols. */
static int
tallest_glyph(const GArray *cols)
{
	int tallest = 0;

	for (guint k = 0; k < cols->len; k++) {
		const int *c = &g_array_index(cols, int, 4 * k);
		tallest = MAX(tallest, c[3] - c[1]);
	}
	return tallest;
}

/*
 * A bracket: one stroke, tall and thin, as tall as the line's tallest
 * glyph, bowed: "(" has its middle left of its ends, ")" right.
 */
static const char *
bracket_shape(PIX *bin, const int *col, int tallest)
{
	int w = col[2] - col[0], h = col[3] - col[1];
	double mid = 0, ends = 0;
	int nm = 0, ne = 0;

	if (h < 2.5 * w || h < 0.8 * tallest || w < 2)
		return NULL;
	for (int y = col[1]; y < col[3]; y++)
		for (int x = col[0]; x < col[2]; x++) {
			l_uint32 v;
			pixGetPixel(bin, x, y, &v);
			if (!v)
				continue;
			if (y >= col[1] + h / 3 && y < col[1] + 2 * h / 3) {
				mid += x;
				nm++;
			} else if (y < col[1] + h / 6 || y >= col[1] + 5 * h / 6) {
				ends += x;
				ne++;
			}
		}
	if (nm == 0 || ne == 0)
		return NULL;
	mid /= nm;
	ends /= ne;
	if (ends - mid > 0.25 * w)
		return "(";
	if (mid - ends > 0.25 * w)
		return ")";
	return NULL;
}

/*
 * Glyphs Tesseract dropped at either end of a line (a "（" at the end of
 * a wrapped "产出指标（", often): ink beyond every character it read. A
 * bracket is put back; anything else as large as a character makes the
 * line doubtful.
 */
void
fix_dropped(GArray *syms, const struct line_ink *ink)
{
	const GArray *cols = ink->cols;
	int tallest = tallest_glyph(cols);

	if (syms->len == 0)
		return;
	for (guint k = 0; k < cols->len; k++) {
		const int *c = &g_array_index(cols, int, 4 * k);
		const struct sym *first = &g_array_index(syms, struct sym, 0);
		const struct sym *last = &g_array_index(syms, struct sym,
		    syms->len - 1);
		bool before = c[2] <= first->x1, after = c[0] >= last->x2;
		if (!before && !after)
			continue;
		const char *b = bracket_shape(ink->bin, c, tallest);
		if (b != NULL && ((before && *b == '(') || (after && (*b == '(' ||
		    *b == ')')))) {
			struct sym s = sym_at(b, c);
			s.conf = DOUBT + 5;
			s.word_start = true;
			if (before) {
				s.line_start = true;
				g_array_index(syms, struct sym, 0).line_start =
				    false;
				g_array_prepend_val(syms, s);
			} else
				g_array_append_val(syms, s);
		} else if (c[3] - c[1] >= 0.5 * tallest &&
		    c[2] - c[0] >= 0.3 * tallest) {
			struct sym *n = before ? &g_array_index(syms, struct sym,
			    0) : &g_array_index(syms, struct sym, syms->len - 1);
			n->conf = MIN(n->conf, DOUBT - 1);
		}
	}
}

/* The glyph (of cols) most of a character lies in, or -1. */
static int
glyph_of(const GArray *cols, const struct sym *s)
{
	for (guint k = 0; k < cols->len; k++)
		if (inside(s, &g_array_index(cols, int, 4 * k)) >= 0.5)
			return (int)k;
	return -1;
}

/* A character of a number, or one misread in a number's ink ("o"). */
static bool
in_number(const struct sym *s)
{
	return digitish(s->s) || g_ascii_isalnum(s->s[0]);
}

/*
 * Are more characters read in the number around syms[i] than it has
 * glyphs? chi_sim's boxes can lie a character off ("97.5%" with the box
 * of "5" over the "%"), so a character that seems to lie in another's
 * glyph is taken for a misreading of its ink only when the number's ink
 * has no glyph left for it.
 */
static bool
more_chars_than_glyphs(const GArray *syms, guint i, const GArray *cols)
{
	guint a = i, b = i + 1;

	while (a > 0 && in_number(&g_array_index(syms, struct sym, a - 1)))
		a--;
	while (b < syms->len && in_number(&g_array_index(syms, struct sym, b)))
		b++;
	int x1 = g_array_index(syms, struct sym, a).x1;
	int x2 = g_array_index(syms, struct sym, b - 1).x2;
	guint n = (guint)glyphs_over(cols, x1, x2);
	/*
	 * The boxes may lie a glyph late from the Chinese before the number
	 * on ("在95%" with 在's box over the 9): the glyph under that
	 * character, if it is the one just before the number's, as narrow
	 * as a digit, of the number's height and as near as its digits
	 * are to each other, is the number's.
	 */
	int first = glyph_of(cols, &g_array_index(syms, struct sym, a));
	int before = a > 0 && is_han(&g_array_index(syms, struct sym, a - 1)) ?
	    glyph_of(cols, &g_array_index(syms, struct sym, a - 1)) : -1;
	if (first > 0 && before == first - 1) {
		const int *f = &g_array_index(cols, int, 4 * first);
		const int *c = &g_array_index(cols, int, 4 * before);
		int h = c[3] - c[1], fh = f[3] - f[1];
		n += c[2] <= x1 && c[2] - c[0] < DIGIT_WIDE * h &&
		    h <= DIGIT_RUN * fh && f[0] - c[2] <= 0.3 * fh;
	}
	return b - a > n;
}

/*
 * The holes in glyph col of bin (blanks the ink closes round, specks
 * aside), the centres of the first two in hx, hy.
 */
static int
holes_of(PIX *bin, const int *col, double hx[2], double hy[2])
{
	int w = col[2] - col[0], h = col[3] - col[1], n = 0;
	BOX *box = boxCreate(col[0], col[1], w, h);
	PIX *clip = pixClipRectangle(bin, box, NULL);

	boxDestroy(&box);
	if (clip == NULL)
		return 0;
	pixInvert(clip, clip);
	BOXA *holes = pixConnCompBB(clip, 4);
	for (int i = 0; holes && i < boxaGetCount(holes); i++) {
		l_int32 x, y, bw, bh;
		boxaGetBoxGeometry(holes, i, &x, &y, &bw, &bh);
		if (x == 0 || y == 0 || x + bw >= w || y + bh >= h ||
		    bw * bh < 4)
			continue;	/* the paper around, or a speck */
		if (n < 2) {
			hx[n] = x + bw / 2.0;
			hy[n] = y + bh / 2.0;
		}
		n++;
	}
	boxaDestroy(&holes);
	pixDestroy(&clip);
	return n;
}

/* Is a reading a ring: "。" read as a letter, a digit or "°"? */
static bool
ring_read(const char *c)
{
	static const char *const rings[] = { "o", "O", "0", "°", "º" };

	for (size_t i = 0; i < G_N_ELEMENTS(rings); i++)
		if (strcmp(c, rings[i]) == 0)
			return true;
	return false;
}

/* A line's last "。" as read: a ring, or a point ("36%."). */
static bool
stop_read(const char *c)
{
	return ring_read(c) || strcmp(c, ".") == 0 || strcmp(c, "．") == 0;
}

/* May a sentence's "。" follow c: Chinese, a digit, a "%", a bracket? */
static bool
stop_follows(gunichar c)
{
	return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN ||
	    g_unichar_isdigit(c) || c == '%' || c == 0xFF05 /* ％ */ ||
	    c == ')' || c == 0xFF09 /* ） */;
}

/*
 * A sentence's last "。" after a word or a "%" ("范情况。", "36%。") is
 * now and then dropped by the LSTM, with nothing else of the line
 * misread, or read as a ring of the Latin script ("36%.", "情况oO"). The
 * characters' boxes drift too far to tell whose ink it is (况's box over
 * the stop), so the line's last glyph decides: a small ring (one hole,
 * about as wide as high, at most STOP_HIGH of the line's tallest glyph)
 * sitting on the line's foot, no letter or digit is so small, and "°" is
 * high. Where the reading ends in no mark, the stop is put after it;
 * where it ends in rings or points read after a Chinese character, a
 * digit, a "%" or a bracket (stop_follows; not a letter: "Radio"), they
 * are the stop. Told by the ink alone, it is in doubt.
 */
void
fix_lost_stop(GArray *syms, const struct line_ink *ink)
{
	const GArray *cols = ink->cols;
	int tallest = tallest_glyph(cols), foot = 0;

	if (syms->len == 0 || cols->len < 2 || tallest <= 0)
		return;
	const int *c = &g_array_index(cols, int, 4 * (cols->len - 1));
	for (guint k = 0; k + 1 < cols->len; k++) {
		const int *g = &g_array_index(cols, int, 4 * k);
		if (g[3] - g[1] >= tallest / 2)
			foot = MAX(foot, g[3]);
	}
	int w = c[2] - c[0], h = c[3] - c[1];
	double hx[2], hy[2];
	if (foot == 0 || h > STOP_HIGH * tallest ||
	    w > STOP_HIGH * tallest || w * 5 < h * 3 || h * 5 < w * 3 ||
	    c[3] < foot - 0.2 * tallest || c[1] < foot - 0.6 * tallest ||
	    holes_of(ink->bin, c, hx, hy) != 1)
		return;
	/* Rings read last, but not a number's 0 ("100" may be "10。"). */
	guint k = syms->len;
	while (k > 0 && stop_read(g_array_index(syms, struct sym, k - 1).s) &&
	    !(k > 1 && strcmp(g_array_index(syms, struct sym, k - 1).s,
	    "0") == 0 && g_ascii_isdigit(g_array_index(syms, struct sym,
	    k - 2).s[0])))
		k--;
	if (k == syms->len) {
		static const char *const marks[] = { "。", "，", ",", "、",
		    "；", ";", "：", ":" };
		const char *last = g_array_index(syms, struct sym, k - 1).s;
		for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
			if (strcmp(last, marks[i]) == 0)
				return;	/* the ring was read as a mark */
	} else {
		if (k == 0 || !stop_follows(g_utf8_get_char(g_array_index(syms,
		    struct sym, k - 1).s)))
			return;
		for (guint i = k; i < syms->len; i++)
			sym_clear(&g_array_index(syms, struct sym, i));
		g_array_set_size(syms, k);
	}
	struct sym s = sym_at("。", c);
	s.conf = DOUBT + 5;
	s.disputed = true;
	g_array_append_val(syms, s);
}

/*
 * Is glyph col of bin a "%"? Two holes, one high on the left and one low
 * on the right: an 8's are one over the other, a 0's one, and two digits
 * run together ("00") have theirs side by side.
 */
static bool
percent_shape(PIX *bin, const int *col)
{
	int w = col[2] - col[0], h = col[3] - col[1];
	double hx[2] = { 0 }, hy[2] = { 0 };
	int n = holes_of(bin, col, hx, hy);
	int up = hy[1] < hy[0];

	return n == 2 && fabs(hy[0] - hy[1]) >= 0.3 * h &&
	    hx[!up] - hx[up] >= 0.3 * w;
}

/* Is glyph col of bin a "%" alone: of its shape, and no wider than one? */
static bool
percent_alone(PIX *bin, const int *col)
{
	return col[2] - col[0] <= PERCENT_WIDE * (col[3] - col[1]) &&
	    percent_shape(bin, col);
}

/*
 * A sentence's "。" wrapped to a line of its own is read as a Latin "o"
 * (or 0, °), with high confidence, or as any Chinese character ("情况。"
 * read "情况下", Calc's cell at 300 dpi): a band of one glyph, less than
 * half as high as the line before it, which ends in a Chinese character,
 * a digit, a "%" or a bracket ("87.3%" over "o": a Calc cell), is the
 * full stop if it is read as a ring (or two: "oO", in doubt), or is one
 * (one glyph, one hole: no Chinese character is so small, and a digit
 * or letter is higher). The second, told by the ink alone, is in doubt.
 */
void
fix_full_stop(GArray *syms, PIX *line, int band_h, int prev_h,
    const GString *before)
{
	if (syms->len == 0 || syms->len > 2 || prev_h <= 0 ||
	    band_h * 2 >= prev_h || !stop_follows(last_char(before)))
		return;
	/* Read as one ring, or two ("oO"). */
	guint rung = 0;
	for (guint k = 0; k < syms->len; k++)
		rung += ring_read(g_array_index(syms, struct sym, k).s);
	struct sym *s = &g_array_index(syms, struct sym, 0);
	if (rung == syms->len) {
		g_free(s->s);
		s->s = g_strdup("。");
		if (syms->len == 2) {
			s->x2 = g_array_index(syms, struct sym, 1).x2;
			s->conf = MIN(s->conf, DOUBT + 5);
			s->disputed = true;
			sym_clear(&g_array_index(syms, struct sym, 1));
			g_array_set_size(syms, 1);
		}
		return;
	}
	if (syms->len != 1 || !is_han(s))
		return;
	PIX *bin = pixConvertTo1(line, 140);
	GArray *cols = bin ? ink_columns(bin) :
	    g_array_new(FALSE, FALSE, sizeof(int) * 4);
	double hx[2], hy[2];
	if (cols->len == 1 && holes_of(bin, &g_array_index(cols, int, 0), hx,
	    hy) == 1) {
		g_free(s->s);
		s->s = g_strdup("。");
		s->conf = MIN(s->conf, DOUBT + 5);
		s->disputed = true;
	}
	g_array_free(cols, TRUE);
	pixDestroy(&bin);
}

/*
 * A "%" is two small rings and a stroke, and the LSTM now and then reads
 * a ring as a digit of its own as well ("95.69%6" for 95.6%), or the
 * whole sign as two digits ("9796" for 97%): characters read in the ink
 * of one glyph are one character. A digit that lies in the glyph of a
 * "%" is part of it (if drop); two digits in one glyph after a digit
 * are a "%" (no two digits are one glyph, and a "%" is wider than a
 * digit). Either only where the number has more characters than glyphs.
 */
void
fix_percent(GArray *syms, const struct line_ink *ink, bool drop)
{
	for (guint i = 0; i < syms->len; i++) {
		const GArray *cols = ink->cols;
		struct sym *p = &g_array_index(syms, struct sym, i);
		bool pct = strcmp(p->s, "%") == 0 || strcmp(p->s, "％") == 0;
		int g = glyph_of(cols, p);
		/*
		 * A "%" whose box lies on no glyph: its slash too faint to
		 * join its rings ("100%" read "1009%0", a Song face at 200
		 * dpi); with its faint ink it is one glyph again.
		 */
		if (pct && (g < 0 || !percent_shape(ink->bin,
		    &g_array_index(cols, int, 4 * g)))) {
			/*
			 * Or whose rings and slash lie apart ("95%" read
			 * "959%", the 9 on the upper ring): with the faint
			 * ink they are a glyph of a "%"'s shape, and no
			 * wider than a "%" (faint ink joins a digit that
			 * touches it).
			 */
			int lg = glyph_of(ink->light_cols, p);
			const int *lc = lg >= 0 ? &g_array_index(
			    ink->light_cols, int, 4 * lg) : NULL;
			if (g < 0 || (lc && percent_alone(ink->light, lc))) {
				cols = ink->light_cols;
				g = lg;
			}
		}
		if (g < 0)
			continue;
		if (!pct) {
			struct sym *n = i + 1 < syms->len ?
			    &g_array_index(syms, struct sym, i + 1) : NULL;
			if (i == 0 || n == NULL || !g_ascii_isdigit(p->s[0]) ||
			    !g_ascii_isdigit(n->s[0]) ||
			    !g_ascii_isdigit(g_array_index(syms, struct sym,
			    i - 1).s[0]) || glyph_of(cols, n) != g ||
			    glyph_of(cols, &g_array_index(syms, struct sym,
			    i - 1)) == g)
				continue;
			/* A "%" is wider than the digit before it. */
			int pg = glyph_of(cols, &g_array_index(syms, struct sym,
			    i - 1));
			const int *gc = &g_array_index(cols, int, 4 * g);
			const int *pc = pg >= 0 ? &g_array_index(cols, int,
			    4 * pg) : NULL;
			if (pc == NULL || gc[2] - gc[0] < 1.15 * (pc[2] - pc[0]) ||
			    !more_chars_than_glyphs(syms, i, cols))
				continue;
			g_free(p->s);
			p->s = g_strdup("%");
			p->x2 = n->x2;
			p->conf = MIN(p->conf, n->conf);
			p->conf = MIN(p->conf, DOUBT + 5);
			sym_clear(n);
			g_array_remove_index(syms, i + 1);
			continue;
		}
		for (gint j = (gint)i + 1; j >= (gint)i - 1; j -= 2) {
			if (j < 0 || (guint)j >= syms->len)
				continue;
			struct sym *o = &g_array_index(syms, struct sym, j);
			if (drop && g_ascii_isalnum(o->s[0]) &&
			    glyph_of(cols, o) == g &&
			    more_chars_than_glyphs(syms, i, cols)) {
				sym_clear(o);
				g_array_remove_index(syms, (guint)j);
				if ((guint)j < i)
					i--;
			}
		}
	}
}

static bool
is_semicolon(const char *c)
{
	return strcmp(c, ";") == 0 || strcmp(c, "；") == 0;
}

static bool
is_sep(const char *c)
{
	return strcmp(c, ".") == 0 || strcmp(c, ",") == 0 || is_semicolon(c);
}

/*
 * Which way a bracket opens, '(' or ')'; ':' for a colon or semicolon
 * (they are read one for the other); 0 if c is none of these.
 */
static char
twin_of(const char *c)
{
	gunichar u = g_utf8_get_char(c);

	if (u == '(' || u == 0xFF08 || u == 0x3008 || u == 0x300A ||
	    u == '[')
		return '(';
	if (u == ')' || u == 0xFF09 || u == 0x3009 || u == 0x300B ||
	    u == ']')
		return ')';
	if (u == ':' || u == ';' || u == 0xFF1A || u == 0xFF1B)
		return ':';
	if (u == '%' || u == 0xFF05)
		return '%';
	if (g_ascii_isdigit(u))
		return (char)u;
	return 0;
}

/* Is syms[i] no part of a number: no digit or letter beside it? */
static bool
stands_alone(const GArray *syms, guint i)
{
	return (i == 0 || !in_number(&g_array_index(syms, struct sym,
	    i - 1))) && (i + 1 >= syms->len ||
	    !in_number(&g_array_index(syms, struct sym, i + 1)));
}

/*
 * A "/" read as "1" (the weight of a row of "/", at 200 dpi, sure): the
 * row then has a weight and is taken for an indicator. A "1" standing
 * alone whose ink leans, its top right of its foot by a fifth of its
 * height or more, is a "/" (a 1's flag puts its top left, if anything).
 */
void
fix_slash(GArray *syms, const struct line_ink *ink)
{
	for (guint i = 0; i < syms->len; i++) {
		struct sym *d = &g_array_index(syms, struct sym, i);
		if ((strcmp(d->s, "1") != 0 && strcmp(d->s, "l") != 0 &&
		    strcmp(d->s, "|") != 0) || !stands_alone(syms, i))
			continue;
		int g = glyph_of(ink->cols, d);
		if (g < 0)
			continue;
		const int *c = &g_array_index(ink->cols, int, 4 * g);
		int h = c[3] - c[1];
		double top = 0, foot = 0;
		int nt = 0, nf = 0;
		for (int y = c[1]; y < c[3]; y++)
			for (int x = c[0]; x < c[2]; x++) {
				l_uint32 v;
				if (y >= c[1] + h / 4 && y < c[3] - h / 4)
					continue;
				pixGetPixel(ink->bin, x, y, &v);
				if (!v)
					continue;
				if (y < c[1] + h / 4) {
					top += x;
					nt++;
				} else {
					foot += x;
					nf++;
				}
			}
		if (nt == 0 || nf == 0 || top / nt - foot / nf < 0.2 * h)
			continue;
		g_free(d->s);
		d->s = g_strdup("/");
		d->conf = MIN(d->conf, DOUBT + 5);
		d->disputed = true;
	}
}

/*
 * A "%" alone read as something else: the 度量单位 cell's "%" read "9",
 * "吃", "y" or "U 0" at 200 dpi. A line of one glyph, or a digit with no
 * digit beside it, whose glyph (or, its slash too faint, the faint
 * ink's) has the shape of a "%" and is no wider than one (percent_shape:
 * a 9 has one hole, an 8 two one over the other) is the "%", in doubt.
 */
void
fix_lone_percent(GArray *syms, const struct line_ink *ink)
{
	/*
	 * A line of one glyph, a "%" ("吃", "y", "U 0"): the "%"; unless
	 * read as one, or read sure (况 of "况。", its 冫 and 儿 closed into
	 * holes by faint ink, is read at 97%: the "%"s were read under 90).
	 */
	bool sure = true;
	for (guint k = 0; k < syms->len; k++)
		sure = sure && g_array_index(syms, struct sym, k).conf >= OFFER;
	bool read_pct = syms->len == 1 &&
	    twin_of(g_array_index(syms, struct sym, 0).s) == '%';
	for (int faint = 0; faint < 2 && syms->len > 0 && syms->len <= 3 &&
	    !sure && !read_pct; faint++) {
		const GArray *cols = faint ? ink->light_cols : ink->cols;
		const int *c = cols->len == 1 ? &g_array_index(cols, int, 0) :
		    NULL;
		if (c == NULL || !percent_alone(faint ? ink->light : ink->bin,
		    c))
			continue;
		struct sym pct = sym_at("%", c);
		pct.conf = DOUBT + 5;
		pct.disputed = true;
		pct.word_start = pct.line_start = true;
		for (guint k = 0; k < syms->len; k++) {
			pct.conf = MIN(pct.conf, g_array_index(syms, struct sym,
			    k).conf);
			sym_clear(&g_array_index(syms, struct sym, k));
		}
		g_array_set_size(syms, 0);
		g_array_append_val(syms, pct);
		return;
	}
	for (guint i = 0; i < syms->len; i++) {
		struct sym *d = &g_array_index(syms, struct sym, i);
		if (!g_ascii_isdigit(d->s[0]) || d->s[1] != '\0' ||
		    !stands_alone(syms, i))
			continue;
		for (int faint = 0; faint < 2; faint++) {
			const GArray *cols = faint ? ink->light_cols : ink->cols;
			int g = glyph_of(cols, d);
			const int *c = g >= 0 ? &g_array_index(cols, int, 4 * g) :
			    NULL;
			if (c == NULL || !percent_alone(faint ? ink->light :
			    ink->bin, c))
				continue;
			g_free(d->s);
			d->s = g_strdup("%");
			d->conf = MIN(d->conf, DOUBT + 5);
			d->disputed = true;
			break;
		}
	}
}

/* Does c go on a number or a word of letters (not "，" or "。")? */
static bool
goes_on(const char *c)
{
	return g_ascii_isalnum(c[0]) || strcmp(c, ".") == 0 ||
	    strcmp(c, ",") == 0 || twin_of(c) == '%';
}

static bool
ring_digit(const char *c)
{
	return strcmp(c, "0") == 0 || strcmp(c, "6") == 0 ||
	    strcmp(c, "9") == 0;
}

/*
 * A "%"'s rings read once more as digits after it: "95%6（含）", "12%6。",
 * "9.6%06，" (six times over the scans): no number goes on after its
 * "%", so one or two of 0, 6 and 9 right after one, ending the number,
 * are dropped, and the "%" is in doubt. The boxes drift too far to ask
 * the ink (a 6's box half over the "%" and half over the blank after).
 */
void
fix_percent_tail(GArray *syms)
{
	for (guint i = 1; i + 1 < syms->len; i++) {
		struct sym *p = &g_array_index(syms, struct sym, i);
		if (twin_of(p->s) != '%' || !g_ascii_isdigit(g_array_index(syms,
		    struct sym, i - 1).s[0]))
			continue;
		guint n = 0;
		while (n < 2 && i + 1 + n < syms->len &&
		    ring_digit(g_array_index(syms, struct sym, i + 1 + n).s))
			n++;
		if (n == 0 || (i + 1 + n < syms->len && goes_on(g_array_index(
		    syms, struct sym, i + 1 + n).s)))
			continue;
		p->conf = MIN(p->conf, DOUBT + 5);
		p->disputed = true;
		for (guint k = i + 1; k < i + 1 + n; k++)
			sym_clear(&g_array_index(syms, struct sym, k));
		g_array_remove_range(syms, i + 1, n);
	}
}

/*
 * A "%" read as digits: its rings as "0" ("≥90%" read ">=900") or as
 * "90" ("9090"), the digits after a number lying in one glyph of the
 * shape of a "%" (percent_shape, the faint ink's glyph where the slash
 * is too faint to join the rings), wider by half than a digit of the
 * number before them. They are one "%", in doubt.
 */
void
fix_ring_percent(GArray *syms, const struct line_ink *ink)
{
	for (guint i = 1; i < syms->len; i++) {
		struct sym *last = &g_array_index(syms, struct sym, i);
		if (!g_ascii_isdigit(last->s[0]) || (i + 1 < syms->len &&
		    (in_number(&g_array_index(syms, struct sym, i + 1)) ||
		    twin_of(g_array_index(syms, struct sym, i + 1).s) == '%')))
			continue;
		const GArray *cols = ink->cols;
		PIX *bin = ink->bin;
		int g = glyph_of(cols, last);
		if (g < 0 || !percent_shape(bin, &g_array_index(cols, int,
		    4 * g))) {
			cols = ink->light_cols;
			bin = ink->light;
			g = glyph_of(cols, last);
		}
		if (g < 0 || !percent_shape(bin, &g_array_index(cols, int,
		    4 * g)))
			continue;
		guint from = i;
		while (from > 0 && g_ascii_isdigit(g_array_index(syms,
		    struct sym, from - 1).s[0]) && glyph_of(cols,
		    &g_array_index(syms, struct sym, from - 1)) == g)
			from--;
		if (from == 0 || !g_ascii_isdigit(g_array_index(syms,
		    struct sym, from - 1).s[0]))
			continue;
		int d = glyph_of(cols, &g_array_index(syms, struct sym,
		    from - 1));
		const int *pc = &g_array_index(cols, int, 4 * g);
		if (d < 0 || d == g || pc[2] - pc[0] < 1.5 *
		    (g_array_index(cols, int, 4 * d + 2) -
		    g_array_index(cols, int, 4 * d)))
			continue;
		struct sym pct = sym_at("%", pc);
		pct.conf = DOUBT + 5;
		pct.disputed = true;
		for (guint k = from; k <= i; k++) {
			struct sym *o = &g_array_index(syms, struct sym, k);
			pct.conf = MIN(pct.conf, o->conf);
			sym_clear(o);
		}
		g_array_remove_range(syms, from, i - from + 1);
		g_array_insert_val(syms, from, pct);
		i = from;
	}
}

/*
 * A multiplication sign read as a Latin letter: "×100%" read "X100%" at
 * 200 dpi and at 300, in the formulas of an indicator's explanation
 * (预算执行率=（预算执行数/当年预算数）×100%). An X after Chinese or a
 * closing bracket and before a percentage is a "×". On the text, not the
 * characters, since a cell's lines may wrap between the X and the number.
 * Returns the text mended, or NULL if there was nothing to mend.
 */
char *
times_sign(const char *text)
{
	GString *out = NULL;
	gunichar prev = 0;

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		const char *q = p + 1;
		if ((c == 'X' || c == 'x') && (g_unichar_get_script(prev) ==
		    G_UNICODE_SCRIPT_HAN || prev == 0xFF09 || prev == ')')) {
			q += strspn(q, "0123456789");
			if (q > p + 1 && *q == '.')
				q += 1 + strspn(q + 1, "0123456789");
		}
		if (q > p + 1 && (*q == '%' || strncmp(q, "％", 3) == 0)) {
			if (out == NULL)
				out = g_string_new_len(text, p - text);
			g_string_append(out, "×");
		} else if (out != NULL)
			g_string_append_unichar(out, c);
		prev = c;
	}
	return out ? g_string_free(out, FALSE) : NULL;
}

#define QUOTES "“”‘’\"'"

/* The tallest character's height: the line's. */
int
line_height(const GArray *syms)
{
	int h = 0;

	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		h = MAX(h, s->y2 - s->y1);
	}
	return h;
}

/* The width of the blank between glyphs (cols) that x is in; 0 in ink. */
static int
blank_around(const GArray *cols, int x)
{
	int left = 0, right = G_MAXINT;

	for (guint k = 0; k < cols->len; k++) {
		const int *c = &g_array_index(cols, int, 4 * k);
		if (c[0] <= x && x < c[2])
			return 0;
		if (c[2] <= x)
			left = MAX(left, c[2]);
		else
			right = MIN(right, c[0]);
	}
	return right == G_MAXINT ? G_MAXINT : right - left;
}

/*
 * Is the line's first character one read before its ink, over glyphs
 * the next ones were read over too: its box begins left of the first
 * glyph, and the run of Chinese it begins has more characters than
 * glyphs under it ("有具体实施处" read over the five glyphs of 具体实施处
 * beside a rule in 1 bit)?
 */
static bool
extra_first(const GArray *syms, const GArray *cols)
{
	guint n = 0;

	while (n < syms->len && han(g_utf8_get_char(g_array_index(syms,
	    struct sym, n).s)))
		n++;
	if (n < 2 || cols->len == 0 || g_array_index(syms, struct sym, 0).x1 >=
	    g_array_index(cols, int, 0))
		return false;
	return (int)n > glyphs_over(cols, g_array_index(syms, struct sym, 0).x1,
	    g_array_index(syms, struct sym, n - 1).x2);
}

/*
 * How many Chinese characters the glyphs of a line (cols) can be:
 * grouped into cells an em wide (the tallest glyph's height: 况 is 冫 and
 * 兄, 污 is 氵 and 亏), a run of ink wider than that (characters run
 * together by blur) one cell an em. A small glyph, neither high nor wide
 * (a "、"), is no character. Errs high.
 */
static int
han_cells(const GArray *cols, int em)
{
	int cells = 0;

	for (guint k = 0; k < cols->len;) {
		const int *c = &g_array_index(cols, int, 4 * k++);
		if (c[3] - c[1] < PART_HIGH * em && c[2] - c[0] < PART_HIGH * em)
			continue;
		int l = c[0], r = c[2];
		while (k < cols->len) {
			const int *n = &g_array_index(cols, int, 4 * k);
			if (n[2] - l > CELL_WIDE * em)
				break;
			r = MAX(r, n[2]);
			k++;
		}
		cells += MAX(1, (int)lround((double)(r - l) / em));
	}
	return cells;
}

/* A word of chi_sim's dictionary or of extract/words.txt. */
bool
is_word(struct ocr_engine *e, const char *w)
{
	return TessBaseAPIIsValidWord(e->api, w) != 0 ||
	    g_hash_table_contains(e->words, w);
}

/*
 * chi_sim now and then reads a Chinese character too many, sure of it,
 * where the line has ink for one less ("大和气污染" at 94 %, "健人全" at
 * 99 %: the boxes after it a glyph late, so that no box tells where). A
 * line of Chinese alone (and its marks, which han_cells leaves out)
 * with more characters read than cells of ink is in doubt, and the
 * weakest of its characters that make no word of the dictionary with a
 * neighbour, where the two neighbours make one together (健全), is
 * dropped. Where nothing tells which is one too many (和 makes words
 * both ways, 大和 and 和气; 上典入式 for 嵌入式; one at a line's end),
 * the line is only in doubt; so it is where a Song face's thin strokes
 * at 200 dpi leave too few cells (二级指标).
 */
void
fix_inserted(struct ocr_engine *e, GArray *syms, const struct line_ink *ink)
{
	int em = tallest_glyph(ink->cols), n = 0;

	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		if (is_han(s))
			n++;
		else if (g_utf8_strchr(LINE_MARKS, -1,
		    g_utf8_get_char(s->s)) == NULL || s->s[0] == '\0')
			return;
	}
	if (n < 2 || em <= 0 || n <= han_cells(ink->cols, em))
		return;
	int drop = -1;
	for (guint i = 0; i < syms->len; i++) {
		struct sym *s = &g_array_index(syms, struct sym, i);
		s->disputed = true;
		if (i == 0 || i + 1 == syms->len || !is_han(s) ||
		    in_word(e, syms, i, s->s))
			continue;
		const struct sym *b = &g_array_index(syms, struct sym, i - 1);
		const struct sym *a = &g_array_index(syms, struct sym, i + 1);
		if (!is_han(b) || !is_han(a))
			continue;
		char *w = g_strconcat(b->s, a->s, NULL);
		bool word = is_word(e, w);
		g_free(w);
		if (word && (drop < 0 || s->conf < g_array_index(syms,
		    struct sym, drop).conf))
			drop = (int)i;
	}
	if (drop >= 0) {
		sym_clear(&g_array_index(syms, struct sym, drop));
		g_array_remove_index(syms, (guint)drop);
	}
}

/*
 * chi_sim now and then reads a Chinese character where the line has no
 * ink at all, weakly (a lone "：" read "朴和", the 和 over blank paper):
 * one read below DOUBT whose box holds no more ink than a speck is
 * dropped. So is a quotation mark read below SURE in the blank between
 * two fields of a line ("联系人：王敏” 联系电话", at 95 %), and a "|"
 * read below SURE before a Chinese character, after no letter or digit
 * (以's first stroke: "达到95%|以上", at 90 %): no form writes one there.
 */
void
fix_phantom(GArray *syms, const struct line_ink *ink)
{
	bool dropped_first = false;

	if (ink->bin == NULL)
		return;
	for (guint i = 0; i < syms->len;) {
		struct sym *s = &g_array_index(syms, struct sym, i);
		gunichar c = g_utf8_get_char(s->s);
		bool blank = false;
		if (s->conf < DOUBT && han(c)) {
			l_int32 n = 12;
			BOX *b = boxCreate(s->x1, s->y1, s->x2 - s->x1,
			    s->y2 - s->y1);
			if (pixCountPixelsInRect(ink->bin, b, &n, NULL) != 0)
				n = 12;
			boxDestroy(&b);
			blank = n < 12;
		} else if (i == 0 && !dropped_first && han(c) &&
		    s->conf < SURE && extra_first(syms, ink->cols)) {
			blank = dropped_first = true;
		} else if (c == '|' && s->conf < SURE && i > 0 &&
		    i + 1 < syms->len && is_han(&g_array_index(syms,
		    struct sym, i + 1)) && !g_ascii_isalnum(g_array_index(syms,
		    struct sym, i - 1).s[0])) {
			/* A stroke of the next character read on its own. */
			blank = true;
		} else if (s->conf < SURE && g_utf8_strchr(QUOTES, -1, c)) {
			/*
			 * Its box can lie on the next glyph: none its own, and
			 * its middle in a blank as wide as a space.
			 */
			blank = blank_around(ink->cols, (s->x1 + s->x2) / 2) >
			    SPACE_GAP * line_height(syms);
			for (guint k = 0; k < ink->cols->len && blank; k++) {
				const int *g = &g_array_index(ink->cols, int,
				    4 * k);
				int ov = MIN(s->x2, g[2]) - MAX(s->x1, g[0]);
				blank = 2 * ov < g[2] - g[0];
			}
		}
		if (!blank) {
			i++;
			continue;
		}
		if (i + 1 < syms->len) {
			struct sym *n = &g_array_index(syms, struct sym, i + 1);
			n->word_start |= s->word_start;
			n->line_start |= s->line_start;
			/* Which of them was the extra one is a guess. */
			n->disputed |= i == 0 && dropped_first;
		}
		sym_clear(s);
		g_array_remove_index(syms, i);
	}
}

/* Is syms[from..to) a number of its own, no digit-like character beside? */
static bool
whole_number(const GArray *syms, guint from, guint to)
{
	return (from == 0 || !digitish(g_array_index(syms, struct sym,
	    from - 1).s)) && (to >= syms->len ||
	    !digitish(g_array_index(syms, struct sym, to).s));
}

/*
 * chi_sim now and then reads one bracket twice, two ways ("〈(" for
 * "（"), a colon too ("；：" for "："), and a percent sign ("执行率（%%）"
 * at 200 dpi, so no column was the rate's): two brackets the same way
 * round, two of ":" and ";", or two "%", over fewer than two glyphs (the
 * middles of the ink under their boxes) are one, the surer reading
 * (fix_colon then tells which of ":" and ";" it is). So are two digits
 * alike, one of them read below SURE ("（11）" for （1）), in doubt, and
 * two separators between digits ("3,.000" for 3,000: fix_separator then
 * tells a comma from a point by its shape), in doubt.
 */
void
fix_doubled(GArray *syms, const struct line_ink *ink)
{
	const GArray *cols = ink->cols;

	for (guint i = 0; i + 1 < syms->len;) {
		struct sym *a = &g_array_index(syms, struct sym, i);
		struct sym *b = &g_array_index(syms, struct sym, i + 1);
		char way = twin_of(a->s);
		/* A comma read twice can be ";," ("2;,310,000.00"). */
		if (is_sep(a->s) && is_sep(b->s) && (way != ':' ||
		    twin_of(b->s) != ':'))
			way = ',';
		else if (way == 0 || twin_of(b->s) != way) {
			i++;
			continue;
		}
		int glyphs = 0;
		for (guint k = 0; k < cols->len; k++) {
			const int *c = &g_array_index(cols, int, 4 * k);
			int mid = (c[0] + c[2]) / 2;
			glyphs += mid >= MIN(a->x1, b->x1) && mid < MAX(a->x2, b->x2);
		}
		/*
		 * Two digits alike in one glyph may be a blurred "11"; and
		 * boxes drift within a longer number ("3,000"): only a pair
		 * that is all the number, one of them unsure, is one digit.
		 */
		bool digit = g_ascii_isdigit(way);
		bool sep = way == ',';
		if (glyphs >= 2 || (digit && (MIN(a->conf, b->conf) >= SURE ||
		    !whole_number(syms, i, i + 2))) || (sep && (i == 0 ||
		    i + 2 >= syms->len || !g_ascii_isdigit(g_array_index(syms,
		    struct sym, i - 1).s[0]) || !g_ascii_isdigit(
		    g_array_index(syms, struct sym, i + 2).s[0])))) {
			i++;
			continue;
		}
		guint drop = a->conf >= b->conf ? i + 1 : i;
		sym_clear(&g_array_index(syms, struct sym, drop));
		g_array_remove_index(syms, drop);
		/* so the one kept is in doubt. */
		g_array_index(syms, struct sym, i).disputed |= digit || sep;
	}
}

/*
 * A form groups its figures by thousands, with two decimals: a number
 * of three groups or more, every inner group of three digits and the
 * last of one or two ("1,850,000,00", a point read as a comma at 200
 * dpi, which load would take for 185,000,000), has commas between its
 * thousands and a point before the last. Mended in doubt.
 */
void
fix_grouping(GArray *syms)
{
	for (guint a = 0; a < syms->len; a++) {
		guint b = a, seps = 0;
		int group = 0, inner_ok = 1, first = -1;
		if (!g_ascii_isdigit(g_array_index(syms, struct sym, a).s[0]))
			continue;
		/* The run a..b of digits and separators, digits at both ends. */
		while (b < syms->len) {
			const char *c = g_array_index(syms, struct sym, b).s;
			if (g_ascii_isdigit(c[0]) && c[1] == '\0')
				group++;
			else if (is_sep(c) && b + 1 < syms->len &&
			    g_ascii_isdigit(g_array_index(syms, struct sym,
			    b + 1).s[0]) && group > 0) {
				if (first < 0)
					first = group;
				else
					inner_ok &= group == 3;
				seps++;
				group = 0;
			} else
				break;
			b++;
		}
		if (seps >= 2 && first <= 3 && inner_ok && group <= 2) {
			guint k = 0;
			for (guint i = a; i < b; i++) {
				struct sym *x = &g_array_index(syms, struct sym, i);
				if (!is_sep(x->s))
					continue;
				const char *want = ++k == seps ? "." : ",";
				if (strcmp(x->s, want) == 0)
					continue;
				g_free(x->s);
				x->s = g_strdup(want);
				x->conf = MIN(x->conf, DOUBT + 5);
				x->disputed = true;
			}
		}
		a = b;
	}
}

/*
 * Between two digits a comma is read ";" now and then ("2;380,000"),
 * never right in a number. A number's glyphs, where there are as many
 * as it has characters, are its characters in order (chi_sim's boxes may
 * lie a character off), and the separator's glyph decides: round, a
 * point, else the comma. A point read as a comma, or a comma as a point
 * ("1.520人" at 300 dpi), is mended only where the shape is plain: a
 * comma's tail half again as high as it is wide and reaching a quarter
 * of its height below the digits' line, a point round and above that;
 * and the number is in doubt. (At 200 dpi and through JPEG the two are
 * often too alike to tell: telling them wrongly by roundness alone
 * turned 83.2% into 832%.)
 */
void
fix_separator(GArray *syms, const struct line_ink *ink)
{
	const GArray *cols = ink->cols;

	for (guint r0 = 0; r0 < syms->len;) {
		guint r1 = r0;
		bool seps = false;
		while (r1 < syms->len && (g_ascii_isdigit(g_array_index(syms,
		    struct sym, r1).s[0]) || (r1 > r0 && is_sep(g_array_index(
		    syms, struct sym, r1).s))))
			seps |= is_sep(g_array_index(syms, struct sym, r1++).s);
		if (r1 == r0) {
			r0++;
			continue;
		}
		/*
		 * The glyphs the number's boxes fall on, give or take one: a
		 * run of as many, small where a separator is read, large
		 * where a digit is, and only one such run.
		 */
		int first = -1, len = (int)(r1 - r0), found = -1, runs = 0;
		int x1 = g_array_index(syms, struct sym, r0).x1;
		for (guint k = 0; seps && k < cols->len && first < 0; k++)
			if (g_array_index(cols, int, 4 * k + 2) > x1)
				first = (int)k;
		for (int st = first - 2; first >= 0 && st <= first + 2; st++) {
			if (st < 0 || st + len > (int)cols->len)
				continue;
			int tallest = 0;
			for (int k = 0; k < len; k++)
				tallest = MAX(tallest, g_array_index(cols, int,
				    4 * (st + k) + 3) - g_array_index(cols, int,
				    4 * (st + k) + 1));
			bool fits = true;
			for (int k = 0; k < len && fits; k++) {
				const int *c = &g_array_index(cols, int,
				    4 * (st + k));
				bool small = 2 * (c[3] - c[1]) <= tallest;
				fits = small == is_sep(g_array_index(syms,
				    struct sym, r0 + k).s);
			}
			if (fits) {
				found = st;
				runs++;
			}
		}
		int base = 0;	/* the digits' line */
		for (int k = 0; runs == 1 && k < len; k++)
			if (!is_sep(g_array_index(syms, struct sym, r0 + k).s))
				base = MAX(base, g_array_index(cols, int,
				    4 * (found + k) + 3));
		for (int k = 0; runs == 1 && k < len; k++) {
			struct sym *s = &g_array_index(syms, struct sym, r0 + k);
			const int *m = &g_array_index(cols, int, 4 * (found + k));
			int w = m[2] - m[0], h = m[3] - m[1];
			bool tail = h >= 1.6 * w && 4 * (m[3] - base) >= h;
			bool dot = h <= 1.1 * w && 4 * (m[3] - base) < h;
			const char *is = is_semicolon(s->s) ? (h <= 1.1 * w ?
			    "." : ",") : NULL;
			if (strcmp(s->s, ",") == 0 && dot)
				is = ".";
			else if (strcmp(s->s, ".") == 0 && tail)
				is = ",";
			if (is == NULL || w <= 0)
				continue;
			s->disputed |= strcmp(s->s, is) != 0 &&
			    !is_semicolon(s->s);
			g_free(s->s);
			s->s = g_strdup(is);
		}
		r0 = r1;
	}
}

/*
 * eng drops a decimal point set close between two digits ("4.5" read
 * "45" at 96 to 98 %, in a score sheet's column of scores), where chi_sim
 * reads it. A glyph no larger than a dot (dot pixels), round, in the
 * lower half of the digits beside it and sitting on their line, which
 * no character read lies mostly on, between the glyphs of two digits
 * read one after the other: the place in syms where a point was lost,
 * or 0. A speck of noise can be such a glyph too ("15" at 200 dpi), so
 * the caller asks another reading.
 */
static guint
lost_point(const GArray *syms, const struct line_ink *ink, int dot)
{
	const GArray *cols = ink->cols;

	for (guint k = 1; k + 1 < cols->len; k++) {
		const int *p = &g_array_index(cols, int, 4 * k);
		const int *l = &g_array_index(cols, int, 4 * (k - 1));
		const int *r = &g_array_index(cols, int, 4 * (k + 1));
		int w = p[2] - p[0], h = p[3] - p[1];
		int top = MIN(l[1], r[1]), bottom = MAX(l[3], r[3]);
		if (w > dot || h > dot || w > 1.6 * h || h > 1.6 * w ||
		    2 * p[1] < top + bottom || abs(p[3] - bottom) > h / 2 + 1)
			continue;
		bool owned = false;
		for (guint i = 0; i < syms->len && !owned; i++)
			owned = glyph_of(cols,
			    &g_array_index(syms, struct sym, i)) == (int)k;
		for (guint i = 0; !owned && i + 1 < syms->len; i++) {
			const struct sym *a = &g_array_index(syms, struct sym, i);
			const struct sym *b = &g_array_index(syms, struct sym,
			    i + 1);
			if (g_ascii_isdigit(a->s[0]) && g_ascii_isdigit(b->s[0]) &&
			    glyph_of(cols, a) == (int)k - 1 &&
			    glyph_of(cols, b) == (int)k + 1)
				return i + 1;
		}
	}
	return 0;
}

/*
 * The point lost_point finds is put back where chi_sim, reading the
 * line at CJK_DPI, reads the same number with it; the number is in
 * doubt all the same (a shape and a second reading, against eng's).
 */
void
fix_lost_point(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink, int dot)
{
	guint at = lost_point(syms, ink, dot);

	if (at == 0)
		return;
	GString *want = g_string_new(NULL);
	for (guint i = 0; i < syms->len; i++)
		g_string_append_printf(want, "%s%s", i == at ? "." : "",
		    g_array_index(syms, struct sym, i).s);
	GArray *cjk = read_plain(e->api, line, dpi, CJK_DPI, false);
	char *got = syms_text(cjk);
	syms_free(cjk);
	if (strcmp(want->str, got) == 0) {
		const struct sym *a = &g_array_index(syms, struct sym, at - 1);
		const struct sym *b = &g_array_index(syms, struct sym, at);
		const int box[4] = { MIN(a->x2, b->x1), MIN(a->y1, b->y1),
		    MAX(a->x2, b->x1), MAX(a->y2, b->y2) };
		struct sym s = sym_at(".", box);
		s.conf = DOUBT + 5;
		s.disputed = true;
		g_array_insert_val(syms, at, s);
	}
	g_string_free(want, TRUE);
	g_free(got);
}

/*
 * syms[from..to) replaced by the characters of with, which is left
 * empty (its characters are syms' now).
 */
static void
splice(GArray *syms, guint from, guint to, GArray *with)
{
	for (guint k = from; k < to; k++)
		sym_clear(&g_array_index(syms, struct sym, k));
	g_array_remove_range(syms, from, to - from);
	g_array_insert_vals(syms, from, with->data, with->len);
	g_array_set_size(with, 0);
}

/*
 * eng's reading of the line's glyphs from x1 to x2 alone, framed in
 * paper, its characters placed on the line and in doubt (they mend what
 * chi_sim read). NULL if the image cannot be cut.
 */
static GArray *
read_digits_at(struct ocr_engine *e, PIX *line, int dpi, int x1, int x2)
{
	int h = (int)pixGetHeight(line);
	BOX *box = boxCreate(x1, 0, x2 - x1, h);
	PIX *clip = pixClipRectangle(line, box, NULL);
	PIX *framed = clip ? pixAddBorder(clip, h / 2, 255) : NULL;
	GArray *num = framed ? read_plain(e->digits, framed, dpi, dpi,
	    false) : NULL;

	for (guint k = 0; num && k < num->len; k++) {
		struct sym *n = &g_array_index(num, struct sym, k);
		n->x1 += x1 - h / 2;
		n->x2 += x1 - h / 2;
		n->conf = MIN(n->conf, DOUBT + 5);
		n->disputed = true;
	}
	pixDestroy(&framed);
	pixDestroy(&clip);
	boxDestroy(&box);
	return num;
}

/* Is t a number as forms write one: 1,978.1, 1126, 0.5 (no sign)? */
static bool
well_formed(const char *t)
{
	int lead = 0;

	while (g_ascii_isdigit(t[lead]))
		lead++;
	if (lead == 0)
		return false;
	t += lead;
	while (*t == ',' && lead <= 3 && g_ascii_isdigit(t[1]) &&
	    g_ascii_isdigit(t[2]) && g_ascii_isdigit(t[3]) &&
	    !g_ascii_isdigit(t[4]))
		t += 4;
	if (*t == '.' && g_ascii_isdigit(t[1]))
		for (t++; g_ascii_isdigit(*t); t++)
			;
	return *t == 0;
}

/* The digits of t, in order, separators left out. */
static char *
digits_of(const char *t)
{
	GString *d = g_string_new(NULL);

	for (; *t; t++)
		if (g_ascii_isdigit(*t))
			g_string_append_c(d, *t);
	return g_string_free(d, FALSE);
}

/*
 * chi_sim can read a number short, one box over several of its glyphs:
 * "1,978.1" read "978.1" with the 9's box over "1,9", in a Song face at
 * 300 dpi; "1,126" read "1126". Where a number (digits, and separators
 * between them) has fewer characters than glyphs wholly under its boxes,
 * tall ones (digits) all of a height and the rest low (separators), eng
 * reads those glyphs alone; its reading is taken where it is a number
 * as forms write one, has a character for each glyph and a digit for
 * each tall one, and ends in the digits read. The number is in doubt.
 */
void
fix_short_number(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink)
{
	const GArray *cols = ink->cols;

	for (guint a = 0; e->digits != NULL && a < syms->len;) {
		guint b = a;
		while (b < syms->len && (g_ascii_isdigit(g_array_index(syms,
		    struct sym, b).s[0]) || (b > a && b + 1 < syms->len &&
		    is_sep(g_array_index(syms, struct sym, b).s) &&
		    !is_semicolon(g_array_index(syms, struct sym, b).s) &&
		    g_ascii_isdigit(g_array_index(syms, struct sym,
		    b + 1).s[0]))))
			b++;
		if (b == a) {
			a++;
			continue;
		}
		int x1 = g_array_index(syms, struct sym, a).x1;
		int x2 = g_array_index(syms, struct sym, b - 1).x2;
		/*
		 * The glyphs under it, give or take a little, from its first
		 * digit's to a glyph taller than that, or as wide as a digit
		 * is tall: the Chinese the last digit's box ran on over
		 * ("1,126人。" read "1126"). A first glyph too wide for a
		 * digit ("≥") is a box begun early: no glyph is its.
		 */
		GArray *run = g_array_new(FALSE, FALSE, sizeof(int *));
		int digit_h = 0;
		for (guint k = 0; k < cols->len; k++) {
			int *c = &g_array_index(cols, int, 4 * k);
			int h = c[3] - c[1], w = c[2] - c[0];
			if (MIN(c[2], x2) - MAX(c[0], x1) < 0.8 * w)
				continue;
			if (digit_h == 0 && w >= DIGIT_WIDE * h)
				break;
			if (digit_h > 0 && (h > DIGIT_RUN * digit_h ||
			    (w >= digit_h && 2 * h > digit_h)))
				break;
			if (digit_h == 0)
				digit_h = h;
			g_array_append_val(run, c);
		}
		int gx1 = G_MAXINT, gx2 = 0, tall = 0, small = 0, top = 0;
		int glyphs = (int)run->len;
		for (guint k = 0; k < run->len; k++) {
			const int *c = g_array_index(run, int *, k);
			top = MAX(top, c[3] - c[1]);
		}
		for (guint k = 0; k < run->len; k++) {
			const int *c = g_array_index(run, int *, k);
			tall += c[3] - c[1] >= 0.75 * top;
			small += c[3] - c[1] <= 0.5 * top;
			gx1 = MIN(gx1, c[0]);
			gx2 = MAX(gx2, c[2]);
		}
		g_array_free(run, TRUE);
		/* Digits all of a height, separators low: nothing else. */
		if (glyphs <= (int)(b - a) || tall + small != glyphs) {
			a = b;
			continue;
		}
		GArray *num = read_digits_at(e, line, dpi, gx1, gx2);
		char *got = num ? syms_text(num) : NULL;
		GString *had = g_string_new(NULL);
		for (guint k = a; k < b; k++)
			g_string_append(had, g_array_index(syms, struct sym,
			    k).s);
		char *dg = got ? digits_of(got) : NULL, *dh = digits_of(had->str);
		size_t ng = dg ? strlen(dg) : 0, nh = strlen(dh);
		/*
		 * What chi_sim lost lies before its last digit: a box running
		 * on past the number takes in the next character's ink.
		 */
		bool take = got && (int)num->len == glyphs &&
		    well_formed(got) && (int)ng == tall && ng >= nh &&
		    strcmp(dg + ng - nh, dh) == 0;
		if (take) {
			guint n = num->len;
			splice(syms, a, b, num);
			a += n;
		} else
			a = b;
		g_free(dg);
		g_free(dh);
		g_free(got);
		g_string_free(had, TRUE);
		if (num)
			syms_free(num);
	}
}

/*
 * A number in brackets read as the brackets alone: "（1）" read "〈)", in
 * a Song face at 300 dpi, the 1's ink under the ")"'s box; or as letters
 * more than its glyphs ("（GD）", at 200 dpi). Two brackets read with
 * glyphs between their own: eng reads those, and one or two digits are
 * taken, in doubt.
 */
void
fix_empty_brackets(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink)
{
	const GArray *cols = ink->cols;

	for (guint i = 0; e->digits != NULL && i + 1 < syms->len; i++) {
		const struct sym *o = &g_array_index(syms, struct sym, i);
		guint j = i + 1;	/* the closing bracket */
		while (j < syms->len && j <= i + 3 && g_ascii_isalpha(
		    g_array_index(syms, struct sym, j).s[0]))
			j++;
		if (twin_of(o->s) != '(' || j >= syms->len ||
		    twin_of(g_array_index(syms, struct sym, j).s) != ')')
			continue;
		const struct sym *c = &g_array_index(syms, struct sym, j);
		int first = -1, last = -1;
		for (guint k = 0; k < cols->len; k++) {
			const int *g = &g_array_index(cols, int, 4 * k);
			int mid = (g[0] + g[2]) / 2;
			if (mid >= o->x1 && mid < c->x2) {
				if (first < 0)
					first = (int)k;
				last = (int)k;
			}
		}
		/*
		 * Letters read as many as the glyphs are letters ("（B）"):
		 * only more letters than glyphs ("（GD）" for （1）) are not.
		 */
		int inner = last - first - 1;
		if (first < 0 || inner < 1 || (j > i + 1 && (int)(j - i - 1) <=
		    inner))
			continue;
		GArray *num = read_digits_at(e, line, dpi,
		    g_array_index(cols, int, 4 * (first + 1)),
		    g_array_index(cols, int, 4 * (last - 1) + 2));
		char *got = num ? syms_text(num) : NULL;
		if (got && num->len >= 1 && num->len <= 2 &&
		    (int)num->len == inner &&
		    strspn(got, "0123456789") == strlen(got)) {
			guint n = num->len;
			splice(syms, i + 1, j, num);
			i += n;
		}
		g_free(got);
		if (num)
			syms_free(num);
	}
}

/* The middle of syms[i]'s box, across. */
static int
sym_mid(const GArray *syms, guint i)
{
	const struct sym *s = &g_array_index(syms, struct sym, i);

	return (s->x1 + s->x2) / 2;
}

/*
 * An opening bracket lost into the number it holds: "（1）" read "4)" in
 * 1 bit, the bracket and the 1 taken for one digit. A glyph shaped "("
 * (bracket_shape) one to two glyphs before a ")", the glyphs between as
 * narrow as digits, the characters read over them no Chinese and not a
 * "(" and digits: eng reads those glyphs, and one or two digits, as many
 * as the glyphs, are taken, the bracket put back, in doubt.
 */
void
fix_lost_bracket(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink)
{
	const GArray *cols = ink->cols;
	int tallest = tallest_glyph(cols);

	for (guint j = 0; e->digits != NULL && j < syms->len; j++) {
		int gc = twin_of(g_array_index(syms, struct sym, j).s) == ')' ?
		    glyph_of(cols, &g_array_index(syms, struct sym, j)) : -1;
		int go = -1;
		for (int k = gc - 2; gc >= 2 && k >= 0 && k >= gc - 3 && go < 0;
		    k--) {
			const char *b = bracket_shape(ink->bin,
			    &g_array_index(cols, int, 4 * k), tallest);
			if (b != NULL && *b == '(')
				go = k;
		}
		if (go < 0)
			continue;
		const int *o = &g_array_index(cols, int, 4 * go);
		/*
		 * The characters read over the bracket and what it holds:
		 * their boxes' middles right of its left edge, chi_sim's
		 * boxes being coarse; but a first that is a mark ending a
		 * clause is the text's ("。（1）", 。's box over the bracket),
		 * where another is the bracket read twice ("“（1）").
		 */
		guint i = j;
		while (i > 0 && sym_mid(syms, i - 1) >= o[0])
			i--;
		const char *first = i < j ? g_array_index(syms, struct sym,
		    i).s : "";
		if (*first && strstr("。；，：、;,:.", first) != NULL)
			i++;
		/*
		 * Digits are narrow; no Chinese read there is let go; a "("
		 * and digits read there stand.
		 */
		bool narrow = true, read = i < j && twin_of(g_array_index(syms,
		    struct sym, i).s) == '(';
		for (int k = go + 1; k < gc; k++) {
			const int *g = &g_array_index(cols, int, 4 * k);
			narrow = narrow && g[2] - g[0] < DIGIT_WIDE * (g[3] - g[1]);
		}
		for (guint k = i; k < j; k++) {
			const char *c = g_array_index(syms, struct sym, k).s;
			narrow = narrow && !han(g_utf8_get_char(c));
			read = read && (k == i || g_ascii_isdigit(c[0]));
		}
		if (!narrow || read)
			continue;
		int inner = gc - go - 1;
		GArray *num = read_digits_at(e, line, dpi,
		    g_array_index(cols, int, 4 * (go + 1)),
		    g_array_index(cols, int, 4 * (gc - 1) + 2));
		char *got = num ? syms_text(num) : NULL;
		if (got && (int)num->len == inner && strlen(got) == num->len &&
		    strspn(got, "0123456789") == strlen(got)) {
			struct sym b = sym_at("(", o);
			b.conf = DOUBT + 5;
			b.disputed = true;
			b.word_start = true;
			b.line_start = i < syms->len &&
			    g_array_index(syms, struct sym, i).line_start;
			g_array_prepend_val(num, b);
			guint n = num->len;
			splice(syms, i, j, num);
			j = i + n;
		}
		g_free(got);
		if (num)
			syms_free(num);
	}
}

/*
 * The glyph under s: glyph_of's, or else the one glyph lying wholly
 * inside s's box (chi_sim can give a colon at a cell's edge a box three
 * times its width).
 */
static int
glyph_under(const GArray *cols, const struct sym *s)
{
	int g = glyph_of(cols, s), found = -1;

	for (guint k = 0; g < 0 && k < cols->len; k++) {
		const int *col = &g_array_index(cols, int, 4 * k);
		if (col[0] >= s->x1 && col[2] <= s->x2) {
			if (found >= 0)
				return -1;
			found = (int)k;
		}
	}
	return g >= 0 ? g : found;
}

/* The two pieces of ink of glyph g, if it is two. */
static bool
two_pieces(const struct line_ink *ink, int g, l_int32 x[2], l_int32 y[2],
    l_int32 w[2], l_int32 h[2])
{
	const int *col = &g_array_index(ink->cols, int, 4 * g);
	BOX *box = boxCreate(col[0], col[1], col[2] - col[0], col[3] - col[1]);
	PIX *clip = pixClipRectangle(ink->bin, box, NULL);
	BOXA *parts = clip ? pixConnCompBB(clip, 8) : NULL;
	bool two = parts && boxaGetCount(parts) == 2;

	for (int k = 0; two && k < 2; k++)
		boxaGetBoxGeometry(parts, k, &x[k], &y[k], &w[k], &h[k]);
	boxaDestroy(&parts);
	pixDestroy(&clip);
	boxDestroy(&box);
	return two;
}

/*
 * The glyph of a ":" or ";" whose box lies on none: chi_sim's boxes can
 * lie a character off (信息发布： with 布's box on the colon and the
 * colon's on the blank after it). The nearest glyph within a character's
 * width that is two pieces, one over the other, no wider than two dots:
 * a dot over a dot or a short tail (no digit or Chinese character is
 * that). -1 if none.
 */
static int
colon_near(const struct line_ink *ink, const struct sym *s, int em, int dot)
{
	int best = -1, best_d = 0;

	for (guint k = 0; k < ink->cols->len; k++) {
		const int *col = &g_array_index(ink->cols, int, 4 * k);
		int d = col[0] >= s->x2 ? col[0] - s->x2 :
		    col[2] <= s->x1 ? s->x1 - col[2] : 0;
		l_int32 x[2], y[2], w[2], h[2];
		if (d > em || col[2] - col[0] > 2 * dot || (best >= 0 &&
		    d >= best_d) || !two_pieces(ink, (int)k, x, y, w, h))
			continue;
		/*
		 * A colon's pieces are dots, a semicolon's lower one a short
		 * tail; 讠 and 冫, two pieces one over the other too, have a
		 * long stroke below.
		 */
		int lo = y[1] > y[0], up = !lo;
		if (y[lo] >= y[up] + h[up] && MAX(w[up], h[up]) <= 1.5 * dot &&
		    w[lo] <= 1.5 * dot && h[lo] <= 2.5 * dot) {
			best = (int)k;
			best_d = d;
		}
	}
	return best;
}

/*
 * ":" and ";" differ in their lower dot only, and chi_sim confuses them
 * (a label "是否为经常性项目：" read with "；"): two pieces of ink, the
 * lower as round as the upper is ":", the lower a tail (taller than
 * wide) is ";". A "：" alone on a line is read "=" too: two round dots
 * stacked are no "=", whose bars are wide; and, where a narrow cell
 * wraps a label's "：" onto a line of its own, as a Chinese character
 * (让, 站, 朴): a line of one character whose ink is two dots no larger
 * than dot pixels, stacked, is ":", whatever was read. (Within a line,
 * a character's box can lie on the colon beside it.)
 */
void
fix_colon(GArray *syms, const struct line_ink *ink, int dot)
{
	const GArray *cols = ink->cols;
	int em = line_height(syms);

	for (guint i = 0; i < syms->len; i++) {
		struct sym *s = &g_array_index(syms, struct sym, i);
		gunichar c = g_utf8_get_char(s->s);
		bool equals = c == '=' || c == 0xFF1D;
		/* No form writes a brace: "；" read "}" or "})". */
		bool brace = c == '}' || c == 0xFF5D;
		bool other = c != ':' && c != ';' && c != 0xFF1A &&
		    c != 0xFF1B && !equals && !brace;
		/* A character's box a glyph off may hold the colon beside it. */
		if (other && syms->len > 1)
			continue;
		int g = other ? glyph_of(cols, s) : glyph_under(cols, s);
		if (g < 0 && !other && !equals)
			g = colon_near(ink, s, em, dot);
		l_int32 x[2], y[2], w[2], h[2];
		if (g < 0 || !two_pieces(ink, g, x, y, w, h))
			continue;
		int lo = y[1] > y[0];	/* the lower piece */
		int up = !lo;
		bool stacked = y[lo] >= y[up] + h[up];
		bool round = w[lo] <= 1.6 * h[lo] && w[up] <= 1.6 * h[up];
		bool dots = MAX(w[lo], w[up]) <= dot &&
		    MAX(h[lo], h[up]) <= dot;
		bool colon = stacked && h[lo] <= 1.3 * w[lo] &&
		    h[lo] <= 1.4 * h[up] && h[up] <= 1.4 * h[lo];
		bool tail = stacked && h[lo] >= 1.6 * w[lo] &&
		    h[lo] >= 1.4 * h[up];
		const char *is = colon && (other ? round && dots :
		    round || !equals) ? ":" : tail && !equals && !other ?
		    ";" : NULL;
		if (is == NULL)
			continue;
		g_free(s->s);
		s->s = g_strdup(is);
		if (brace)
			s->disputed = true;
		/*
		 * A closing bracket read after it on no glyph of its own, or
		 * on its glyph, is the colon's tail read again ("；)" for
		 * "；"; an opening one is no tail: "：（1）").
		 */
		while (i + 1 < syms->len) {
			struct sym *n = &g_array_index(syms, struct sym, i + 1);
			int ng = glyph_under(cols, n);
			if ((twin_of(n->s) != ')' && strcmp(n->s, "}") != 0) ||
			    (ng >= 0 && ng != g))
				break;
			sym_clear(n);
			g_array_remove_index(syms, i + 1);
		}
	}
}

bool
only_dashes(const char *s)
{
	static const gunichar dashes[] = { 0x4E00, '-', '_', 0x2014, 0x2013,
	    0x2012, 0x2010, 0x2500, 0xFF0D, 0x2212 };
	bool any = false;

	for (; *s; s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);
		bool dash = false;
		for (size_t i = 0; i < G_N_ELEMENTS(dashes); i++)
			dash = dash || c == dashes[i];
		if (!dash)
			return false;
		any = true;
	}
	return any;
}
