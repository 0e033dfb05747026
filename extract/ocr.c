/*
 * OCR of a scanned page: see ocr.h. Whole-page OCR over a ruled table is
 * far worse than reading the cells one by one (it takes rules for
 * strokes and runs the columns together), so the table grid comes first.
 */
#include "ocrint.h"

/* Generated at build time from extract/terms.txt and words.txt (Makefile). */
extern const char terms_txt[];
extern const char words_txt[];

static void
term_free(gpointer p)
{
	g_free(((struct term *)p)->u);
	g_free(p);
}


/* A character of ours (not Tesseract's) over the ink box b (x1 y1 x2 y2). */
struct sym
sym_at(const char *text, const int b[4])
{
	struct sym s = { 0 };

	s.s = g_strdup(text);
	s.x1 = b[0];
	s.y1 = b[1];
	s.x2 = b[2];
	s.y2 = b[3];
	s.choices = g_ptr_array_new_with_free_func(g_free);
	return s;
}

struct ocr_engine *
ocr_engine_new(void)
{
	return g_new0(struct ocr_engine, 1);
}

void
ocr_engine_free(struct ocr_engine *e)
{
	if (e == NULL)
		return;
	if (e->api != NULL) {
		TessBaseAPIEnd(e->api);
		TessBaseAPIDelete(e->api);
	}
	if (e->digits != NULL) {
		TessBaseAPIEnd(e->digits);
		TessBaseAPIDelete(e->digits);
	}
	if (e->script != NULL) {
		TessBaseAPIEnd(e->script);
		TessBaseAPIDelete(e->script);
	}
	if (e->terms != NULL)
		g_ptr_array_free(e->terms, TRUE);
	if (e->words != NULL)
		g_hash_table_destroy(e->words);
	shapes_free(e->shapes);
	g_free(e);
}

/* Tesseract with lang's data, or NULL if that is not installed. */
TessBaseAPI *
optional_api(const char *lang)
{
	const char *prefix = g_getenv("TESSDATA_PREFIX");
	char *file = g_strconcat(lang, ".traineddata", NULL);
	char *path = g_build_filename(prefix ? prefix : TESSDATA, file, NULL);
	bool have = g_file_test(path, G_FILE_TEST_IS_REGULAR);
	TessBaseAPI *api = NULL;

	g_free(path);
	g_free(file);
	if (have) {
		api = TessBaseAPICreate();
		if (TessBaseAPIInit3(api, prefix, lang) != 0) {
			TessBaseAPIDelete(api);
			api = NULL;
		} else
			TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	}
	return api;
}

static bool
start(struct ocr_engine *e, GError **error)
{
	const char *prefix = g_getenv("TESSDATA_PREFIX");
	char *path;
	bool have;

	if (e->started)
		return true;
	/*
	 * Tesseract would print several lines of its own and fail; one line
	 * naming the package is what the user needs.
	 */
	path = g_build_filename(prefix ? prefix : TESSDATA,
	    LANG ".traineddata", NULL);
	have = g_file_test(path, G_FILE_TEST_IS_REGULAR);
	g_free(path);
	if (!have) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "scanned pages need OCR data for Simplified Chinese: "
		    "install the package " LANG_PACKAGE);
		return false;
	}
	if (!tess_load(error))
		return false;
	/*
	 * A scanned page's images are tens of MB each (35 at 300 dpi), and
	 * glibc gives blocks that large back to the system when they are
	 * freed: the next page faults as much in again, 4 KB at a time (16
	 * us a fault on the virtual machine here; 17,000 a page). A process
	 * that reads scans keeps them for its next page instead.
	 */
	mallopt(M_MMAP_MAX, 0);
	mallopt(M_TRIM_THRESHOLD, KEEP_MB << 20);
	e->api = TessBaseAPICreate();
	if (TessBaseAPIInit3(e->api, prefix, LANG) != 0) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "Tesseract could not load its " LANG " data "
		    "(reinstall " LANG_PACKAGE ")");
		TessBaseAPIDelete(e->api);
		e->api = NULL;
		return false;
	}
	TessBaseAPISetVariable(e->api, "debug_file", "/dev/null");
	/* Without the English data, chi_sim reads the digits too. */
	e->digits = optional_api(DIGITS_LANG);
	/* near_term's words: read here, not for a file without scans. */
	e->terms = g_ptr_array_new_with_free_func(term_free);
	char **lines = text_data_lines(terms_txt);
	bool labels = false;
	for (char **l = lines; *l; l++) {
		if (strcmp(*l, "[labels]") == 0)
			labels = true;
		else {
			struct term *w = g_new0(struct term, 1);
			w->u = g_utf8_to_ucs4_fast(*l, -1, &w->len);
			w->label = labels;
			g_ptr_array_add(e->terms, w);
		}
	}
	g_strfreev(lines);
	e->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	lines = text_data_lines(words_txt);
	for (char **l = lines; *l; l++)
		g_hash_table_add(e->words, g_strdup(*l));
	g_strfreev(lines);
	e->started = true;
	return true;
}

