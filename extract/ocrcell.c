/*
 * A cell of a scanned table read on its own: its rules taken out, its
 * text cut into lines, each read (ocrread.c) and mended (ocrink.c), and
 * the cell's confidence and doubts kept for the audit (see ocrint.h).
 */
#include "ocrint.h"

/* ---- cells ---- */


/*
 * Does the text of a cell w by h fill it to the bottom, its last line
 * to the right edge (struct cell's runs_on, as layout.c has it for a
 * born-digital page)? ink is the text's ink, at fx, fy in the cell, and
 * last its last line's rows in ink.
 */
static bool
fills_cell(PIX *ink, int fx, int fy, int w, int h, const int *last)
{
	int lh = last[1] - last[0];
	BOX *lb = boxCreate(0, last[0], pixGetWidth(ink), lh);
	PIX *line = pixClipRectangle(ink, lb, NULL), *fg = NULL;
	BOX *box = NULL;
	l_int32 bx = 0, bw = 0;
	bool fills = false;

	boxDestroy(&lb);
	if (line != NULL && pixClipToForeground(line, &fg, &box) == 0 &&
	    box != NULL) {
		boxGetGeometry(box, &bx, NULL, &bw, NULL);
		fills = h - (fy + last[1]) < lh &&
		    (fx + bx) + (w - (fx + bx + bw)) < 2 * lh;
	}
	boxDestroy(&box);
	pixDestroy(&fg);
	pixDestroy(&line);
	return fills;
}

void
cell_read_clear(struct cell_read *r)
{
	g_clear_pointer(&r->text, g_free);
	g_clear_pointer(&r->term, g_free);
	g_clear_pointer(&r->read, g_free);
	g_clear_pointer(&r->alts, g_ptr_array_unref);
}

/* The widest piece of ink in rows y0..y1 of ink. */
static int
widest_piece(PIX *ink, int y0, int y1)
{
	BOX *box = boxCreate(0, y0, pixGetWidth(ink), y1 - y0);
	PIX *band = pixClipRectangle(ink, box, NULL);
	BOXA *parts = band ? pixConnCompBB(band, 8) : NULL;
	int widest = 0;

	for (int i = 0; parts && i < boxaGetCount(parts); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(parts, i, &x, &y, &w, &h);
		widest = MAX(widest, w);
	}
	boxaDestroy(&parts);
	pixDestroy(&band);
	boxDestroy(&box);
	return widest;
}

/*
 * A character with a white gap across it (是: 日 over the rest; 三)
 * standing alone on its line makes bands of its pieces, each much wider
 * than it is high, where a line of type is as high as its characters are
 * wide (a "：" alone is higher). Neighbouring bands one of which is such
 * a piece are one line when together they are about as high as their
 * widest piece is wide.
 */
static void
join_pieces(GArray *bands, PIX *ink)
{
	/*
	 * White rows part the bands, so their pieces never join: the widest
	 * piece of two joined is the wider of theirs.
	 */
	int wa = bands->len > 0 ? widest_piece(ink, g_array_index(bands, int,
	    0), g_array_index(bands, int, 1)) : 0;

	for (guint i = 0; i + 1 < bands->len;) {
		int *a = &g_array_index(bands, int, 2 * i);
		int *b = &g_array_index(bands, int, 2 * (i + 1));
		int wb = widest_piece(ink, b[0], b[1]);
		bool piece = a[1] - a[0] < 0.8 * wa || b[1] - b[0] < 0.8 * wb;
		if (piece && b[1] - a[0] <= 1.2 * MAX(wa, wb)) {
			a[1] = b[1];
			wa = MAX(wa, wb);
			g_array_remove_index(bands, i + 1);
		} else {
			wa = wb;
			i++;
		}
	}
}

/*
 * The text lines of a cell's ink: bands of pixel rows with ink, split
 * where a white gap runs across (the strokes of "三" leave gaps inside a
 * line too, so bands much lower than the tallest join a neighbour).
 * Tesseract's own block layout drops a line of a tightly set paragraph
 * now and then; lines it is given one by one it reads.
 */
