/*
 * OCR of a scanned page: see ocr.h. Whole-page OCR over a ruled table is
 * far worse than reading the cells one by one (it takes rules for
 * strokes and runs the columns together), so the table grid comes first.
 */
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geom.h"
#include "gridpng.h"
#include "jsonw.h"
#include "lattice.h"
#include "layout.h"
#include "ocr.h"
#include "scan.h"
#include "status.h"
#include "tess.h"
#include "text.h"

/* Generated at build time from extract/terms.txt and words.txt (Makefile). */
extern const char terms_txt[];
extern const char words_txt[];

#define LANG "chi_sim"
#define LANG_PACKAGE "tesseract-ocr-chi-sim"
/* Digits are read again with the English data, when it is installed. */
#define DIGITS_LANG "eng"
/*
 * Tesseract's model of the Han script (Debian's tesseract-ocr-script-hans):
 * a second opinion on a doubtful character (second_opinion), read only
 * where one is asked for.
 */
#define SCRIPT_LANG "HanS"
/*
 * A Chinese character read below this that makes no word with its
 * neighbours is put to it. The misreads it mended on the clean scans
 * were read at 83% and 92%; most doubts are single characters read at
 * 98% to 99% by readings that split the line differently, and asking
 * for every one of those read 3 to 4 times as many lines.
 */
#define ASK_SCRIPT 95.0
/* Debian's tessdata folder, used when TESSDATA_PREFIX is not set. */
#define TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
/* A cell whose weakest character is read below this is doubtful. */
#define DOUBT 80.0
/*
 * A page with more than this share of its cells doubtful was read badly
 * as a whole (a photo's warped grid, a faint fax): its grid and its
 * confident cells are no better, so it is refused rather than loaded
 * with flags on a few. Clean and degraded scans here stay under 4%.
 */
#define MAX_DOUBTFUL 0.10
/* A character whose other readings are worth offering to load. */
#define OFFER 95.0
#define MAX_ALTS 8
/* Margins, in points, kept clear around a cell's ink for Tesseract. */
#define PAD_PT 3.0
/* A cell's edge band, in points, left out: what stays of its rules. */
#define INSET_PT 1.0
/* Ink, in square points, below which a cell is blank (specks). */
#define MIN_INK_PT2 1.5
/* The largest a dot of a "……" is, in points across (a 12 pt one's 1.3). */
#define DOT_PT 2.0
/* Grey below which a pixel is faint ink: a thin stroke's blurred grey. */
#define LIGHT_INK 200
/* A glyph taller than a number's first digit by this is no digit of it. */
#define DIGIT_RUN 1.12
/* A glyph this wide for its height is no digit ("≥", "00" run together). */
#define DIGIT_WIDE 0.8
/* A glyph wider than this times its height is no "%" alone. */
#define PERCENT_WIDE 1.4
/* The least height, in points, of a line of text (of 6 pt type). */
#define MIN_LINE_PT 4.0
/*
 * han_cells: glyphs within CELL_WIDE ems are one Chinese character; a
 * glyph under PART_HIGH of an em both high and wide is a mark.
 */
#define PART_HIGH 0.45
#define CELL_WIDE 1.1
/* The marks a line of Chinese alone may have (fix_inserted). */
#define LINE_MARKS "、，。：；！？“”‘’"
/* A full stop's height and width at most, of the line's tallest glyph. */
#define STOP_HIGH 0.55
/* Gap between words, in line heights, that splits a line into cells. */
#define COLUMN_GAP 2.0
/*
 * Gap between words, in line heights, that is a space in a line of text
 * outside the tables ("联系人：王敏  联系电话：…"): Chinese sets no space
 * between words, and the gap between two characters of a word, as
 * chi_sim's boxes give it, stays under half a height.
 */
#define SPACE_GAP 0.75
/*
 * chi_sim reads Chinese best at about this resolution: at 300 dpi it
 * takes 覆 for 履, 县 for 有具, 清运 for 清和运 with high confidence, and
 * reads them right at 150 to 210 (measured on the scans of
 * fixtures/scans; at 150 it reads ":" as ";" and drops more). Its digits
 * are better at the page's own resolution, and eng's better still
 * ("1.911,472.80" for 1,911,472.80), so lines with digits are read
 * again there.
 */
#define CJK_DPI 210.0
/*
 * A line of words read with every character at this confidence or more
 * is not read again: on the scans of fixtures/scans chi_sim reads most
 * characters at 98.5 to 99.6, and the wrong characters nothing else
 * flagged (兑 as 竟, 册 as 肌, an 人 too many) at 94 to 98. Reading every
 * line twice cost a third more time.
 */
#define SURE 98.5
/* Freed memory a process reading scans keeps, in MB: a page's images. */
#define KEEP_MB 256
/*
 * Two readings that agree on a character both read below this leave it
 * in doubt all the same: at 200 dpi chi_sim reads 受益 as 受蔓 twice, at
 * 96.4 and 93.0. Right characters read that low in both readings are
 * few: on the scans of fixtures/scans this flags 20 more cells in 12
 * pages (53 to 73); at SURE it would flag 86 more.
 */
#define WEAK_AGREE 97.0
/*
 * A scanned rule may stop this far, in points, short of the rule it meets
 * and still meet it: thresholded to 1 bit, a tilted page's hairlines
 * lose their ends at the crossings (3 to 6 pt on a Writer form, whose
 * lower header then was one cell), where a born-digital page's rules
 * stop within TOUCH_PT.
 */
#define SCAN_TOUCH_PT 6.0
/* A page scanned at CJK_DPI or less is read again this much smaller. */
#define CHECK_SCALE 0.75
/*
 * Where chi_sim's two readings of a line of words differ, a third at this
 * resolution decides: it reads a character split in two as one ("否人健"
 * at 210 dpi, "否健人" at 300 for 否健; 训 read "训和"), where it is no
 * better at the marks CJK_DPI is chosen for.
 */