void
ocr_report_init(struct ocr_report *r)
{
	memset(r, 0, sizeof *r);
	r->pages = g_array_new(FALSE, FALSE, sizeof(int));
	r->turns = g_array_new(FALSE, FALSE, sizeof(int));
	r->notes = g_ptr_array_new();
}

static void
note_free(struct ocr_note *n)
{
	g_ptr_array_free(n->row, TRUE);
	g_ptr_array_free(n->alts, TRUE);
	g_free(n->term);
	g_free(n->read);
	g_free(n);
}

void
ocr_report_clear(struct ocr_report *r)
{
	if (r->notes != NULL) {
		for (guint i = 0; i < r->notes->len; i++)
			note_free(r->notes->pdata[i]);
		g_ptr_array_free(r->notes, TRUE);
	}
	if (r->pages != NULL)
		g_array_free(r->pages, TRUE);
	if (r->turns != NULL)
		g_array_free(r->turns, TRUE);
	memset(r, 0, sizeof *r);
}

char *
ocr_json(const struct ocr_report *r)
{
	GString *s = g_string_new(NULL);
	struct jw w;

	if (r->pages == NULL || r->pages->len == 0)
		return g_string_free(s, TRUE);
	jw_init(&w, s);
	jw_obj(&w, NULL);
	jw_arr(&w, "pages");
	for (guint i = 0; i < r->pages->len; i++)
		jw_int(&w, NULL, g_array_index(r->pages, int, i));
	jw_end(&w);
	jw_int(&w, "confidence", r->conf_n ?
	    (gint64)round(r->conf_sum / r->conf_n) : 0);
	/* Pages read turned, by how far they were turned to read them. */
	bool turned = false;
	for (guint i = 0; i < r->turns->len; i++)
		turned = turned || g_array_index(r->turns, int, i) != 0;
	if (turned) {
		jw_arr(&w, "turned");
		for (guint i = 0; i < r->turns->len; i++) {
			int t = g_array_index(r->turns, int, i);
			if (t == 0)
				continue;
			jw_obj(&w, NULL);
			jw_int(&w, "page", g_array_index(r->pages, int, i));
			jw_int(&w, "degrees", 90 * t);
			jw_end(&w);
		}
		jw_end(&w);
	}
	jw_arr(&w, "cells");
	for (guint i = 0; i < r->notes->len; i++) {
		const struct ocr_note *n = r->notes->pdata[i];
		jw_obj(&w, NULL);
		jw_int(&w, "page", n->page);
		jw_arr(&w, "row");
		for (guint k = 0; k < n->row->len; k++)
			jw_str(&w, NULL, n->row->pdata[k]);
		jw_end(&w);
		jw_int(&w, "col", n->col);
		jw_int(&w, "conf", (gint64)round(n->conf));
		jw_bool(&w, "doubtful", n->doubtful);
		if (n->line)
			jw_bool(&w, "line", true);
		if (n->term != NULL)
			jw_str(&w, "term", n->term);
		if (n->read != NULL)
			jw_str(&w, "read", n->read);
		jw_arr(&w, "alts");
		for (guint k = 0; k < n->alts->len; k++)
			jw_str(&w, NULL, n->alts->pdata[k]);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	return g_string_free(s, FALSE);
}


/* ---- text outside the tables ---- */

/* The least resolution at which Tesseract is asked to find lines. */
#define LAYOUT_DPI 150

/*
 * A line's note when it is in doubt, as a cell's is (make_note): the line
 * alone is its row.
 */
static struct ocr_note *
line_note(int page, const char *text, const GArray *syms)
{
	double conf = 100;
	bool disputed = false;

	for (guint k = 0; k < syms->len; k++) {
		const struct sym *s = &g_array_index(syms, struct sym, k);
		conf = MIN(conf, s->conf);
		disputed |= s->disputed;
	}
	if (conf >= DOUBT && !disputed && !point_without_digit(text))
		return NULL;
	struct ocr_note *n = g_new0(struct ocr_note, 1);
	n->page = page;
	n->row = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(n->row, g_strdup(text));
	n->col = 0;
	n->conf = conf;
	n->doubtful = true;
	n->line = true;
	n->alts = g_ptr_array_new_with_free_func(g_free);
	return n;
}

static void
read_free_text(struct ocr_engine *e, PIX *clean, PIX *grey,
    const GPtrArray *tables, double scale, int dpi, int page,
    struct ocr_report *rep, GPtrArray *lines)
{
	PIX *rest = pixCopy(NULL, clean);
	int speck = MAX(1, (int)(0.5 * scale));

	for (guint t = 0; t < tables->len; t++) {
		const struct table *tb = tables->pdata[t];
		int x1 = (int)(tb->xs[0] * scale) - 2;
		int y1 = (int)(tb->ys[0] * scale) - 2;
		int x2 = (int)(tb->xs[tb->nx - 1] * scale) + 2;
		int y2 = (int)(tb->ys[tb->ny - 1] * scale) + 2;
		BOX *b = boxCreate(x1, y1, x2 - x1, y2 - y1);
		pixClearInRect(rest, b);
		boxDestroy(&b);
	}
	PIX *kept = pixSelectBySize(rest, speck, speck, 8, L_SELECT_IF_EITHER,
	    L_SELECT_IF_GT, NULL);
	pixDestroy(&rest);
	l_int32 count = 0;
	pixCountPixels(kept, &count, NULL);
	if (count < MIN_INK_PT2 * scale * scale) {
		pixDestroy(&kept);
		return;
	}
	/*
	 * Tesseract finds the lines; each is then read on its own from the
	 * grey, as cells are. Lines are found as well at half the resolution
	 * (a pixel of the half is ink where any of its four is), down to
	 * LAYOUT_DPI, in a quarter of the pixels: the same lines on every
	 * scan here.
	 */
	PIX *half = dpi / 2 >= LAYOUT_DPI ? pixReduceRankBinary2(kept, 1,
	    NULL) : NULL;
	int f = half != NULL ? 2 : 1;
	TessBaseAPISetPageSegMode(e->api, PSM_AUTO);
	TessBaseAPISetImage2(e->api, half != NULL ? half : kept);
	TessBaseAPISetSourceResolution(e->api, dpi / f);
	TessPageIterator *pit = TessBaseAPIAnalyseLayout(e->api);
	GArray *boxes = g_array_new(FALSE, FALSE, sizeof(int) * 4);
	if (pit != NULL) {
		do {
			int b[4];
			if (!TessPageIteratorBoundingBox(pit, RIL_TEXTLINE,
			    &b[0], &b[1], &b[2], &b[3]))
				continue;
			for (int k = 0; k < 4; k++)
				b[k] *= f;
			g_array_append_val(boxes, b);
		} while (TessPageIteratorNext(pit, RIL_TEXTLINE));
		TessPageIteratorDelete(pit);
	}
	pixDestroy(&half);
	pixDestroy(&kept);
	for (guint i = 0; i < boxes->len; i++) {
		const int *b = &g_array_index(boxes, int, 4 * i);
		BOX *gb = boxCreate(b[0] - 1, b[1] - 1, b[2] - b[0] + 2,
		    b[3] - b[1] + 2);
		PIX *line = pixClipRectangle(grey, gb, NULL);
		boxDestroy(&gb);
		if (line == NULL)
			continue;
		PIX *padded = pixAddBorder(line, (int)(PAD_PT * scale), 255);
		pixDestroy(&line);
		GArray *syms = read_line(e, padded, dpi, false);
		fix_line(e, padded, dpi, scale, syms, false);
		GArray *sizes = g_array_new(FALSE, FALSE, sizeof(double));
		cjk_heights(syms, scale, sizes);
		double size = median(sizes);
		g_array_free(sizes, TRUE);
		pixDestroy(&padded);
		GString *lt = g_string_new(NULL);
		line_append(lt, syms, 0, syms->len, true);
		for (guint k = 0; k < syms->len; k++) {
			rep->conf_sum += g_array_index(syms, struct sym, k).conf;
			rep->conf_n++;
		}
		struct text_line *tl = g_new0(struct text_line, 1);
		tl->text = typeset(lt->str);
		g_string_free(lt, TRUE);
		char *times = times_sign(tl->text);
		if (times != NULL) {
			/* In doubt: the line's note names it. */
			g_free(tl->text);
			tl->text = times;
			for (guint k = 0; k < syms->len; k++) {
				struct sym *x = &g_array_index(syms, struct sym,
				    k);
				if (strcmp(x->s, "X") == 0 || strcmp(x->s, "x") == 0)
					x->conf = MIN(x->conf, DOUBT + 5);
			}
		}
		struct ocr_note *n = text_blank(tl->text) ? NULL :
		    line_note(page, tl->text, syms);
		if (n != NULL)
			g_ptr_array_add(rep->notes, n);
		syms_free(syms);
		tl->size = size;
		tl->x1 = b[0] / scale;
		tl->y1 = b[1] / scale;
		tl->x2 = b[2] / scale;
		tl->y2 = b[3] / scale;
		if (text_blank(tl->text))
			text_line_free(tl);
		else
			g_ptr_array_add(lines, tl);
	}
	g_array_free(boxes, TRUE);
}

/* ---- the page ---- */

/*
 * chi_sim misreads a character of a form's printed words now and then at
 * high confidence, the same way at every resolution (固定资产 as 国定资产
 * at 98%, 数量指标 as 数最指标), where no sum can catch it. The forms
 * print the same words again and again (extract/terms.txt): a cell whose
 * leading run of Chinese characters is a term but for one character, and
 * is not itself a term, is flagged, naming the term (rd->term). It is
 * not changed: the forms' words differ by one character from each other
 * as often (产出目标 and 产出指标, 度量单位 and 计量单位; 上年预算数 is
 * one from 当年预算数), and a word the list lacks would be made wrong.
 * But a label parse reads the form by (the list's [labels]) read with
 * one character too many (项目和年度总目标 for the letter-spaced 项目年度
 * 总目标) is restored, if no other term is as near and the run ends the
 * cell or a "：" or "（" follows: the misread label loses the field it
 * names, right as its value was read. (One too few is not: 年初预算 is a
 * label as much as 年初预算数.) Running text is left alone: only a cell
 * that starts with the term, and whose Chinese run ends where the term
 * does.
 */
static void
near_term(const GPtrArray *terms, struct cell_read *rd)
{
	glong n = 0, run = 0;
	gunichar *u = g_utf8_to_ucs4_fast(rd->text, -1, &n);
	const struct term *near = NULL;
	int nears = 0;

	while (run < n && han(u[run]))
		run++;
	for (guint k = 0; run >= 4 && k < terms->len; k++) {
		const struct term *t = terms->pdata[k];
		glong differ = 2;
		if (t->len == run) {
			differ = 0;
			for (glong i = 0; i < run; i++)
				differ += t->u[i] != u[i];
		} else if (t->label && t->len + 1 == run)
			differ = edits(t->u, t->len, u, run);
		if (differ == 0) {
			near = NULL;	/* a term itself */
			break;
		}
		if (differ == 1 && nears++ == 0)
			near = t;
	}
	if (near != NULL) {
		rd->term = g_ucs4_to_utf8(near->u, near->len, NULL, NULL, NULL);
		bool ends = run == n || u[run] == 0xFF1A || u[run] == ':' ||
		    u[run] == 0xFF08 || u[run] == '(';
		if (near->len < run && nears == 1 && ends) {
			char *rest = g_ucs4_to_utf8(u + run, n - run, NULL, NULL,
			    NULL);
			rd->read = rd->text;
			rd->text = g_strconcat(rd->term, rest, NULL);
			g_free(rest);
		}
	}
	g_free(u);
}

static struct ocr_note *
make_note(int page, const struct table *tb, const struct cell *c,
    struct cell_read *rd, const char **texts)
{
	struct ocr_note *n = g_new0(struct ocr_note, 1);

	n->page = page;
	n->row = g_ptr_array_new_with_free_func(g_free);
	n->col = -1;
	/*
	 * The row is every cell standing in it, left to right, those that
	 * span down into it from above too: a funds row's label is often one
	 * cell over its header row and itself.
	 */
	for (int col = 0; col < tb->nx - 1; col++)
		for (guint i = 0; i < tb->cells->len; i++) {
			const struct cell *o = g_ptr_array_index(tb->cells, i);
			if (o->c0 != col || o->r0 > c->r0 || o->r1 < c->r0)
				continue;
			if (o == c)
				n->col = (int)n->row->len;
			g_ptr_array_add(n->row, g_strdup(texts[i]));
		}
	n->conf = rd->conf;
	n->doubtful = c->doubt;
	n->alts = rd->alts;
	n->term = g_steal_pointer(&rd->term);
	n->read = g_steal_pointer(&rd->read);
	return n;
}

static int
by_c0(gconstpointer a, gconstpointer b)
{
	const struct cell *x = *(struct cell *const *)a;
	const struct cell *y = *(struct cell *const *)b;

	if (x->r0 != y->r0)
		return x->r0 - y->r0;
	return x->c0 - y->c0;
}

/*
 * A page scanned sideways or upside down (a landscape form fed in
 * upright, a sheet put in the feeder the wrong way round, a phone photo
 * whose turn is only in its EXIF tag, which Leptonica does not apply)
 * reads as nothing but doubt. The ruling lines do not tell which way is
 * up; the text does. A page read poorly (read_page) has a few runs of
 * its text read by chi_sim as they lie and, if that reads poorly too,
 * turned 1, 2 and 3 quarters; the way it reads surest wins. An upright
 * page costs nothing.
 */
static double
sample_conf(struct ocr_engine *e, PIX *grey, BOXA *runs, int dpi, int turns)
{
	double sum = 0;
	int n = 0;

	for (int i = 0; i < boxaGetCount(runs); i++) {
		BOX *b = boxaGetBox(runs, i, L_CLONE);
		PIX *clip = pixClipRectangle(grey, b, NULL);
		PIX *turned = clip ? pixRotateOrth(clip, turns) : NULL;
		boxDestroy(&b);
		pixDestroy(&clip);
		if (turned == NULL)
			continue;
		GArray *syms = recognize(e->api, turned, dpi, CJK_DPI,
		    PSM_SINGLE_BLOCK);
		pixDestroy(&turned);
		/* A run read as nothing counts as read at 0. */
		double run = 0;
		for (guint k = 0; k < syms->len; k++)
			run += g_array_index(syms, struct sym, k).conf;
		sum += syms->len ? run / syms->len : 0;
		n++;
		syms_free(syms);
	}
	return n ? sum / n : 100;
}

/*
 * Runs of text on the page, either way up: the ink with the rules taken
 * out, closed so that a line's characters join; pieces a line thick
 * (ORIENT_MIN_IN to ORIENT_MAX_IN) and three times as long, lying the
 * way most of them lie (a page's lines lie one way; a narrow column's
 * characters stacked one to a line do not count), the longest first, at
 * most ORIENT_RUNS, cut to ORIENT_LONG_IN.
 */
static BOXA *
text_runs(PIX *clean, int dpi)
{
	int k = MAX(3, (int)lround(dpi * ORIENT_JOIN_IN)) | 1;
	PIX *closed = pixCloseBrick(NULL, clean, k, k);
	BOXA *all = closed ? pixConnCompBB(closed, 8) : NULL;
	BOXA *runs = boxaCreate(ORIENT_RUNS);
	NUMA *len = numaCreate(0);
	int min_short = (int)(dpi * ORIENT_MIN_IN);
	int max_short = (int)(dpi * ORIENT_MAX_IN);
	int max_long = (int)(dpi * ORIENT_LONG_IN);
	double across = 0, down = 0;

	pixDestroy(&closed);
	for (int i = 0; all != NULL && i < boxaGetCount(all); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(all, i, &x, &y, &w, &h);
		int lo = MIN(w, h), hi = MAX(w, h);
		bool run = lo >= min_short && lo <= max_short && hi >= 3 * lo;
		/* Lying across: positive; standing: negative. */
		numaAddNumber(len, run ? (w > h ? hi : -hi) : 0);
		if (run && w > h)
			across += hi;
		else if (run)
			down += hi;
	}
	NUMA *order = numaGetSortIndex(len, across >= down ?
	    L_SORT_DECREASING : L_SORT_INCREASING);
	for (int j = 0; order != NULL && j < numaGetCount(order) &&
	    boxaGetCount(runs) < ORIENT_RUNS; j++) {
		l_int32 i, x, y, w, h;
		l_float32 v;
		numaGetIValue(order, j, &i);
		numaGetFValue(len, i, &v);
		if (across >= down ? v <= 0 : v >= 0)
			break;
		boxaGetBoxGeometry(all, i, &x, &y, &w, &h);
		/* A margin of paper round it, for Tesseract. */
		x = MAX(0, x - k);
		y = MAX(0, y - k);
		w = MIN(MIN(w, max_long) + 2 * k, pixGetWidth(clean) - x);
		h = MIN(MIN(h, max_long) + 2 * k, pixGetHeight(clean) - y);
		boxaAddBox(runs, boxCreate(x, y, w, h), L_INSERT);
	}
	numaDestroy(&order);
	numaDestroy(&len);
	boxaDestroy(&all);
	return runs;
}

/* Quarter turns clockwise that bring the page upright: 0 to 3. */
static int
upright_turns(struct ocr_engine *e, PIX *clean, PIX *grey, int dpi)
{
	BOXA *runs = text_runs(clean, dpi);
	double conf[4] = { 0 };
	int best = 0;

	conf[0] = sample_conf(e, grey, runs, dpi, 0);
	if (conf[0] < ORIENT_UPRIGHT)
		for (int t = 1; t < 4; t++) {
			conf[t] = sample_conf(e, grey, runs, dpi, t);
			if (conf[t] > conf[best])
				best = t;
		}
	if (conf[best] < conf[0] + ORIENT_MARGIN)
		best = 0;
	boxaDestroy(&runs);
	return best;
}

/*
 * Has the page read so far (the report's symbols past n0, their
 * confidences past sum0) read poorly on average, over at least min (1 or
 * more) characters?
 */
static bool
reads_poorly(const struct ocr_report *rep, double sum0, long n0, long min)
{
	long n = rep->conf_n - n0;

	return n >= min && (rep->conf_sum - sum0) / n < ORIENT_UPRIGHT;
}

/* ocr_page of img read turns quarter turns clockwise; < 0: find how many. */
static int
read_page(struct ocr_engine *e, PIX *img, double dpi, int no,
    const char *grid_png_dir, int turns, struct doc_page **out,
    struct ocr_report *rep, GError **error)
{
	struct scan_page sp;
	GArray *hsegs, *vsegs;
	GPtrArray *tables, *lines;
	PIX *mask = NULL, *clean, *grey;
	GArray *heights;
	double scale;
	int read = 0, doubtful = 0, status = SE_OK;
	/* What the report held before this page, to take it back. */
	guint notes0 = rep->notes->len, pages0 = rep->pages->len;
	double sum0 = rep->conf_sum;
	long n0 = rep->conf_n;
	PIX *up = NULL;
	int t = 0;
	bool early = false;	/* stopped reading: the page reads poorly */

	*out = NULL;
	if (!start(e, error))
		return SE_NOTEXT;
	shapes_new_page(e->shapes);
	if (!scan_prepare(img, dpi, &sp, error))
		return SE_NOTEXT;
	heights = g_array_new(FALSE, FALSE, sizeof(double));
	scale = sp.dpi / 72.0;
	hsegs = g_array_new(FALSE, FALSE, sizeof(struct seg));
	vsegs = g_array_new(FALSE, FALSE, sizeof(struct seg));
	lattice_rules(sp.faint, scale, hsegs, vsegs, &mask);
	tables = tables_build(hsegs, vsegs, SCAN_TOUCH_PT);
	/*
	 * Only rules of a table are taken out: a long run of ink elsewhere
	 * is the strokes of a bold title, "预算项" run together.
	 */
	{
		PIX *area = pixCreateTemplate(mask);
		for (guint t = 0; t < tables->len; t++) {
			const struct table *tb = tables->pdata[t];
			int x1 = (int)(tb->xs[0] * scale) - 4;
			int y1 = (int)(tb->ys[0] * scale) - 4;
			BOX *b = boxCreate(x1, y1,
			    (int)(tb->xs[tb->nx - 1] * scale) + 4 - x1,
			    (int)(tb->ys[tb->ny - 1] * scale) + 4 - y1);
			pixSetInRect(area, b);
			boxDestroy(&b);
		}
		pixAnd(mask, mask, area);
		pixDestroy(&area);
	}
	clean = pixSubtract(NULL, sp.bin, mask);
	grey = pixCopy(NULL, sp.grey);
	pixSetMasked(grey, mask, 255);
	pixDestroy(&mask);

	for (guint t = 0; t < tables->len; t++) {
		struct table *tb = tables->pdata[t];
		/* Cells in reading order, so notes come out row by row. */
		g_ptr_array_sort(tb->cells, by_c0);
		for (int i = 0; i < (tb->ny - 1) * (tb->nx - 1); i++)
			tb->owner[i] = -1;
		for (guint i = 0; i < tb->cells->len; i++) {
			struct cell *c = g_ptr_array_index(tb->cells, i);
			for (int r = c->r0; r <= c->r1; r++)
				for (int k = c->c0; k <= c->c1; k++)
					tb->owner[r * (tb->nx - 1) + k] = (int)i;
		}
		struct cell_read *rd = g_new0(struct cell_read, tb->cells->len);
		const char **texts = g_new0(const char *, tb->cells->len);
		for (guint i = 0; i < tb->cells->len && !early; i++) {
			struct cell *c = g_ptr_array_index(tb->cells, i);
			if (!(e->digits != NULL && under_number(tb, rd, i) &&
			    read_cell(e, clean, grey, c, scale, (int)sp.dpi,
			    CELL_NUMBER, rep, heights, &rd[i])))
				read_cell(e, clean, grey, c, scale,
				    (int)sp.dpi, CELL_TEXT, rep, heights,
				    &rd[i]);
			early = turns < 0 &&
			    reads_poorly(rep, sum0, n0, ORIENT_EARLY);
		}
		if (early) {
			for (guint i = 0; i < tb->cells->len; i++)
				cell_read_clear(&rd[i]);
			g_free(rd);
			g_free(texts);
			break;
		}
		if (e->digits != NULL)
			reread_numeric_column(e, clean, grey, tb, scale,
			    (int)sp.dpi, rd);
		check_separators(tb, rd);
		for (guint i = 0; i < tb->cells->len; i++) {
			struct cell *c = g_ptr_array_index(tb->cells, i);
			near_term(e->terms, &rd[i]);
			c->text = g_strdup(rd[i].text);
			c->runs_on = rd[i].runs_on;
			c->conf = rd[i].conf;
			c->doubt = rd[i].conf < DOUBT || rd[i].disputed ||
			    rd[i].term != NULL || malformed_number(rd[i].text) ||
			    point_without_digit(rd[i].text);
			texts[i] = rd[i].text;
			/* A bad page shows in unsure characters, not disputes. */
			read += c->text[0] != 0;
			doubtful += c->text[0] && rd[i].conf < DOUBT;
		}
		for (guint i = 0; i < tb->cells->len; i++) {
			const struct cell *c = g_ptr_array_index(tb->cells, i);
			/*
			 * Every number goes to load too: where the form's sums
			 * disagree and no reading settles them, each number
			 * they add up is flagged.
			 */
			if (c->text[0] && (c->doubt || rd[i].alts->len > 0 ||
			    numeric(c->text)))
				g_ptr_array_add(rep->notes, make_note(no, tb, c,
				    &rd[i], texts));
			else
				g_ptr_array_free(rd[i].alts, TRUE);
		}
		for (guint i = 0; i < tb->cells->len; i++) {
			g_free(rd[i].text);
			g_free(rd[i].term);
			g_free(rd[i].read);
		}
		g_free(rd);
		g_free(texts);
	}
	lines = g_ptr_array_new_with_free_func(text_line_free);
	if (early)
		;	/* looked at turned, below */
	else if (read > 0 && doubtful > MAX_DOUBTFUL * read) {
		g_set_error(error, SE_ERROR, SE_NOTEXT, "page %d is read too "
		    "poorly to load (%d of %d cells doubtful): scan it again, "
		    "flat and evenly lit", no, doubtful, read);
		status = SE_NOTEXT;
	} else {
		read_free_text(e, clean, grey, tables, scale, (int)sp.dpi,
		    no, rep, lines);
		g_array_append_val(rep->pages, no);
		g_array_append_val(rep->turns, (int){ MAX(turns, 0) });
		/* The body text's size, for telling the small print of margins. */
		double body = median(heights);
		*out = layout_cells_page(no, pixGetHeight(sp.grey) / scale,
		    body, tables, lines);
	}
	TessBaseAPIClear(e->api);
	/*
	 * A page read poorly may lie turned: if it reads better another
	 * way up, what this reading added to the report is taken back and
	 * the page read again that way. A page that reads poorly from its
	 * first cells is looked at then, not after all the rest is read
	 * (a turned page took 14 s to refuse); if it is upright after all,
	 * it is read again from the start, as it lies.
	 */
	if (turns < 0 && (early || status != SE_OK ||
	    reads_poorly(rep, sum0, n0, 1))) {
		t = upright_turns(e, clean, grey, (int)sp.dpi);
		if (t != 0)
			up = pixRotateOrth(img, t);
		else if (early)
			up = pixClone(img);
	}
	if (up != NULL) {
		for (guint i = notes0; i < rep->notes->len; i++)
			note_free(rep->notes->pdata[i]);
		g_ptr_array_set_size(rep->notes, notes0);
		g_array_set_size(rep->pages, pages0);
		g_array_set_size(rep->turns, pages0);
		rep->conf_sum = sum0;
		rep->conf_n = n0;
		g_clear_pointer(out, doc_page_free);
		g_clear_error(error);
	}
	g_array_free(heights, TRUE);
	if (grid_png_dir != NULL && up == NULL)
		gridpng_write_scan(sp.grey, scale, no, hsegs, vsegs, tables,
		    grid_png_dir, status == SE_OK ? error : NULL);
	g_ptr_array_free(lines, TRUE);
	g_ptr_array_free(tables, TRUE);
	g_array_free(hsegs, TRUE);
	g_array_free(vsegs, TRUE);
	pixDestroy(&clean);
	pixDestroy(&grey);
	scan_page_clear(&sp);
	if (up != NULL) {
		status = read_page(e, up, dpi, no, grid_png_dir, t, out, rep,
		    error);
		pixDestroy(&up);
	}
	return status;
}

int
ocr_page(struct ocr_engine *e, PIX *img, double dpi, int no,
    const char *grid_png_dir, struct doc_page **out,
    struct ocr_report *rep, GError **error)
{
	return read_page(e, img, dpi, no, grid_png_dir, -1, out, rep,
	    error);
}