static GArray *
text_bands(PIX *ink, double scale)
{
	GArray *bands = g_array_new(FALSE, FALSE, sizeof(int) * 2);
	NUMA *rows = pixCountPixelsByRow(ink, NULL);
	int h = pixGetHeight(ink), tallest = 0;
	/* Nor is a band a line that is much lower than type is (＝'s bars). */
	int least = (int)(MIN_LINE_PT * scale / 0.6);

	for (int y = 0; y < h;) {
		l_int32 v = 0;
		numaGetIValue(rows, y, &v);
		if (v == 0) {
			y++;
			continue;
		}
		int b[2] = { y, y };
		while (y < h && (numaGetIValue(rows, y, &v), v > 0))
			b[1] = ++y;
		g_array_append_val(bands, b);
	}
	numaDestroy(&rows);
	join_pieces(bands, ink);
	for (guint i = 0; i < bands->len; i++)
		tallest = MAX(tallest, g_array_index(bands, int, 2 * i + 1) -
		    g_array_index(bands, int, 2 * i));
	/*
	 * Where a line of type stands in the cell, a low band that would
	 * make a neighbour much taller than that line is a line of its own:
	 * the "：" a label wraps to the next line (上年预算金额（元）/ ：),
	 * which joined to the label made one band of two lines, read as
	 * garbage (上年天算爹人).
	 */
	int most = tallest >= least ? (int)(tallest * 1.3) : G_MAXINT;
	tallest = MAX(tallest, least);
	for (guint i = 0; i < bands->len && bands->len > 1;) {
		int *b = &g_array_index(bands, int, 2 * i);
		int *p = i > 0 ? &g_array_index(bands, int, 2 * (i - 1)) : NULL;
		int *n = i + 1 < bands->len ?
		    &g_array_index(bands, int, 2 * (i + 1)) : NULL;
		if (p && b[1] - p[0] > most)
			p = NULL;
		if (n && n[1] - b[0] > most)
			n = NULL;
		if (b[1] - b[0] >= tallest * 0.6 || (!p && !n)) {
			i++;
			continue;
		}
		/* Join the nearer neighbour. */
		if (p && (!n || b[0] - p[1] <= n[0] - b[1])) {
			p[1] = b[1];
			g_array_remove_index(bands, i);
		} else {
			n[0] = b[0];
			g_array_remove_index(bands, i);
		}
	}
	return bands;
}

/*
 * A line (bin, 1 bpp) of nothing but small round dots, three or more:
 * the form's "……" (nothing more to list) or a dot leader, which chi_sim
 * reads as letters ("ee"). The number of "…" it is, a dot each third,
 * or 0 if it is not such a line.
 */
static int
dot_line(PIX *bin, double scale)
{
	BOXA *parts = pixConnCompBB(bin, 8);
	int n = parts ? boxaGetCount(parts) : 0, dots = 0;
	double most = DOT_PT * scale;

	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(parts, i, &x, &y, &w, &h);
		if (w > most || h > most || w > 2 * h + 1 || h > 2 * w + 1) {
			dots = 0;
			break;
		}
		dots++;
	}
	boxaDestroy(&parts);
	return dots >= 3 ? (dots + 2) / 3 : 0;
}


/*
 * A line the digits engine read as a number and nothing else, every
 * character sure, every digit taller than wide: the shape of a digit,
 * not of a Chinese character that eng took for one.
 */
static bool
sure_number(const GArray *syms)
{
	if (!all_digitish(syms))
		return false;
	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		if (s->conf < SURE || (g_ascii_isdigit(s->s[0]) &&
		    (s->y2 - s->y1) <= (s->x2 - s->x1)))
			return false;
	}
	return true;
}