#define VOTE_DPI 150.0
/*
 * Which way up (upright_turns): runs of text joined across gaps of
 * ORIENT_JOIN_IN inches, ORIENT_MIN_IN to ORIENT_MAX_IN thick (a line of
 * small print to three lines), ORIENT_RUNS of them, cut to
 * ORIENT_LONG_IN. A page, or a sample, read at ORIENT_UPRIGHT or better
 * on average is upright; else a turn that reads the sample ORIENT_MARGIN
 * better wins. On the scans of fixtures/scans turned each way, chi_sim
 * read the sample at 96 to 99 upright and at 76 to 90 turned; every
 * upright page at 98 or better.
 */
#define ORIENT_JOIN_IN 0.04
#define ORIENT_MIN_IN 0.07
#define ORIENT_MAX_IN 0.6
#define ORIENT_LONG_IN 1.0
#define ORIENT_RUNS 3
#define ORIENT_UPRIGHT 92.0
#define ORIENT_MARGIN 5.0
/* Characters a page is read to before its first look at which way is up. */
#define ORIENT_EARLY 60

struct ocr_engine {
	TessBaseAPI *api;
	TessBaseAPI *digits;	/* eng, or NULL */
	TessBaseAPI *script;	/* HanS, once asked for and if installed */
	GPtrArray *terms;	/* struct term *: extract/terms.txt */
	GHashTable *words;	/* extract/words.txt, a set */
	bool started;
	bool script_tried;	/* script was looked for */
};

/* A word the forms print (extract/terms.txt). */
struct term {
	gunichar *u;	/* 0-ended */
	glong len;
	bool label;	/* a label parse reads the form by: restored */
};

static void
term_free(gpointer p)
{
	g_free(((struct term *)p)->u);
	g_free(p);
}

/* One character as Tesseract read it. */
struct sym {
	char *s;
	double conf;
	int x1, y1, x2, y2;
	bool word_start, line_start;
	/* The line's two readings differ here (dispute). */
	bool disputed;
	GPtrArray *choices;	/* char *: other readings of this character */
};

/* A character of ours (not Tesseract's) over the ink box b (x1 y1 x2 y2). */
static struct sym
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
	g_free(e);
}

/* Tesseract with lang's data, or NULL if that is not installed. */
static TessBaseAPI *
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

/* ---- reading a region ---- */

static void
sym_clear(struct sym *s)
{
	g_free(s->s);
	g_ptr_array_free(s->choices, TRUE);
}

static void
syms_free(GArray *syms)
{
	for (guint i = 0; i < syms->len; i++)
		sym_clear(&g_array_index(syms, struct sym, i));
	g_array_free(syms, TRUE);
}

/* The characters of a reading, one after the other. */
static char *
syms_text(const GArray *syms)
{
	GString *t = g_string_new(NULL);

	for (guint i = 0; i < syms->len; i++)
		g_string_append(t, g_array_index(syms, struct sym, i).s);
	return g_string_free(t, FALSE);
}

/*
 * Read pix (at dpi) with the given page segmentation, scaled down to
 * at most max_dpi first; the characters in order, their boxes in pix.
 */
static GArray *
recognize(TessBaseAPI *api, PIX *pix, int dpi, double max_dpi,
    TessPageSegMode psm)
{
	GArray *syms = g_array_new(FALSE, FALSE, sizeof(struct sym));
	TessResultIterator *it;
	TessPageIterator *pit;
	double f = dpi > max_dpi ? max_dpi / dpi : 1.0;
	PIX *small = f < 1 ? pixScale(pix, (float)f, (float)f) : pixClone(pix);

	TessBaseAPISetPageSegMode(api, psm);
	TessBaseAPISetImage2(api, small);
	TessBaseAPISetSourceResolution(api, (int)(dpi * f));
	pixDestroy(&small);
	if (TessBaseAPIRecognize(api, NULL) != 0)
		return syms;
	it = TessBaseAPIGetIterator(api);
	if (it == NULL)
		return syms;
	pit = TessResultIteratorGetPageIterator(it);
	do {
		struct sym s = { 0 };
		char *t = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
		if (t == NULL)
			continue;
		s.s = g_strdup(t);
		TessDeleteText(t);
		s.conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
		TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &s.x1, &s.y1,
		    &s.x2, &s.y2);
		s.x1 = (int)floor(s.x1 / f);
		s.y1 = (int)floor(s.y1 / f);
		s.x2 = (int)ceil(s.x2 / f);
		s.y2 = (int)ceil(s.y2 / f);
		s.word_start = TessPageIteratorIsAtBeginningOf(pit, RIL_WORD);
		s.line_start = TessPageIteratorIsAtBeginningOf(pit,
		    RIL_TEXTLINE);
		s.choices = g_ptr_array_new_with_free_func(g_free);
		TessChoiceIterator *ci = TessResultIteratorGetChoiceIterator(it);
		if (ci != NULL) {
			do {
				const char *c = TessChoiceIteratorGetUTF8Text(ci);
				if (c != NULL && *c && strcmp(c, s.s) != 0 &&
				    s.choices->len < 4)
					g_ptr_array_add(s.choices, g_strdup(c));
			} while (TessChoiceIteratorNext(ci));
			TessChoiceIteratorDelete(ci);
		}
		g_array_append_val(syms, s);
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	TessResultIteratorDelete(it);
	return syms;
}

static bool
is_latin(gunichar c)
{
	return c < 0x80 && g_ascii_isalnum((int)c);
}

static gunichar
first_char(const char *s)
{
	return s && *s ? g_utf8_get_char(s) : 0;
}

static gunichar
last_char(const GString *s)
{
	const char *p;

	if (s->len == 0)
		return 0;
	p = g_utf8_find_prev_char(s->str, s->str + s->len);
	return p ? g_utf8_get_char(p) : 0;
}

/*
 * Chinese typography from OCR's guesses: punctuation beside a Chinese
 * character is the full-width form, between digits the ASCII one (the
 * two look alike on paper, so OCR picks either).
 */
