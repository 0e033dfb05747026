/*
 * A line as Tesseract reads it: chi_sim at two resolutions, eng for the
 * numbers, a third reading to vote where they differ, and the Han
 * script's model for a doubtful character (see ocrint.h).
 */
#include "ocrint.h"

/* ---- reading a region ---- */

void
sym_clear(struct sym *s)
{
	g_free(s->s);
	g_ptr_array_free(s->choices, TRUE);
}

void
syms_free(GArray *syms)
{
	for (guint i = 0; i < syms->len; i++)
		sym_clear(&g_array_index(syms, struct sym, i));
	g_array_free(syms, TRUE);
}

/* The characters of a reading, one after the other. */
char *
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
GArray *
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

gunichar
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
char *
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
bool
han(gunichar c)
{
	return g_unichar_type(c) == G_UNICODE_OTHER_LETTER;
}

bool
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
void
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


/* ---- numbers and their other readings ---- */

bool
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
GPtrArray *
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
GArray *
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
bool
digitish(const char *c)
{
	return g_ascii_isdigit(c[0]) || strcmp(c, ".") == 0 ||
	    strcmp(c, ",") == 0 || strcmp(c, "%") == 0 ||
	    strcmp(c, "％") == 0 || strcmp(c, "，") == 0 ||
	    strcmp(c, "。") == 0;
}

bool
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
glong
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
bool
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
GArray *
read_line(struct ocr_engine *e, PIX *pix, int dpi, bool offer)
{
	GArray *syms = read_chi_sim(e, pix, dpi, offer);

	second_opinion(e, pix, dpi, syms);
	return syms;
}

/* The heights of the Chinese characters read, in points: the type size. */
void
cjk_heights(const GArray *syms, double scale, GArray *heights)
{
	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		double h = (s->y2 - s->y1) / scale;
		if (text_is_cjk(g_utf8_get_char(s->s)) && h > 0)
			g_array_append_val(heights, h);
	}
}