/*
 * A narrow cell whose text runs down it a character a line (一级指标 set
 * in a column one character wide: a merged cell's label, 产出目标（40分）)
 * is read badly line by line: alone, 0 is read "O", 1 "工" and 一 "-".
 * Its lines (bands of ink, y0..y1 within ink, at ox, oy on the page),
 * three or more, each no wider than a character (as wide as the tallest
 * line is high, and a little), are set side by side on one line, Chinese
 * characters in the middle of the line's height and narrower glyphs
 * (digits) at its bottom, and read as one: a new grey image, or NULL.
 */
static PIX *
vertical_stack(PIX *grey, PIX *ink, const GArray *bands, int ox, int oy)
{
	guint n = bands->len;
	int em = 0, width = 0;

	if (n < 3)
		return NULL;
	BOX **boxes = g_new0(BOX *, n);
	for (guint k = 0; k < n; k++) {
		const int *b = &g_array_index(bands, int, 2 * k);
		em = MAX(em, b[1] - b[0]);
	}
	bool ok = true;
	for (guint k = 0; k < n && ok; k++) {
		const int *b = &g_array_index(bands, int, 2 * k);
		BOX *db = boxCreate(0, b[0], pixGetWidth(ink), b[1] - b[0]);
		PIX *band = pixClipRectangle(ink, db, NULL);
		boxDestroy(&db);
		PIX *fgp = NULL;
		if (band == NULL || pixClipToForeground(band, &fgp,
		    &boxes[k]) != 0 || boxes[k] == NULL)
			ok = false;
		else {
			l_int32 bx, by, bw, bh;
			boxGetGeometry(boxes[k], &bx, &by, &bw, &bh);
			boxSetGeometry(boxes[k], ox + bx, oy + b[0] + by, bw, bh);
			ok = bw <= 1.4 * em;
			width += bw;
		}
		pixDestroy(&fgp);
		pixDestroy(&band);
	}
	PIX *line = NULL;
	if (ok) {
		int gap = MAX(2, em / 5);
		line = pixCreate(width + gap * (int)(n + 1), em, 8);
		pixSetAllArbitrary(line, 255);
		int at = gap;
		for (guint k = 0; k < n; k++) {
			l_int32 bx, by, bw, bh;
			boxGetGeometry(boxes[k], &bx, &by, &bw, &bh);
			/* A Chinese character is set in the middle of its em. */
			int top = bw >= 0.6 * em ? (em - bh) / 2 : em - bh;
			pixRasterop(line, at, top, bw, bh, PIX_SRC, grey, bx, by);
			at += bw + gap;
		}
	}
	for (guint k = 0; k < n; k++)
		boxDestroy(&boxes[k]);
	g_free(boxes);
	return line;
}

/*
 * A line outside the tables gets a space where the boxes of two words
 * stand apart (line_append), but chi_sim's boxes now and then shrink to
 * a sliver (德 3 px wide: "常德 市"): a word starts there only if the
 * ink, somewhere under the two characters' boxes, has a gap as wide.
 */
static void
fix_spaces(GArray *syms, const struct line_ink *ink)
{
	const GArray *cols = ink->cols;
	int h = line_height(syms);

	for (guint i = 1; i < syms->len && cols->len > 0; i++) {
		const struct sym *p = &g_array_index(syms, struct sym, i - 1);
		struct sym *s = &g_array_index(syms, struct sym, i);
		if (!s->word_start || s->x1 - p->x2 <= SPACE_GAP * h)
			continue;
		int from = MIN(p->x1, s->x1), to = MAX(p->x2, s->x2), gap = 0;
		int end = from;	/* of the ink so far */
		for (guint k = 0; k < cols->len; k++) {
			const int *c = &g_array_index(cols, int, 4 * k);
			if (c[2] <= from || c[0] >= to)
				continue;
			gap = MAX(gap, c[0] - end);
			end = MAX(end, c[2]);
		}
		gap = MAX(gap, to - end);
		s->word_start = gap > SPACE_GAP * h;
	}
}