static char *
typeset(const char *in)
{
	static const struct { gunichar half, full; } pairs[] = {
		{ ',', 0xFF0C }, { ':', 0xFF1A }, { ';', 0xFF1B },
		{ '!', 0xFF01 },
		{ '?', 0xFF1F }, { '%', 0xFF05 }, { '.', 0xFF0E },
	};
	glong n;
	gunichar *u = g_utf8_to_ucs4_fast(in, -1, &n);
	GString *out = g_string_new(NULL);

	/*
	 * Brackets go by what they hold and where they stand: （2022年度）,
	 * （1）举办…, but (A).
	 */
	for (glong i = 0; i < n; i++) {
		/* A 《 closed by ")" is a （ read as 《 (no 》 to match). */
		if (u[i] == 0x300A) {
			glong j = i + 1;
			while (j < n && u[j] != ')' && u[j] != 0xFF09 &&
			    u[j] != 0x300B && u[j] != 0x300A && u[j] != '(' &&
			    u[j] != 0xFF08)
				j++;
			if (j < n && (u[j] == ')' || u[j] == 0xFF09))
				u[i] = 0xFF08;
		}
		if (u[i] != '(' && u[i] != 0xFF08 && u[i] != 0x3008)
			continue;
		glong j = i + 1;
		bool han = false;
		while (j < n && u[j] != ')' && u[j] != 0xFF09 && u[j] != 0x3009 &&
		    u[j] != '(' && u[j] != 0xFF08)
			han = han || (text_is_cjk(u[j]) && u[j] > 0x3000 &&
			    u[j] < 0xFF00), j++;
		han = han || (i > 0 && text_is_cjk(u[i - 1])) ||
		    (j + 1 < n && text_is_cjk(u[j + 1]) && u[j + 1] > 0x3000);
		u[i] = han ? 0xFF08 : '(';
		if (j < n && (u[j] == ')' || u[j] == 0xFF09 || u[j] == 0x3009))
			u[j] = han ? 0xFF09 : ')';
	}
	/*
	 * A '"' beside a Chinese character is a “ or ”: a ” where a “ is
	 * open before it ("进社区\"主题" for 进社区”主题), else a “.
	 */
	bool open = false;
	for (glong i = 0; i < n; i++) {
		if (u[i] == 0x201C || u[i] == 0x201D)
			open = u[i] == 0x201C;
		else if (u[i] == '"' && ((i > 0 && text_is_cjk(u[i - 1]) &&
		    u[i - 1] > 0x3000) || (i + 1 < n && text_is_cjk(u[i + 1]) &&
		    u[i + 1] > 0x3000))) {
			u[i] = open ? 0x201D : 0x201C;
			open = !open;
		}
	}
	for (glong i = 0; i < n; i++) {
		gunichar c = u[i], prev = i > 0 ? u[i - 1] : 0;
		gunichar next = i + 1 < n ? u[i + 1] : 0;
		for (size_t k = 0; k < G_N_ELEMENTS(pairs); k++) {
			gunichar half = pairs[k].half;
			bool digits = g_unichar_isdigit(prev) &&
			    (g_unichar_isdigit(next) || half == '%');
			bool han = (prev && text_is_cjk(prev)) ||
			    (next && text_is_cjk(next));
			if (c == pairs[k].full && digits)
				c = half;
			else if (c == half && han && !digits && half != '%' &&
			    half != '.')
				c = pairs[k].full;
		}
		g_string_append_unichar(out, c);
	}
	g_free(u);
	return g_string_free(out, FALSE);
}

/*
 * A Chinese character, as near_term and fix_phantom take it: a letter of
 * no case (is_han takes the script, which has 〇 and 々 too).
 */
static bool
han(gunichar c)
{
	return g_unichar_type(c) == G_UNICODE_OTHER_LETTER;
}

static bool
is_han(const struct sym *s)
{
	return g_unichar_get_script(g_utf8_get_char(s->s)) ==
	    G_UNICODE_SCRIPT_HAN;
}

/*
 * Is the gap before Chinese character i letter-spacing: does it lie in a
 * run of Chinese characters (up to a TAB's gap) a third or more of whose
 * gaps, two at least, are as wide as a space? A title or label set out
 * with spaces (项 目 绩 效 自 评 价) is one word, and a born-digital page
 * reads it so; chi_sim's boxes make such gaps uneven, so they are
 * counted, not compared. "王敏  联系电话" has one wide gap among four.
 */
static bool
letter_spaced(const GArray *syms, guint from, guint to, guint i, int h)
{
	guint a = i, b = i;
	int pairs = 0, wide = 0;

	while (a > from && is_han(&g_array_index(syms, struct sym, a - 1)) &&
	    g_array_index(syms, struct sym, a).x1 - g_array_index(syms,
	    struct sym, a - 1).x2 <= COLUMN_GAP * h)
		a--;
	while (b + 1 < to && is_han(&g_array_index(syms, struct sym, b + 1)) &&
	    g_array_index(syms, struct sym, b + 1).x1 - g_array_index(syms,
	    struct sym, b).x2 <= COLUMN_GAP * h)
		b++;
	for (guint k = a + 1; k <= b; k++) {
		pairs++;
		wide += g_array_index(syms, struct sym, k).x1 -
		    g_array_index(syms, struct sym, k - 1).x2 > SPACE_GAP * h;
	}
	return wide >= 2 && 3 * wide >= pairs;
}

/*
 * Full-width punctuation whose white space is in its own glyph: the gap
 * before a "（" is half its width, and is no space between words (a
 * title "自评表（2020年度）" read with one at 200 dpi).
 */
#define OPENS "（【《「『〈“‘"
#define CLOSES "）】》」』〉，。、：；”’"

/*
 * Does the gap between p and s belong to a glyph? A bracket read as
 * Latin "(" beside a Chinese character is a "（" (typeset makes it one).
 */
static bool
own_space(const struct sym *p, const struct sym *s)
{
	gunichar a = g_utf8_get_char(p->s), b = g_utf8_get_char(s->s);

	return g_utf8_strchr(OPENS, -1, b) != NULL ||
	    g_utf8_strchr(CLOSES, -1, a) != NULL ||
	    (b == '(' && is_han(p)) || (a == ')' && is_han(s));
}

/*
 * The line's text; if tabs (a line outside the tables), gaps wider than
 * COLUMN_GAP heights become TAB and wider than SPACE_GAP a space, but
 * for letter-spacing.
 */
