/*
 * Inside the OCR (ocr.h is its interface): what its files share. A page
 * is read by ocr.c cell by cell (ocrcell.c); a cell's lines by Tesseract,
 * two or three ways and voted on (ocrread.c), and each line's reading
 * mended where its ink shows what the language data got wrong (ocrink.c).
 */
#ifndef SE_OCRINT_H
#define SE_OCRINT_H

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
/*
 * fix_shape: a doubtful character is read as another whose shape is at
 * least SHAPE_SURE like its ink, and SHAPE_MARGIN more like it than the
 * character read.
 */
#define SHAPE_SURE 0.80
#define SHAPE_MARGIN 0.10
/* ... and one that makes no word, SHAPE_CERTAIN and twice the margin. */
#define SHAPE_CERTAIN 0.90
/* A page's sure characters, on average, at least this like their shapes. */
#define PAGE_LIKE 0.80
/* A sure character's glyphs are found where they are this like its shape. */
#define ANCHOR_LIKE 0.80
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
	struct shapes *shapes;	/* the fonts' shapes, once asked for */
	bool started;
	bool script_tried;	/* script was looked for */
};

/* A word the forms print (extract/terms.txt). */
struct term {
	gunichar *u;	/* 0-ended */
	glong len;
	bool label;	/* a label parse reads the form by: restored */
};

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

/* How a cell is read. */
enum cell_mode {
	CELL_TEXT,	/* as a line of words (read_line) */
	CELL_DIGITS,	/* by the digits engine, else chi_sim's number */
	CELL_NUMBER,	/* by the digits engine alone, if it is sure_number */
};

struct cell_read {
	char *text;
	char *term;		/* a term one character from its text (near_term) */
	char *read;		/* its text as read, if near_term restored a label */
	double conf;		/* weakest character; 100 for a blank cell */
	bool disputed;		/* some of its words were read two ways */
	bool runs_on;		/* its text fills it (struct cell) */
	GPtrArray *alts;
};

/* ocr.c: the engine */
struct sym sym_at(const char *text, const int b[4]);
TessBaseAPI *optional_api(const char *lang);

/* ocrread.c: Tesseract's readings of a line, and their votes */
void sym_clear(struct sym *s);
void syms_free(GArray *syms);
char *syms_text(const GArray *syms);
GArray *recognize(TessBaseAPI *api, PIX *pix, int dpi, double max_dpi,
    TessPageSegMode psm);
gunichar last_char(const GString *s);
char *typeset(const char *in);
bool han(gunichar c);
bool is_han(const struct sym *s);
void line_append(GString *out, const GArray *syms, guint from, guint to,
    bool tabs);
bool numeric(const char *s);
GPtrArray *alternatives(const GArray *syms, const char *text);
GArray *read_plain(TessBaseAPI *api, PIX *pix, int dpi, double max_dpi,
    bool offer);
bool digitish(const char *c);
bool all_digitish(const GArray *syms);
glong edits(const gunichar *a, glong na, const gunichar *b, glong nb);
bool in_word(struct ocr_engine *e, const GArray *syms, guint i, const char *c);
GArray *read_line(struct ocr_engine *e, PIX *pix, int dpi, bool offer);
void cjk_heights(const GArray *syms, double scale, GArray *heights);

/* ocrink.c: a line's reading mended by its ink */
void line_ink_init(struct line_ink *ink, PIX *line);
void line_ink_clear(struct line_ink *ink);
void fix_sign(GArray *syms, const struct line_ink *ink);
void fix_dropped(GArray *syms, const struct line_ink *ink);
void fix_lost_stop(GArray *syms, const struct line_ink *ink);
void fix_full_stop(GArray *syms, PIX *line, int band_h, int prev_h,
    const GString *before);
void fix_percent(GArray *syms, const struct line_ink *ink, bool drop);
void fix_slash(GArray *syms, const struct line_ink *ink);
void fix_lone_percent(GArray *syms, const struct line_ink *ink);
void fix_percent_tail(GArray *syms);
void fix_ring_percent(GArray *syms, const struct line_ink *ink);
char *times_sign(const char *text);
int line_height(const GArray *syms);
bool is_word(struct ocr_engine *e, const char *w);
void fix_inserted(struct ocr_engine *e, GArray *syms,
    const struct line_ink *ink);
void fix_phantom(GArray *syms, const struct line_ink *ink);
void fix_doubled(GArray *syms, const struct line_ink *ink);
void fix_grouping(GArray *syms);
void fix_separator(GArray *syms, const struct line_ink *ink);
void fix_lost_point(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink, int dot);
void fix_short_number(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink);
void fix_empty_brackets(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink);
void fix_lost_bracket(struct ocr_engine *e, PIX *line, int dpi, GArray *syms,
    const struct line_ink *ink);
void fix_colon(GArray *syms, const struct line_ink *ink, int dot);
bool only_dashes(const char *s);

/* ocrshape.c: a doubtful character checked against the fonts' shapes */
struct shapes;
void shapes_free(struct shapes *sh);
void shapes_new_page(struct shapes *sh);
void fix_shape(struct ocr_engine *e, PIX *grey, GArray *syms,
    const struct line_ink *ink);

/* ocrcell.c: a cell read */
void cell_read_clear(struct cell_read *r);
void fix_line(struct ocr_engine *e, PIX *padded, int dpi, double scale,
    GArray *ls, bool cell);
bool read_cell(struct ocr_engine *e, PIX *clean, PIX *grey,
    const struct cell *c, double scale, int dpi, enum cell_mode mode,
    struct ocr_report *rep, GArray *heights, struct cell_read *out);
bool under_number(const struct table *tb, const struct cell_read *rd, guint i);
bool point_without_digit(const char *text);
bool malformed_number(const char *text);
void reread_numeric_column(struct ocr_engine *e, PIX *clean, PIX *grey,
    const struct table *tb, double scale, int dpi, struct cell_read *rd);
void check_separators(const struct table *tb, struct cell_read *rd);

#endif