/*
 * What the language data lacks, mended in a line read (ls) from its
 * image (padded, at dpi; scale pixels a point), in a cell or not. Over
 * a long line outside the tables chi_sim's boxes drift a glyph off
 * ("31%" with the 1's box on the "%"), so no digit there is taken for a
 * piece of a "%" (fix_percent's drop).
 */
void
fix_line(struct ocr_engine *e, PIX *padded, int dpi, double scale,
    GArray *ls, bool cell)
{
	struct line_ink glyphs;
	int dot = (int)ceil(DOT_PT * scale);

	line_ink_init(&glyphs, padded);
	fix_sign(ls, &glyphs);
	fix_dropped(ls, &glyphs);
	fix_inserted(e, ls, &glyphs);
	fix_shape(e, padded, ls, &glyphs);
	fix_lost_stop(ls, &glyphs);
	fix_phantom(ls, &glyphs);
	fix_doubled(ls, &glyphs);
	fix_separator(ls, &glyphs);
	fix_grouping(ls);
	fix_colon(ls, &glyphs, dot);
	fix_lost_point(e, padded, dpi, ls, &glyphs, dot);
	fix_short_number(e, padded, dpi, ls, &glyphs);
	fix_empty_brackets(e, padded, dpi, ls, &glyphs);
	fix_lost_bracket(e, padded, dpi, ls, &glyphs);
	fix_percent(ls, &glyphs, cell);
	fix_ring_percent(ls, &glyphs);
	fix_percent_tail(ls);
	fix_lone_percent(ls, &glyphs);
	fix_slash(ls, &glyphs);
	if (!cell)
		fix_spaces(ls, &glyphs);
	line_ink_clear(&glyphs);
}

/*
 * The cell's ink, rules taken out, read line by line. clean (1 bpp, no
 * rules) says where the ink is; Tesseract reads the grey of it (grey,
 * rules whitened), whose soft edges it was trained on. False, out
 * cleared, if a CELL_NUMBER cell is not a sure number.
 */