static void
line_append(GString *out, const GArray *syms, guint from, guint to, bool tabs)
{
	int h = 0;

	for (guint i = from; i < to; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		h = MAX(h, s->y2 - s->y1);
	}
	for (guint i = from; i < to; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		if (i > from && s->word_start) {
			const struct sym *p = &g_array_index(syms, struct sym,
			    i - 1);
			if (tabs && s->x1 - p->x2 > COLUMN_GAP * h)
				g_string_append_c(out, '\t');
			else if (tabs && s->x1 - p->x2 > SPACE_GAP * h &&
			    !(is_han(p) && is_han(s) &&
			    letter_spaced(syms, from, to, i, h)) &&
			    !own_space(p, s))
				g_string_append_c(out, ' ');
			else if (is_latin(last_char(out)) &&
			    is_latin(first_char(s->s)))
				g_string_append_c(out, ' ');
		}
		g_string_append(out, s->s);
	}
}

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

/*
 * A line's ink as the fixes below look at it: thresholded once, its
 * glyphs (ink_columns; empty if the threshold failed). The characters
 * change from one fix to the next, the ink does not.
 */
struct line_ink {
	PIX *bin;
	PIX *light;	/* faint ink too: LIGHT_INK */
	GArray *cols;
	GArray *light_cols;	/* the glyphs of light */
};

static void
line_ink_init(struct line_ink *ink, PIX *line)
{
	ink->bin = pixConvertTo1(line, 140);
	ink->light = pixConvertTo1(line, LIGHT_INK);
	ink->cols = ink->bin ? ink_columns(ink->bin) :
	    g_array_new(FALSE, FALSE, sizeof(int) * 4);
	ink->light_cols = ink->light ? ink_columns(ink->light) :
	    g_array_new(FALSE, FALSE, sizeof(int) * 4);
}

static void
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
static void
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
static void
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

static bool digitish(const char *c);

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
static void
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
static void
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
static void
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
static void
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
static void
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
static void
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
static void
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
static char *
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
static int
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

static bool in_word(struct ocr_engine *e, const GArray *syms, guint i,
    const char *c);

/* A word of chi_sim's dictionary or of extract/words.txt. */
static bool
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
static void
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
static void
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
static void
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
static void
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
static void
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

static GArray *read_plain(TessBaseAPI *api, PIX *pix, int dpi,
    double max_dpi, bool offer);

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
static void
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
static void
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
static void
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
static void
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
static void
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

static bool
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

/* ---- numbers and their other readings ---- */

static bool
numeric(const char *s)
{
	bool digit = false;

	for (; *s; s++) {
		if (g_ascii_isdigit(*s))
			digit = true;
		else if (!strchr(".,%-+", *s))
			return false;
	}
	return digit;
}

static bool
numeric_char(const char *c)
{
	return c[0] && !c[1] && (g_ascii_isdigit(c[0]) || c[0] == '.');
}

static void
add_alt(GPtrArray *alts, GString *a, const char *text)
{
	char *t = typeset(a->str);
	bool dup = strcmp(t, text) == 0;

	for (guint m = 0; m < alts->len && !dup; m++)
		dup = strcmp(alts->pdata[m], t) == 0;
	if (dup || !numeric(t) || alts->len >= MAX_ALTS)
		g_free(t);
	else
		g_ptr_array_add(alts, t);
}

/*
 * Other readings of a number: each doubtful or disputed character in
 * turn replaced by one of its other choices (Tesseract's, or another
 * reading's: digits and the point only), or a doubtful digit left out
 * (a "%" is often read with a digit too many: "9%").
 */
static GPtrArray *
alternatives(const GArray *syms, const char *text)
{
	GPtrArray *alts = g_ptr_array_new_with_free_func(g_free);

	if (!numeric(text))
		return alts;
	/* The characters read below OFFER first, then disputed sure ones. */
	for (guint n = 0; n < 2 * syms->len && alts->len < MAX_ALTS; n++) {
		guint i = n % syms->len;
		const struct sym *s = &g_array_index(syms, struct sym, i);
		bool unsure = s->conf < OFFER;
		if (unsure != (n < syms->len) || (!unsure && !s->disputed))
			continue;
		for (guint k = 0; k < s->choices->len && alts->len < MAX_ALTS;
		    k++) {
			const char *c = s->choices->pdata[k];
			if (!numeric_char(c))
				continue;
			GString *a = g_string_new(NULL);
			for (guint j = 0; j < syms->len; j++)
				g_string_append(a, j == i ? c :
				    g_array_index(syms, struct sym, j).s);
			add_alt(alts, a, text);
			g_string_free(a, TRUE);
		}
		if (g_ascii_isdigit(s->s[0]) && unsure) {
			GString *a = g_string_new(NULL);
			for (guint j = 0; j < syms->len; j++)
				if (j != i)
					g_string_append(a,
					    g_array_index(syms, struct sym, j).s);
			add_alt(alts, a, text);
			g_string_free(a, TRUE);
		}
	}
	return alts;
}

/*
 * One line of text. As a single line, Tesseract still looks for a layout
 * and now and then finds none in a clean line; then it is read raw. A
 * number read with a doubt is read again with the other choices for each
 * character kept (lstm_choice_mode 2: slow, so only then), for load.
 */
static GArray *
read_plain(TessBaseAPI *api, PIX *pix, int dpi, double max_dpi, bool offer)
{
	TessPageSegMode psm = PSM_SINGLE_LINE;
	GArray *syms = recognize(api, pix, dpi, max_dpi, psm);
	bool doubt = false;

	if (syms->len == 0) {
		syms_free(syms);
		psm = PSM_RAW_LINE;
		syms = recognize(api, pix, dpi, max_dpi, psm);
	}
	for (guint i = 0; i < syms->len; i++)
		doubt = doubt || g_array_index(syms, struct sym, i).conf < OFFER;
	char *text = offer && doubt ? syms_text(syms) : NULL;
	if (text != NULL && numeric(text)) {
		TessBaseAPISetVariable(api, "lstm_choice_mode", "2");
		GArray *again = recognize(api, pix, dpi, max_dpi, psm);
		TessBaseAPISetVariable(api, "lstm_choice_mode", "0");
		if (again->len == syms->len) {
			syms_free(syms);
			syms = again;
		} else
			syms_free(again);
	}
	g_free(text);
	return syms;
}

/* A character of a number as chi_sim may read it ("%" as "96" too). */
static bool
digitish(const char *c)
{
	return g_ascii_isdigit(c[0]) || strcmp(c, ".") == 0 ||
	    strcmp(c, ",") == 0 || strcmp(c, "%") == 0 ||
	    strcmp(c, "％") == 0 || strcmp(c, "，") == 0 ||
	    strcmp(c, "。") == 0;
}

static bool
all_digitish(const GArray *syms)
{
	bool digit = false;

	for (guint i = 0; i < syms->len; i++) {
		const char *c = g_array_index(syms, struct sym, i).s;
		if (!digitish(c))
			return false;
		digit = digit || g_ascii_isdigit(c[0]);
	}
	return digit;
}

static bool
has_digit(const GArray *syms)
{
	for (guint i = 0; i < syms->len; i++)
		if (g_ascii_isdigit(g_array_index(syms, struct sym, i).s[0]))
			return true;
	return false;
}

/* syms[from..] up to the next change between digit-like and not. */
static guint
run_end(const GArray *syms, guint from)
{
	bool d = digitish(g_array_index(syms, struct sym, from).s);
	guint i = from + 1;

	while (i < syms->len &&
	    digitish(g_array_index(syms, struct sym, i).s) == d)
		i++;
	return i;
}

static guint
count_runs(const GArray *syms)
{
	guint n = 0;

	for (guint i = 0; i < syms->len; i = run_end(syms, i))
		n++;
	return n;
}

/* Words alone, without a digit, and every character read at SURE or more? */
static bool
sure_words(const GArray *syms)
{
	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		if (s->conf < SURE || g_ascii_isdigit(s->s[0]))
			return false;
	}
	return syms->len > 0;
}

/* Do runs a..ae of x and b..be of y read the same? */
static bool
same_run(const GArray *x, guint a, guint ae, const GArray *y, guint b,
    guint be)
{
	if (ae - a != be - b)
		return false;
	for (; a < ae; a++, b++)
		if (g_strcmp0(g_array_index(x, struct sym, a).s,
		    g_array_index(y, struct sym, b).s) != 0)
			return false;
	return true;
}

/*
 * Do two readings of a line split it alike, into the same runs of digits
 * and of the rest? (Both must have read something.)
 */
static bool
same_split(const GArray *a, const GArray *b)
{
	return a->len > 0 && b->len > 0 && count_runs(a) == count_runs(b) &&
	    digitish(g_array_index(a, struct sym, 0).s) ==
	    digitish(g_array_index(b, struct sym, 0).s);
}

/*
 * Mark in keep the words that another reading of the same line, other,
 * reads differently: one of the two is wrong, however sure each is
 * (chi_sim reads 兑付 as 竟付 at 94% at one resolution, right at the
 * other). Readings that do not even agree on where the numbers are (a
 * speck read as "3" in one) leave the whole line in doubt, and so does a
 * character both read alike but weakly (WEAK_AGREE). Numbers are
 * compared apart (dispute_numbers): the readings are of different
 * quality there, and the form's sums check most of them.
 */
static void
dispute(GArray *keep, const GArray *other)
{
	bool all = !same_split(keep, other);
	guint i = 0, j = 0;

	while (i < keep->len) {
		guint ie = run_end(keep, i), je = all ? j : run_end(other, j);
		bool d = digitish(g_array_index(keep, struct sym, i).s);
		bool differ = all || (!d && !same_run(keep, i, ie, other, j,
		    je));
		for (guint k = i; k < ie; k++) {
			struct sym *s = &g_array_index(keep, struct sym, k);
			s->disputed |= differ || (!d && s->conf < WEAK_AGREE &&
			    g_array_index(other, struct sym, j + (k - i)).conf <
			    WEAK_AGREE);
		}
		i = ie;
		j = je;
	}
}

/*
 * Numbers of fine (read at the page's resolution) that cjk (at CJK_DPI)
 * reads otherwise, where fine is not sure of them either: in doubt. The
 * readings of digits differ in quality, so a sure fine reading stands;
 * but a digit fine read at 90.9 that cjk does not have ("023-678214506"
 * for 023-67821456) is no sum's to check, in a phone, a date or a line
 * of text. Both split the line alike (same_split).
 */
static void
dispute_numbers(GArray *fine, const GArray *cjk)
{
	guint i = 0, j = 0;

	while (i < fine->len && j < cjk->len) {
		guint ie = run_end(fine, i), je = run_end(cjk, j);
		bool unsure = false;
		for (guint k = i; k < ie; k++)
			unsure |= g_array_index(fine, struct sym, k).conf < SURE;
		if (digitish(g_array_index(fine, struct sym, i).s) && unsure &&
		    !same_run(fine, i, ie, cjk, j, je))
			for (guint k = i; k < ie; k++)
				g_array_index(fine, struct sym, k).disputed = true;
		i = ie;
		j = je;
	}
}

/*
 * A number eng read, against chi_sim's reading of it. eng's digits are
 * the better as a rule, but not always: it read 5,512.33 as "5,912.33"
 * at 99 % where chi_sim read it right. Where the two differ, the number
 * is in doubt; character for character, chi_sim's reading of a digit
 * eng read otherwise is offered as another choice, for the form's sums
 * to settle (alternatives).
 */
static void
oppose(GArray *num, const GArray *cjk)
{
	bool alike = num->len == cjk->len;

	for (guint k = 0; k < num->len; k++) {
		struct sym *s = &g_array_index(num, struct sym, k);
		const char *o = alike ? g_array_index(cjk, struct sym, k).s :
		    NULL;
		if (alike && strcmp(s->s, o) == 0)
			continue;
		s->disputed = true;
		if (o != NULL && numeric_char(o) && s->choices->len < 4)
			g_ptr_array_add(s->choices, g_strdup(o));
	}
}