bool
read_cell(struct ocr_engine *e, PIX *clean, PIX *grey, const struct cell *c,
    double scale, int dpi, enum cell_mode mode, struct ocr_report *rep,
    GArray *heights, struct cell_read *out)
{
	int inset = (int)ceil(INSET_PT * scale);
	int x = (int)(c->x1 * scale) + inset, y = (int)(c->y1 * scale) + inset;
	int w = (int)(c->x2 * scale) - inset - x;
	int h = (int)(c->y2 * scale) - inset - y;
	int speck = MAX(1, (int)(0.5 * scale));
	PIX *clip, *kept, *ink = NULL;
	BOX *box, *fg = NULL;
	l_int32 count = 0, fx, fy, fw, fh;

	out->text = g_strdup("");
	out->conf = 100;
	out->disputed = false;
	out->runs_on = false;
	out->alts = g_ptr_array_new_with_free_func(g_free);
	if (w <= 2 || h <= 2)
		return true;
	box = boxCreate(x, y, w, h);
	clip = pixClipRectangle(clean, box, NULL);
	boxDestroy(&box);
	if (clip == NULL)
		return true;
	/* Scanner specks are not text; a full stop is larger than these. */
	kept = pixSelectBySize(clip, speck, speck, 8, L_SELECT_IF_EITHER,
	    L_SELECT_IF_GT, NULL);
	pixDestroy(&clip);
	pixCountPixels(kept, &count, NULL);
	if (count < MIN_INK_PT2 * scale * scale ||
	    pixClipToForeground(kept, &ink, &fg) != 0 || ink == NULL) {
		pixDestroy(&kept);
		boxDestroy(&fg);
		return true;
	}
	pixDestroy(&kept);
	boxGetGeometry(fg, &fx, &fy, &fw, &fh);
	boxDestroy(&fg);
	GArray *bands = text_bands(ink, scale);
	PIX *stack = mode == CELL_TEXT ? vertical_stack(grey, ink, bands,
	    x + fx, y + fy) : NULL;

	GString *s = g_string_new(NULL);
	GArray *syms = g_array_new(FALSE, FALSE, sizeof(struct sym));
	bool taken = true;
	for (guint k = 0; k < (stack ? 1 : bands->len); k++) {
		const int *b = &g_array_index(bands, int, 2 * k);
		BOX *db = boxCreate(0, b[0], fw, b[1] - b[0]);
		PIX *band = pixClipRectangle(ink, db, NULL);
		int ellipses = band && mode == CELL_TEXT && !stack ?
		    dot_line(band, scale) : 0;
		boxDestroy(&db);
		pixDestroy(&band);
		if (ellipses > 0) {
			/* A shape, not Tesseract's reading: sure, not certain. */
			const int at[4] = { fx, fy + b[0], fx + fw, fy + b[1] };
			GString *t = g_string_new(NULL);
			for (int d = 0; d < ellipses; d++)
				g_string_append(t, "…");
			struct sym dot = sym_at(t->str, at);
			g_string_free(t, TRUE);
			dot.conf = DOUBT + 5;
			text_join(s, dot.s, strlen(dot.s));
			g_array_append_val(syms, dot);
			continue;
		}
		BOX *gb = boxCreate(x + fx - 1, y + fy + b[0] - 1, fw + 2,
		    b[1] - b[0] + 2);
		PIX *line = stack ? pixClone(stack) :
		    pixClipRectangle(grey, gb, NULL);
		boxDestroy(&gb);
		if (line == NULL)
			continue;
		PIX *padded = pixAddBorder(line, (int)(PAD_PT * scale), 255);
		pixDestroy(&line);
		GArray *ls = mode != CELL_TEXT ? read_plain(e->digits, padded,
		    dpi, dpi, true) : read_line(e, padded, dpi, true);
		if (mode == CELL_DIGITS && !all_digitish(ls)) {
			/* eng reads a lone 4 "A", a 0 "O"; chi_sim small not. */
			GArray *cjk = read_plain(e->api, padded, dpi, CJK_DPI,
			    false);
			if (all_digitish(cjk)) {
				syms_free(ls);
				ls = cjk;
			} else
				syms_free(cjk);
		}
		if (mode == CELL_NUMBER && !sure_number(ls)) {
			syms_free(ls);
			pixDestroy(&padded);
			taken = false;
			break;
		}
		if (heights != NULL)
			cjk_heights(ls, scale, heights);
		fix_line(e, padded, dpi, scale, ls, true);
		if (!stack)
			fix_full_stop(ls, padded, b[1] - b[0],
			    k > 0 ? b[-1] - b[-2] : 0, s);
		pixDestroy(&padded);
		GString *lt = g_string_new(NULL);
		line_append(lt, ls, 0, ls->len, false);
		text_join(s, lt->str, lt->len);
		g_string_free(lt, TRUE);
		g_array_append_vals(syms, ls->data, ls->len);
		g_array_free(ls, TRUE);	/* the symbols moved to syms */
	}
	pixDestroy(&stack);
	if (bands->len > 0)
		out->runs_on = fills_cell(ink, fx, fy, w, h,
		    &g_array_index(bands, int, 2 * (bands->len - 1)));
	g_array_free(bands, TRUE);
	pixDestroy(&ink);
	if (!taken) {
		g_string_free(s, TRUE);
		syms_free(syms);
		cell_read_clear(out);
		return false;
	}
	double weakest = 100;
	for (guint i = 0; i < syms->len; i++) {
		const struct sym *sy = &g_array_index(syms, struct sym, i);
		weakest = MIN(weakest, sy->conf);
		out->disputed = out->disputed || sy->disputed;
		if (rep != NULL) {
			rep->conf_sum += sy->conf;
			rep->conf_n++;
		}
	}
	/* What is left of a rule at a cell's edge reads as a bar. */
	while (s->len > 0 && strchr("|", s->str[s->len - 1]))
		g_string_truncate(s, s->len - 1);
	while (s->len > 0 && s->str[0] == '|')
		g_string_erase(s, 0, 1);
	g_free(out->text);
	out->text = typeset(s->str);
	g_string_free(s, TRUE);
	out->conf = syms->len ? weakest : 100;
	char *times = times_sign(out->text);
	if (times != NULL) {
		g_free(out->text);
		out->text = times;
		out->conf = MIN(out->conf, DOUBT + 5);
		out->disputed = true;
	}
	/*
	 * chi_sim has no "—" either and reads it 一: a cell of nothing but
	 * dashes is the form's "—" (nothing to state), whichever dash.
	 */
	if (only_dashes(out->text)) {
		g_free(out->text);
		out->text = g_strdup("—");
		out->conf = MAX(out->conf, DOUBT);
		out->disputed = false;	/* 一 against —: the same dash */
	}
	g_ptr_array_free(out->alts, TRUE);
	out->alts = alternatives(syms, out->text);
	syms_free(syms);
	return true;
}