/*
 * Chinese from cjk, numbers from fine, of two readings that split the
 * line alike (same_split).
 */
static GArray *
merge_runs(GArray *cjk, GArray *fine)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(struct sym));
	guint i = 0, j = 0;
	while (i < cjk->len) {
		guint ie = run_end(cjk, i), je = run_end(fine, j);
		bool d = digitish(g_array_index(cjk, struct sym, i).s);
		GArray *from = d ? fine : cjk;
		guint a = d ? j : i, b = d ? je : ie;
		for (guint k = a; k < b; k++) {
			struct sym *s = &g_array_index(from, struct sym, k);
			g_array_append_val(out, *s);
			s->s = NULL;	/* moved */
			s->choices = g_ptr_array_new();
		}
		i = ie;
		j = je;
	}
	return out;
}

/* The characters of a reading, as one string of code points. */
static gunichar *
sym_chars(const GArray *syms, glong *n)
{
	char *t = syms_text(syms);
	gunichar *u = g_utf8_to_ucs4_fast(t, -1, n);

	g_free(t);
	return u;
}

/* Edits (insertions, deletions, changes) that turn a into b. */
static glong
edits(const gunichar *a, glong na, const gunichar *b, glong nb)
{
	glong *row = g_new(glong, nb + 1);

	for (glong j = 0; j <= nb; j++)
		row[j] = j;
	for (glong i = 1; i <= na; i++) {
		glong diag = row[0];
		row[0] = i;
		for (glong j = 1; j <= nb; j++) {
			glong up = row[j];
			row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1),
			    diag + (a[i - 1] != b[j - 1]));
			diag = up;
		}
	}
	glong d = row[nb];
	g_free(row);
	return d;
}

/*
 * Of three readings of a line, the one nearest the other two (fewest
 * edits to both; the first of those as near): the reading the others
 * agree with most, character by character. 0, 1 or 2.
 */
static int
median_reading(GArray *const r[3])
{
	gunichar *u[3];
	glong n[3], d[3] = { 0, 0, 0 };
	int best = 0;

	for (int k = 0; k < 3; k++)
		u[k] = sym_chars(r[k], &n[k]);
	for (int k = 0; k < 3; k++)
		for (int m = k + 1; m < 3; m++) {
			glong e = edits(u[k], n[k], u[m], n[m]);
			d[k] += e;
			d[m] += e;
		}
	for (int k = 1; k < 3; k++)
		if (d[k] < d[best])
			best = k;
	for (int k = 0; k < 3; k++)
		g_free(u[k]);
	return best;
}

/*
 * The boxes of a reading at VOTE_DPI are coarse, and a gap between two
 * of them would be a space outside the tables: they are taken from
 * another reading of as many characters (from), else no character of it
 * starts a word but its first.
 */
static void
take_boxes(GArray *to, const GArray *from)
{
	for (guint i = 0; i < to->len; i++) {
		struct sym *t = &g_array_index(to, struct sym, i);
		if (from->len == to->len) {
			const struct sym *f = &g_array_index(from, struct sym, i);
			t->x1 = f->x1;
			t->y1 = f->y1;
			t->x2 = f->x2;
			t->y2 = f->y2;
			t->word_start = f->word_start;
		} else
			t->word_start = i == 0;
	}
}

/*
 * Does c, put at i in syms, make a word (is_word) with the character
 * before or after it? (Tesseract's own word list has 兑付, not 竞付;
 * extract/words.txt adds the forms' words it lacks, as 水窖.)
 */
static bool
in_word(struct ocr_engine *e, const GArray *syms, guint i, const char *c)
{
	for (int side = -1; side <= 1; side += 2) {
		if ((side < 0 && i == 0) || (side > 0 && i + 1 >= syms->len))
			continue;
		const char *n = g_array_index(syms, struct sym, i + side).s;
		if (!han(g_utf8_get_char(n)))
			continue;
		char *w = side < 0 ? g_strconcat(n, c, NULL) :
		    g_strconcat(c, n, NULL);
		bool ok = is_word(e, w);
		g_free(w);
		if (ok)
			return true;
	}
	return false;
}

/*
 * Three readings of a run of n characters, at off[m] in r[m]: where r[keep]
 * reads a Chinese character that makes no word with a neighbour, and
 * another reading one that does (兑付, not 竞付; 出厂水, not 出三水), it
 * takes that one, the one read most if two do, in doubt all the same.
 * Counting alone does not decide: two readings agreed on 而 for 厕 in
 * 厕位, a word the dictionary lacked.
 */
static void
pick_chars(struct ocr_engine *e, GArray *const r[3], int keep,
    const guint off[3], guint n)
{
	GArray *k = r[keep];

	for (guint i = 0; i < n; i++) {
		struct sym *t = &g_array_index(k, struct sym, off[keep] + i);
		const struct sym *best = NULL;
		int best_votes = 0;
		if (!han(g_utf8_get_char(t->s)) ||
		    in_word(e, k, off[keep] + i, t->s))
			continue;
		for (int m = 0; m < 3; m++) {
			const struct sym *s = &g_array_index(r[m], struct sym,
			    off[m] + i);
			if (!han(g_utf8_get_char(s->s)) ||
			    strcmp(s->s, t->s) == 0 ||
			    !in_word(e, k, off[keep] + i, s->s))
				continue;
			int votes = 0;
			for (int o = 0; o < 3; o++)
				votes += strcmp(g_array_index(r[o], struct sym,
				    off[o] + i).s, s->s) == 0;
			if (votes > best_votes) {
				best = s;
				best_votes = votes;
			}
		}
		if (best == NULL)
			continue;
		g_free(t->s);
		t->s = g_strdup(best->s);
		t->conf = best->conf;
		t->disputed = true;
	}
}

/* Do two readings split alike (same_split) read some words otherwise? */
static bool
words_differ(const GArray *a, const GArray *b)
{
	for (guint i = 0, j = 0; i < a->len && j < b->len;) {
		guint ie = run_end(a, i), je = run_end(b, j);
		if (!digitish(g_array_index(a, struct sym, i).s) &&
		    !same_run(a, i, ie, b, j, je))
			return true;
		i = ie;
		j = je;
	}
	return false;
}

/*
 * A line of words and numbers that chi_sim read with words differently
 * (cjk, fine: split alike): read a third time at VOTE_DPI, the words of
 * cjk that the three read differently, in runs of as many characters,
 * are settled by pick_chars.
 */
static void
vote_words(struct ocr_engine *e, PIX *pix, int dpi, GArray *cjk,
    GArray *fine)
{
	GArray *third = read_plain(e->api, pix, dpi, VOTE_DPI, false);
	GArray *r[3] = { cjk, fine, third };
	guint at[3] = { 0, 0, 0 };

	if (same_split(cjk, third))
		while (at[0] < cjk->len) {
			guint end[3], n[3];
			for (int m = 0; m < 3; m++) {
				end[m] = run_end(r[m], at[m]);
				n[m] = end[m] - at[m];
			}
			if (!digitish(g_array_index(cjk, struct sym, at[0]).s) &&
			    n[0] == n[1] && n[1] == n[2])
				pick_chars(e, r, 0, at, n[0]);
			for (int m = 0; m < 3; m++)
				at[m] = end[m];
		}
	syms_free(third);
}

/*
 * A line of words that chi_sim read two ways (cjk, fine): read a third
 * time at VOTE_DPI, the median reading is kept (its characters the three
 * read differently settled by pick_chars), every character in doubt that
 * another reading reads otherwise. Returns the reading kept; the others
 * are freed.
 */
static GArray *
vote(struct ocr_engine *e, PIX *pix, int dpi, GArray *cjk, GArray *fine)
{
	GArray *third = read_plain(e->api, pix, dpi, VOTE_DPI, false);
	GArray *r[3] = { cjk, fine, third };

	if (!same_split(cjk, third)) {
		syms_free(third);
		dispute(cjk, fine);
		syms_free(fine);
		return cjk;
	}
	int keep = median_reading(r);
	if (keep == 2)
		take_boxes(third, cjk->len == third->len ? cjk : fine);
	if (cjk->len == fine->len && fine->len == third->len)
		pick_chars(e, r, keep, (const guint[3]){ 0, 0, 0 }, cjk->len);
	for (int k = 0; k < 3; k++) {
		if (k == keep)
			continue;
		dispute(r[keep], r[k]);
		/* A character another reading reads alike is as sure as there. */
		for (guint i = 0; r[k]->len == r[keep]->len && i < r[k]->len;
		    i++) {
			struct sym *s = &g_array_index(r[keep], struct sym, i);
			const struct sym *o = &g_array_index(r[k], struct sym, i);
			if (strcmp(s->s, o->s) == 0)
				s->conf = MAX(s->conf, o->conf);
		}
	}
	for (int k = 0; k < 3; k++)
		if (k != keep)
			syms_free(r[k]);
	return r[keep];
}

/*
 * The character of another reading of a line at the place of syms[i]:
 * between the same neighbours, over some of its ink (招募和 for 招慕和,
 * where the boxes of the two 募 differ by three times their width: a
 * reading's boxes are rough); else the one over most of the same ink as
 * it, and it over most of that one's.
 */
static const struct sym *
same_place(const GArray *reading, const GArray *syms, guint i)
{
	const struct sym *t = &g_array_index(syms, struct sym, i);
	const char *before = i > 0 ?
	    g_array_index(syms, struct sym, i - 1).s : NULL;
	const char *after = i + 1 < syms->len ?
	    g_array_index(syms, struct sym, i + 1).s : NULL;
	const struct sym *most = NULL;

	for (guint j = 0; j < reading->len; j++) {
		const struct sym *o = &g_array_index(reading, struct sym, j);
		int shared = MIN(o->x2, t->x2) - MAX(o->x1, t->x1);
		if (shared <= 0)
			continue;
		bool b = before == NULL || (j > 0 && strcmp(g_array_index(
		    reading, struct sym, j - 1).s, before) == 0);
		bool a = after == NULL || (j + 1 < reading->len &&
		    strcmp(g_array_index(reading, struct sym, j + 1).s,
		    after) == 0);
		if (a && b && (before != NULL || after != NULL))
			return o;
		if (most == NULL && shared * 10 >= (t->x2 - t->x1) * 6 &&
		    shared * 10 >= (o->x2 - o->x1) * 6)
			most = o;
	}
	return most;
}

/*
 * The character at i makes no word, nor does the other reading's there,
 * but that reading reads a neighbour otherwise, and makes a word of it
 * with ours (竞付 read 兑付, 届山 read 眉山: the weak one was the
 * neighbour, read over 95 %). The neighbour is taken where ours was not
 * sure and makes no word either: it shared the doubt.
 */
static void
mend_neighbour(struct ocr_engine *e, const GArray *other, GArray *syms,
    guint i)
{
	const char *c = g_array_index(syms, struct sym, i).s;

	for (int side = -1; side <= 1; side += 2) {
		if ((side < 0 && i == 0) || (side > 0 && i + 1 >= syms->len))
			continue;
		guint j = i + side;
		struct sym *n = &g_array_index(syms, struct sym, j);
		const struct sym *o = same_place(other, syms, j);
		if (o == NULL || !han(g_utf8_get_char(o->s)) ||
		    !han(g_utf8_get_char(n->s)) || strcmp(o->s, n->s) == 0 ||
		    n->conf >= SURE || in_word(e, syms, j, n->s))
			continue;
		char *w = side < 0 ? g_strconcat(o->s, c, NULL) :
		    g_strconcat(c, o->s, NULL);
		bool ok = is_word(e, w);
		g_free(w);
		if (!ok)
			continue;
		g_free(n->s);
		n->s = g_strdup(o->s);
		n->disputed = true;
		return;
	}
}