/*
 * Is the cell above cell i, in the same columns, a number? Then cell i is
 * most likely one too (a column of budgets, weights or scores), and the
 * digits engine alone reads it: chi_sim's reading first would only say
 * that it is a number, and costs nearly twice eng's (its network is
 * larger). Cells are in reading order, so the one above is read.
 */
bool
under_number(const struct table *tb, const struct cell_read *rd, guint i)
{
	const struct cell *c = g_ptr_array_index(tb->cells, i);
	int best = -1, best_r1 = -1;

	for (guint k = 0; k < i; k++) {
		const struct cell *o = g_ptr_array_index(tb->cells, k);
		if (o->c0 == c->c0 && o->c1 == c->c1 && o->r1 < c->r0 &&
		    o->r1 > best_r1) {
			best = (int)k;
			best_r1 = o->r1;
		}
	}
	return best >= 0 && numeric(rd[best].text);
}

/*
 * "83.%" in a line of words: a decimal point with no digit after it
 * before a percent sign. A digit was lost there, read at 99% (a 200 dpi
 * scan as a TIFF, a phone photo); nothing else doubts it.
 */
bool
point_without_digit(const char *text)
{
	for (const char *p = strchr(text, '.'); p != NULL;
	    p = strchr(p + 1, '.'))
		if (p > text && g_ascii_isdigit(p[-1]) && (p[1] == '%' ||
		    g_str_has_prefix(p + 1, "％")))
			return true;
	return false;
}

/* A number with a "%" before its end ("1%.40" for 144.40, at 200 dpi). */
bool
malformed_number(const char *text)
{
	const char *pct = strchr(text, '%');

	return numeric(text) && pct != NULL && pct[1] != '\0';
}

/*
 * Could text be a short number misread: one character (了 for 7, not a
 * dash or a slash: the form's "nothing"), Latin mixed with digits ("I0" for 10), or
 * digits with one Chinese character ("人4" for 4: the 4's slant read as
 * a character of its own)? Two Chinese characters are a heading (得分).
 * Or a malformed number.
 */
static bool
misread_number(const char *text)
{
	bool digit = false, latin = false;
	int hans = 0;

	if (numeric(text))
		return malformed_number(text);
	if (!text[0] || only_dashes(text) || strcmp(text, "/") == 0 ||
	    strcmp(text, "／") == 0)
		return false;
	if (g_utf8_strlen(text, -1) == 1)
		return true;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		if (han(g_utf8_get_char(p)))
			hans++;
		else if ((unsigned char)*p >= 0x80 || *p == ' ')
			return false;
		digit = digit || g_ascii_isdigit(*p);
		latin = latin || g_ascii_isalpha(*p);
	}
	if (hans > 0)
		return hans == 1 && !latin && digit &&
		    g_utf8_strlen(text, -1) <= 3;
	return digit && latin && strlen(text) <= 4;
}

/*
 * Latin letters that are digits' shapes, in a short reading that is
 * nothing but digits and them: the digits (a lone 0 read "O").
 */