/*
 * A Chinese character read weakly (ASK_SCRIPT) that makes no word with a
 * neighbour, the readings of chi_sim having agreed on it or offered none
 * better (帮盖, 履盖, 招慕 in clean scans): Tesseract's model of the Han
 * script, trained apart from chi_sim, reads the line, and its character
 * at the same place is taken where that makes a word (覆盖, 招募), in
 * doubt all the same; else a neighbour it reads otherwise, where that
 * makes the word (mend_neighbour). A character that makes a word is left
 * as read, though it may be wrong (早期 for 旱期), and so is one whose
 * mend is a word neither list has: nothing tells them apart.
 */
static void
second_opinion(struct ocr_engine *e, PIX *pix, int dpi, GArray *syms)
{
	GArray *other = NULL;

	for (guint i = 0; i < syms->len; i++) {
		struct sym *t = &g_array_index(syms, struct sym, i);
		if (!han(g_utf8_get_char(t->s)) || t->conf >= ASK_SCRIPT ||
		    in_word(e, syms, i, t->s))
			continue;
		if (other == NULL) {
			if (!e->script_tried) {
				e->script = optional_api(SCRIPT_LANG);
				e->script_tried = true;
			}
			if (e->script == NULL)
				return;
			other = read_plain(e->script, pix, dpi, CJK_DPI, false);
		}
		const struct sym *o = same_place(other, syms, i);
		if (o != NULL && han(g_utf8_get_char(o->s)) &&
		    strcmp(o->s, t->s) != 0 && in_word(e, syms, i, o->s)) {
			g_free(t->s);
			t->s = g_strdup(o->s);
			t->disputed = true;
		} else
			mend_neighbour(e, other, syms, i);
	}
	if (other != NULL)
		syms_free(other);
}

/*
 * One line as chi_sim reads it: the Chinese at CJK_DPI; a line with
 * digits is read again at the page's resolution, where chi_sim's digits
 * are better, and a line of nothing but a number by eng, better still.
 */
static GArray *
read_chi_sim(struct ocr_engine *e, PIX *pix, int dpi, bool offer)
{
	GArray *cjk, *fine, *merged;

	if (dpi <= CJK_DPI)
		cjk = NULL;
	else {
		cjk = read_plain(e->api, pix, dpi, CJK_DPI, false);
		/*
		 * A line is read twice, and where the readings differ
		 * neither is sure (dispute); but not words alone, each
		 * character read at SURE or better.
		 */
		if (sure_words(cjk))
			return cjk;
		/* A number alone: eng reads it, and faster. */
		if (e->digits != NULL && all_digitish(cjk)) {
			GArray *num = read_plain(e->digits, pix, dpi, dpi,
			    offer);
			if (num->len > 0 && all_digitish(num)) {
				oppose(num, cjk);
				syms_free(cjk);
				return num;
			}
			syms_free(num);
		}
	}
	fine = read_plain(e->api, pix, dpi, dpi, offer);
	if (e->digits != NULL && all_digitish(fine)) {
		GArray *num = read_plain(e->digits, pix, dpi, dpi, offer);
		if (num->len > 0 && all_digitish(num)) {
			syms_free(fine);
			fine = num;
		} else
			syms_free(num);
	}
	if (cjk == NULL) {
		/* A page at CJK_DPI or less: the check is a coarser reading. */
		if (sure_words(fine))
			return fine;
		GArray *check = read_plain(e->api, pix, dpi,
		    dpi * CHECK_SCALE, false);
		if (check->len > 0)
			dispute(fine, check);
		syms_free(check);
		return fine;
	}
	if (!same_split(cjk, fine)) {
		/* Readings split differently: the whole line is in doubt. */
		if (cjk->len > 0)
			dispute(fine, cjk);
		syms_free(cjk);
		return fine;
	}
	if (!has_digit(cjk) && !has_digit(fine) &&
	    !same_run(cjk, 0, cjk->len, fine, 0, fine->len))
		return vote(e, pix, dpi, cjk, fine);
	if (words_differ(cjk, fine))
		vote_words(e, pix, dpi, cjk, fine);
	dispute(cjk, fine);	/* the words come from cjk: its to mark */
	dispute_numbers(fine, cjk);
	merged = merge_runs(cjk, fine);
	syms_free(cjk);
	syms_free(fine);
	return merged;
}

/* One line: chi_sim's reading, its doubtful words put to a second opinion. */
static GArray *
read_line(struct ocr_engine *e, PIX *pix, int dpi, bool offer)
{
	GArray *syms = read_chi_sim(e, pix, dpi, offer);

	second_opinion(e, pix, dpi, syms);
	return syms;
}

/* The heights of the Chinese characters read, in points: the type size. */
static void
cjk_heights(const GArray *syms, double scale, GArray *heights)
{
	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		double h = (s->y2 - s->y1) / scale;
		if (text_is_cjk(g_utf8_get_char(s->s)) && h > 0)
			g_array_append_val(heights, h);
	}
}

/* ---- cells ---- */

struct cell_read {
	char *text;
	char *term;		/* a term one character from its text (near_term) */
	char *read;		/* its text as read, if near_term restored a label */
	double conf;		/* weakest character; 100 for a blank cell */
	bool disputed;		/* some of its words were read two ways */
	bool runs_on;		/* its text fills it (struct cell) */
	GPtrArray *alts;
};

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

static void
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

/* How a cell is read. */
enum cell_mode {
	CELL_TEXT,	/* as a line of words (read_line) */
	CELL_DIGITS,	/* by the digits engine, else chi_sim's number */
	CELL_NUMBER,	/* by the digits engine alone, if it is sure_number */
};

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
static void
fix_line(struct ocr_engine *e, PIX *padded, int dpi, double scale,
    GArray *ls, bool cell)
{
	struct line_ink glyphs;
	int dot = (int)ceil(DOT_PT * scale);

	line_ink_init(&glyphs, padded);
	fix_sign(ls, &glyphs);
	fix_dropped(ls, &glyphs);
	fix_inserted(e, ls, &glyphs);
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
static bool
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
static bool
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
static bool
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
static bool
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
static void
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
static void
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

/* ---- text outside the tables ---- */

/* The least resolution at which Tesseract is asked to find lines. */
#define LAYOUT_DPI 150

static void cjk_heights(const GArray *syms, double scale, GArray *heights);

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