static void
as_digits(char *t)
{
	static const char from[] = "OoIl", to[] = "0011";

	if (strlen(t) > 4 || t[strspn(t, "0123456789.OoIl")] != '\0')
		return;
	for (char *p = t; *p; p++) {
		const char *f = strchr(from, *p);
		if (f != NULL)
			*p = to[f - from];
	}
}

/*
 * A column of numbers (weights, scores) is read as one, and a short cell
 * in it that chi_sim read as something else (了 for 7, I0 for 10) is read
 * again by the digits engine; a number it reads there is taken, doubtful:
 * it is a guess from the column.
 */
void
reread_numeric_column(struct ocr_engine *e, PIX *clean, PIX *grey,
    const struct table *tb, double scale, int dpi, struct cell_read *rd)
{
	for (guint i = 0; i < tb->cells->len; i++) {
		const struct cell *c = g_ptr_array_index(tb->cells, i);
		if (!misread_number(rd[i].text))
			continue;
		int nums = 0, texts = 0;
		for (guint k = 0; k < tb->cells->len; k++) {
			const struct cell *o = g_ptr_array_index(tb->cells, k);
			if (k == i || o->c0 != c->c0 || o->c1 != c->c1 ||
			    !rd[k].text[0])
				continue;
			texts++;
			nums += numeric(rd[k].text);
		}
		/* A reading with a digit in it needs less of its column. */
		if (nums < (strpbrk(rd[i].text, "0123456789") ? 2 : 3) ||
		    nums < 0.6 * texts)
			continue;
		struct cell_read again = { 0 };
		read_cell(e, clean, grey, c, scale, dpi, CELL_DIGITS, NULL,
		    NULL, &again);
		as_digits(again.text);
		if (numeric(again.text) && !malformed_number(again.text)) {
			cell_read_clear(&rd[i]);
			rd[i] = again;
			rd[i].conf = MIN(rd[i].conf, DOUBT - 1);
		} else
			cell_read_clear(&again);
	}
}

/*
 * The separator before a number's last digits, and how many digits
 * follow it: ('.', 3) for 90.000, (',', 3) for 79,974; 0 if none.
 */
static char
last_separator(const char *t, int *digits)
{
	const char *sep = NULL;

	for (const char *p = t; *p; p++)
		if (*p == '.' || *p == ',')
			sep = p;
	*digits = 0;
	if (sep == NULL)
		return 0;
	for (const char *p = sep + 1; g_ascii_isdigit(*p); p++)
		(*digits)++;
	return *sep;
}

/*
 * "," and "." look alike on a poor scan: a number whose last separator
 * differs from the one the rest of its column writes with as many
 * digits after it (79,974 among 90.000 and 10.000) is doubtful, and the
 * other reading is offered to load's checks.
 */
void
check_separators(const struct table *tb, struct cell_read *rd)
{
	for (guint i = 0; i < tb->cells->len; i++) {
		const struct cell *c = g_ptr_array_index(tb->cells, i);
		int n, m, same = 0, other = 0;
		char sep = numeric(rd[i].text) ?
		    last_separator(rd[i].text, &n) : 0;
		if (sep == 0)
			continue;
		for (guint k = 0; k < tb->cells->len; k++) {
			const struct cell *o = g_ptr_array_index(tb->cells, k);
			if (k == i || o->c0 != c->c0 || o->c1 != c->c1 ||
			    !numeric(rd[k].text))
				continue;
			char os = last_separator(rd[k].text, &m);
			if (os != 0 && m == n)
				os == sep ? same++ : other++;
		}
		if (other < 2 || other < 2 * same)
			continue;
		rd[i].conf = MIN(rd[i].conf, DOUBT - 1);
		char *alt = g_strdup(rd[i].text);
		char *p = strrchr(alt, sep);
		*p = sep == '.' ? ',' : '.';
		g_ptr_array_add(rd[i].alts, alt);
	}
}
