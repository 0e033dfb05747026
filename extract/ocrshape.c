/*
 * A doubtful Chinese character checked against its shape in the fonts
 * installed. chi_sim's fast model confuses characters that share most of
 * their strokes (旱 and 早, 固 and 国, 窖 and 害, 兑 and 竟, 覆 and 获),
 * and its other readings and the Han model's do not always offer the
 * right one. The ink of a printed character is far more like the same
 * character drawn by a font, even another font of the same kind, than
 * like any other: over the clean scans' misreads, every right character
 * came first among GB 2312's 6,763 drawn in a Hei face, and in a Song
 * face too where the scan was Hei.
 *
 * The fonts are those fontconfig lists for Chinese; for a line, the one
 * whose shapes are most like its sure characters is used. Its 6,763
 * shapes are drawn once in a process, when first asked for. Each shape is
 * the ink's box made square, scaled to SHAPE_SIDE, softened and reduced
 * to its difference from its mean: two shapes compare by correlation.
 */
#include <cairo-ft.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>
#include "ocrint.h"

#define SHAPE_SIDE 32
/* How shapes are made: a new one when that changes (cache_path). */
#define SHAPE_FORMAT 1
#define SHAPE_PX (SHAPE_SIDE * SHAPE_SIDE)
/*
 * A shape in 4 by 4 blocks, to find quickly the COARSE_KEEP characters
 * a glyph is compared with in full (the likest among 6,763 is among
 * them).
 */
#define COARSE_SIDE (SHAPE_SIDE / 4)
#define COARSE_PX (COARSE_SIDE * COARSE_SIDE)
#define COARSE_KEEP 48
/* The size, in pixels, a font's characters are drawn at to be shaped. */
#define DRAW_EM 40
/* The fonts looked at, at most (fontconfig may list dozens). */
#define MAX_FONTS 8
/* Sure characters of a line that choose its font, at most. */
#define FONT_SAMPLE 6

/* One font's shapes of the characters of struct shapes. */
struct shape_font {
	char *file;
	int index;
	cairo_font_face_t *face;
	cairo_scaled_font_t *scaled;
	cairo_surface_t *surface;	/* SHAPE_SIDE square, A8 */
	char *block;			/* what the three below point into */
	signed char *shapes;		/* nchars * SHAPE_PX, or NULL */
	float *norm;			/* each shape's length; 0 if missing */
	float *aspect;			/* its ink's width / height */
	short *coarse;			/* nchars * COARSE_PX (coarse_of) */
	float *coarse_norm;
};

struct shapes {
	GPtrArray *fonts;	/* struct shape_font * */
	gunichar *chars;	/* GB 2312's, in its order */
	int nchars;
	GHashTable *index;	/* gunichar -> position + 1 */
	/*
	 * How like each font's shapes the page's sure characters have been
	 * so far (line_font): a page is printed in one face, mostly.
	 */
	double *score;
	int sampled;
};

/* A shape: its pixels, their length, and the ink's aspect. */
struct shape {
	signed char px[SHAPE_PX];
	float norm;
	float aspect;
};

/*
 * A SHAPE_SIDE square of ink (8 bpp, bright), its box filling it one way,
 * made a shape: softened (a stroke a pixel off still meets), less its
 * mean, in bytes.
 */
static bool
shape_finish(PIX *small, double aspect, struct shape *out)
{
	PIX *soft = small ? pixBlockconv(small, 1, 1) : NULL;
	if (soft == NULL || pixGetWidth(soft) != SHAPE_SIDE ||
	    pixGetHeight(soft) != SHAPE_SIDE || pixGetDepth(soft) != 8) {
		pixDestroy(&soft);
		return false;
	}
	double v[SHAPE_PX], mean = 0, len = 0, top = 0;
	for (int y = 0; y < SHAPE_SIDE; y++) {
		l_uint32 *line = pixGetData(soft) + y * pixGetWpl(soft);
		for (int x = 0; x < SHAPE_SIDE; x++)
			mean += v[y * SHAPE_SIDE + x] = GET_DATA_BYTE(line, x);
	}
	pixDestroy(&soft);
	mean /= SHAPE_PX;
	for (int i = 0; i < SHAPE_PX; i++) {
		v[i] -= mean;
		top = MAX(top, fabs(v[i]));
	}
	if (top <= 0)
		return false;
	for (int i = 0; i < SHAPE_PX; i++) {
		out->px[i] = (signed char)lround(v[i] * 127 / top);
		len += (double)out->px[i] * out->px[i];
	}
	out->norm = (float)sqrt(len);
	out->aspect = (float)aspect;
	return out->norm > 0;
}

/*
 * ink (8 bpp, ink bright) made a shape: its bright part's box made
 * square, scaled, softened, less its mean. False if it has no ink.
 */
static bool
shape_of(PIX *ink, struct shape *out)
{
	int w = pixGetWidth(ink), h = pixGetHeight(ink), wpl = pixGetWpl(ink);
	int bx = w, by = h, bx2 = -1, by2 = -1;
	const l_uint32 *data = pixGetData(ink);

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			if (GET_DATA_BYTE(data + y * wpl, x) > 90) {
				bx = MIN(bx, x);
				bx2 = MAX(bx2, x);
				by = MIN(by, y);
				by2 = MAX(by2, y);
			}
	int bw = bx2 - bx + 1, bh = by2 - by + 1;
	if (bx2 < 0 || bw < 2 || bh < 2)
		return false;
	BOX *box = boxCreate(bx, by, bw, bh);
	PIX *clip = pixClipRectangle(ink, box, NULL);
	boxDestroy(&box);
	if (clip == NULL)
		return false;
	int side = MAX(bw, bh);
	PIX *sq = pixAddBorderGeneral(clip, (side - bw) / 2,
	    side - bw - (side - bw) / 2, (side - bh) / 2,
	    side - bh - (side - bh) / 2, 0);
	pixDestroy(&clip);
	/* Scaled without sharpening: a stroke's grey is what is compared. */
	PIX *small = sq ? pixScaleGeneral(sq, (float)SHAPE_SIDE / side,
	    (float)SHAPE_SIDE / side, 0.0, 0) : NULL;
	pixDestroy(&sq);
	bool ok = small != NULL && shape_finish(small, (double)bw / bh, out);
	pixDestroy(&small);
	return ok;
}

/* A shape's pixels summed in 4 by 4 blocks; its length. */
static float
coarse_of(const signed char *px, short *out)
{
	double len = 0;

	for (int by = 0; by < COARSE_SIDE; by++)
		for (int bx = 0; bx < COARSE_SIDE; bx++) {
			int sum = 0;
			for (int y = 4 * by; y < 4 * by + 4; y++)
				for (int x = 4 * bx; x < 4 * bx + 4; x++)
					sum += px[y * SHAPE_SIDE + x];
			out[by * COARSE_SIDE + bx] = (short)sum;
			len += (double)sum * sum;
		}
	return (float)sqrt(len);
}

/* How alike two shapes are: their correlation, less a mismatch of aspect. */
static double
likeness(const signed char *a, float an, float aa, const signed char *b,
    float bn, float ba)
{
	int dot = 0;

	if (an <= 0 || bn <= 0)
		return -1;
	for (int i = 0; i < SHAPE_PX; i++)
		dot += a[i] * b[i];
	return dot / ((double)an * bn) - 0.3 * fabs(log(aa / ba));
}

static struct shape_font *
font_open(const char *file, int index)
{
	FcPattern *p = FcPatternCreate();
	struct shape_font *f = g_new0(struct shape_font, 1);
	cairo_matrix_t size, id;
	cairo_font_options_t *opt = cairo_font_options_create();

	/* Outlines as drawn, not fitted to a pixel grid: faster, and truer. */
	cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(opt, CAIRO_ANTIALIAS_GRAY);

	FcPatternAddString(p, FC_FILE, (const FcChar8 *)file);
	FcPatternAddInteger(p, FC_INDEX, index);
	f->file = g_strdup(file);
	f->index = index;
	f->face = cairo_ft_font_face_create_for_pattern(p);
	FcPatternDestroy(p);
	cairo_matrix_init_scale(&size, DRAW_EM, DRAW_EM);
	cairo_matrix_init_identity(&id);
	f->scaled = cairo_scaled_font_create(f->face, &size, &id, opt);
	cairo_font_options_destroy(opt);
	f->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, SHAPE_SIDE,
	    SHAPE_SIDE);
	return f;
}

static void
font_free(gpointer p)
{
	struct shape_font *f = p;

	cairo_surface_destroy(f->surface);
	cairo_scaled_font_destroy(f->scaled);
	cairo_font_face_destroy(f->face);
	g_free(f->block);
	g_free(f->coarse);
	g_free(f->coarse_norm);
	g_free(f->file);
	g_free(f);
}

/*
 * c drawn in f as a shape, its outline's box scaled to fill SHAPE_SIDE
 * one way (drawn at that size, not drawn large and scaled: a tenth of
 * the time); false if f has no glyph for it.
 */
static bool
font_shape(struct shape_font *f, gunichar c, struct shape *out)
{
	char u[8] = { 0 };
	cairo_glyph_t *g = NULL;
	cairo_text_extents_t ext;
	int ng = 0;

	g_unichar_to_utf8(c, u);
	if (cairo_scaled_font_status(f->scaled) != CAIRO_STATUS_SUCCESS ||
	    cairo_scaled_font_text_to_glyphs(f->scaled, 0, 0, u, -1, &g, &ng,
	    NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS)
		return false;
	if (ng != 1 || g[0].index == 0) {
		cairo_glyph_free(g);
		return false;
	}
	cairo_scaled_font_glyph_extents(f->scaled, g, 1, &ext);
	if (ext.width < 1 || ext.height < 1) {
		cairo_glyph_free(g);
		return false;
	}
	double side = MAX(ext.width, ext.height), k = SHAPE_SIDE / side;
	cairo_t *cr = cairo_create(f->surface);
	cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_scale(cr, k, k);
	cairo_translate(cr, (side - ext.width) / 2 - ext.x_bearing,
	    (side - ext.height) / 2 - ext.y_bearing);
	cairo_set_scaled_font(cr, f->scaled);
	cairo_glyph_path(cr, g, 1);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_glyph_free(g);
	cairo_surface_flush(f->surface);
	int stride = cairo_image_surface_get_stride(f->surface);
	const unsigned char *data = cairo_image_surface_get_data(f->surface);
	PIX *pix = pixCreate(SHAPE_SIDE, SHAPE_SIDE, 8);
	for (int y = 0; y < SHAPE_SIDE; y++) {
		l_uint32 *line = pixGetData(pix) + y * pixGetWpl(pix);
		for (int x = 0; x < SHAPE_SIDE; x++)
			SET_DATA_BYTE(line, x, data[y * stride + x]);
	}
	bool ok = shape_finish(pix, ext.width / ext.height, out);
	pixDestroy(&pix);
	return ok;
}

/*
 * Where f's shapes are kept between runs, as fontconfig keeps its lists:
 * $XDG_CACHE_HOME/selfeval (~/.cache/selfeval), named for the font file
 * as it is now (its size and time, so that a new version is drawn anew)
 * and for how shapes are made. NULL if there is no such place.
 */
static char *
cache_path(const struct shapes *sh, const struct shape_font *f)
{
	GStatBuf st;

	if (g_getenv("SELFEVAL_NO_CACHE") != NULL || g_stat(f->file, &st) != 0)
		return NULL;
	char *key = g_strdup_printf("%s|%d|%lld|%lld|%d|%d|%d|%d",
	    f->file, f->index, (long long)st.st_size,
	    (long long)st.st_mtime, SHAPE_FORMAT, SHAPE_SIDE, DRAW_EM,
	    sh->nchars);
	char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, key, -1);
	char *name = g_strconcat("shapes-", sum, NULL);
	char *path = g_build_filename(g_get_user_cache_dir(), "selfeval", name,
	    NULL);
	g_free(name);
	g_free(sum);
	g_free(key);
	return path;
}

static gsize
block_size(const struct shapes *sh)
{
	return (gsize)sh->nchars * (SHAPE_PX + 2 * sizeof(float));
}

static void
block_point(const struct shapes *sh, struct shape_font *f)
{
	f->norm = (float *)(f->block + (gsize)sh->nchars * SHAPE_PX);
	f->aspect = f->norm + sh->nchars;
	f->shapes = (signed char *)f->block;
}

/* f's shapes as a run before kept them, if it did and they are whole. */
static bool
cache_load(const struct shapes *sh, struct shape_font *f, const char *path)
{
	char *data = NULL;
	gsize len = 0;

	if (path == NULL || !g_file_get_contents(path, &data, &len, NULL))
		return false;
	if (len != block_size(sh)) {
		g_free(data);
		return false;
	}
	f->block = data;
	block_point(sh, f);
	for (int i = 0; i < sh->nchars; i++)
		if (!isfinite(f->norm[i]) || f->norm[i] < 0 ||
		    !isfinite(f->aspect[i]) || f->aspect[i] < 0) {
			f->block = NULL;
			f->shapes = NULL;
			g_free(data);
			return false;
		}
	return true;
}

static void
font_coarse(const struct shapes *sh, struct shape_font *f)
{
	f->coarse = g_new(short, (gsize)sh->nchars * COARSE_PX);
	f->coarse_norm = g_new(float, sh->nchars);
	for (int i = 0; i < sh->nchars; i++)
		f->coarse_norm[i] = coarse_of(f->shapes + (gsize)i * SHAPE_PX,
		    f->coarse + (gsize)i * COARSE_PX);
}

/*
 * Every character's shape in f: drawn once on a machine (0.3 to 0.5 s a
 * font), then read from the cache. A cache that cannot be written is no
 * error: the shapes are drawn again next time.
 */
static void
font_build(struct shapes *sh, struct shape_font *f)
{
	struct shape s;

	if (f->shapes != NULL)
		return;
	char *path = cache_path(sh, f);
	if (cache_load(sh, f, path)) {
		g_free(path);
		font_coarse(sh, f);
		return;
	}
	f->block = g_malloc0(block_size(sh));
	block_point(sh, f);
	for (int i = 0; i < sh->nchars; i++)
		if (font_shape(f, sh->chars[i], &s)) {
			memcpy(f->shapes + (gsize)i * SHAPE_PX, s.px, SHAPE_PX);
			f->norm[i] = s.norm;
			f->aspect[i] = s.aspect;
		}
	if (path != NULL) {
		char *dir = g_path_get_dirname(path);
		/* g_file_set_contents writes beside it and renames. */
		if (g_mkdir_with_parents(dir, 0755) == 0)
			(void)g_file_set_contents(path, f->block,
			    (gssize)block_size(sh), NULL);
		g_free(dir);
	}
	g_free(path);
	font_coarse(sh, f);
}

/* GB 2312's characters: rows 16 to 87 of its 94 by 94. */
static void
gb2312_chars(struct shapes *sh)
{
	GString *bytes = g_string_new(NULL);

	for (int hi = 0xB0; hi <= 0xF7; hi++)
		for (int lo = 0xA1; lo <= 0xFE; lo++) {
			g_string_append_c(bytes, (char)hi);
			g_string_append_c(bytes, (char)lo);
		}
	/*
	 * Decoded as GB 18030, which keeps GB 2312's codes (glibc's GB2312
	 * module is two libraries, and valgrind takes the loader's reading
	 * of the second's path for an error); the five codes GB 2312 leaves
	 * unassigned, at the end of row 55, come out outside the Han block.
	 */
	GArray *chars = g_array_new(FALSE, FALSE, sizeof(gunichar));
	char *all = g_convert(bytes->str, (gssize)bytes->len, "UTF-8",
	    "GB18030", NULL, NULL, NULL);
	for (const char *p = all; p != NULL && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c >= 0x4E00 && c <= 0x9FFF)
			g_array_append_val(chars, c);
	}
	g_free(all);
	g_string_free(bytes, TRUE);
	sh->nchars = (int)chars->len;
	sh->chars = (gunichar *)g_array_free(chars, FALSE);
	sh->index = g_hash_table_new(NULL, NULL);
	for (int i = 0; i < sh->nchars; i++)
		g_hash_table_insert(sh->index, GUINT_TO_POINTER(sh->chars[i]),
		    GINT_TO_POINTER(i + 1));
}

/*
 * The regular faces fontconfig lists for Chinese, one a file (a .ttc
 * holds the same design for four regions: its Simplified one).
 */
static void
list_fonts(struct shapes *sh)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY,
	    FC_WEIGHT, FC_SPACING, FC_SLANT, NULL);
	FcLangSet *ls = FcLangSetCreate();
	FcFontSet *fs;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);

	FcLangSetAdd(ls, (const FcChar8 *)"zh-cn");
	FcPatternAddLangSet(pat, FC_LANG, ls);
	FcLangSetDestroy(ls);
	fs = FcFontList(NULL, pat, os);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	for (int i = 0; fs != NULL && i < fs->nfont; i++) {
		FcPattern *f = fs->fonts[i];
		FcChar8 *file, *family;
		int index = 0, weight = FC_WEIGHT_REGULAR, spacing = 0, slant = 0;
		if (FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		FcPatternGetInteger(f, FC_INDEX, 0, &index);
		FcPatternGetInteger(f, FC_WEIGHT, 0, &weight);
		FcPatternGetInteger(f, FC_SPACING, 0, &spacing);
		FcPatternGetInteger(f, FC_SLANT, 0, &slant);
		if (weight > FC_WEIGHT_MEDIUM || weight < FC_WEIGHT_LIGHT ||
		    spacing == FC_MONO || slant != FC_SLANT_ROMAN)
			continue;
		bool sc = FcPatternGetString(f, FC_FAMILY, 0, &family) ==
		    FcResultMatch && strstr((const char *)family, " SC") !=
		    NULL;
		/* file -> its face's index + 1 */
		if (g_hash_table_contains(seen, file)) {
			if (sc)
				g_hash_table_insert(seen, g_strdup((const char *)
				    file), GINT_TO_POINTER(index + 1));
			continue;
		}
		if (g_hash_table_size(seen) < MAX_FONTS)
			g_hash_table_insert(seen, g_strdup((const char *)file),
			    GINT_TO_POINTER(index + 1));
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	/* In file order, so that a run does not depend on fontconfig's. */
	GList *files = g_list_sort(g_hash_table_get_keys(seen),
	    (GCompareFunc)strcmp);
	for (GList *l = files; l; l = l->next)
		g_ptr_array_add(sh->fonts, font_open(l->data,
		    GPOINTER_TO_INT(g_hash_table_lookup(seen, l->data)) - 1));
	g_list_free(files);
	g_hash_table_destroy(seen);
}

struct shapes *
shapes_new(void)
{
	struct shapes *sh = g_new0(struct shapes, 1);

	sh->fonts = g_ptr_array_new_with_free_func(font_free);
	gb2312_chars(sh);
	list_fonts(sh);
	sh->score = g_new0(double, sh->fonts->len);
	return sh;
}

void
shapes_free(struct shapes *sh)
{
	if (sh == NULL)
		return;
	g_ptr_array_free(sh->fonts, TRUE);
	g_hash_table_destroy(sh->index);
	g_free(sh->score);
	g_free(sh->chars);
	g_free(sh);
}

/* A new page: its face is chosen anew. */
void
shapes_new_page(struct shapes *sh)
{
	if (sh == NULL)
		return;
	memset(sh->score, 0, sh->fonts->len * sizeof(double));
	sh->sampled = 0;
}

/*
 * The ink of the glyphs cols[from..to] of a line (grey, ink dark) as a
 * shape.
 */
static bool
ink_shape(PIX *grey, const GArray *cols, guint from, guint to,
    struct shape *out)
{
	const int *a = &g_array_index(cols, int, 4 * from);
	int x1 = a[0], y1 = a[1], x2 = a[2], y2 = a[3];

	for (guint k = from + 1; k <= to; k++) {
		const int *c = &g_array_index(cols, int, 4 * k);
		y1 = MIN(y1, c[1]);
		x2 = MAX(x2, c[2]);
		y2 = MAX(y2, c[3]);
	}
	BOX *box = boxCreate(x1, y1, x2 - x1, y2 - y1);
	PIX *clip = pixClipRectangle(grey, box, NULL);
	boxDestroy(&box);
	PIX *g8 = clip ? pixConvertTo8(clip, FALSE) : NULL;
	pixDestroy(&clip);
	if (g8 == NULL)
		return false;
	/* Ink bright, the paper's grain and a scan's grey taken out. */
	PIX *inv = pixInvert(NULL, g8);
	pixDestroy(&g8);
	PIX *lev = inv ? pixGammaTRC(NULL, inv, 1.0, 40, 200) : NULL;
	pixDestroy(&inv);
	bool ok = lev != NULL && shape_of(lev, out);
	pixDestroy(&lev);
	return ok;
}

/*
 * The glyph groups of a line within [left, right] that may be one Chinese
 * character: runs of glyphs a third of an em to CELL_WIDE ems wide.
 * Appends pairs of indices.
 */
static void
glyph_groups(const GArray *cols, int em, int left, int right, GArray *out)
{
	for (guint k = 0; k < cols->len; k++) {
		const int *a = &g_array_index(cols, int, 4 * k);
		if (a[0] < left)
			continue;
		for (guint m = k; m < cols->len; m++) {
			const int *b = &g_array_index(cols, int, 4 * m);
			if (b[2] > right || b[2] - a[0] > CELL_WIDE * em)
				break;
			if ((b[2] - a[0]) * 3 < em)
				continue;
			guint pair[2] = { k, m };
			g_array_append_vals(out, pair, 2);
		}
	}
}

/* The shape of character c in f: drawn once (font_build), or now. */
static bool
char_shape(struct shapes *sh, struct shape_font *f, gunichar c,
    struct shape *out)
{
	int i = GPOINTER_TO_INT(g_hash_table_lookup(sh->index,
	    GUINT_TO_POINTER(c))) - 1;

	if (i < 0 || f->shapes == NULL)
		return font_shape(f, c, out);
	if (f->norm[i] <= 0)
		return false;
	memcpy(out->px, f->shapes + (gsize)i * SHAPE_PX, SHAPE_PX);
	out->norm = f->norm[i];
	out->aspect = f->aspect[i];
	return true;
}

/*
 * Where a sure character is in the line: of the glyphs within two ems of
 * its box at least ANCHOR_LIKE like its shape, the nearest. Boxes
 * drift by an em or more; its neighbours' glyphs bound a doubtful
 * character's.
 */
static bool
anchor(struct shapes *sh, struct shape_font *f, PIX *grey,
    const GArray *cols, int em, const struct sym *s, int *x1, int *x2)
{
	GArray *groups = g_array_new(FALSE, FALSE, sizeof(guint));
	struct shape drawn, ink;
	int near = G_MAXINT, mid = (s->x1 + s->x2) / 2;
	bool found = false;

	if (is_han(s) && char_shape(sh, f, g_utf8_get_char(s->s), &drawn))
		glyph_groups(cols, em, s->x1 - 2 * em, s->x2 + 2 * em,
		    groups);
	for (guint g = 0; g < groups->len; g += 2) {
		guint a = g_array_index(groups, guint, g);
		guint b = g_array_index(groups, guint, g + 1);
		if (!ink_shape(grey, cols, a, b, &ink))
			continue;
		double l = likeness(ink.px, ink.norm, ink.aspect, drawn.px,
		    drawn.norm, drawn.aspect);
		int gx1 = g_array_index(cols, int, 4 * a);
		int gx2 = g_array_index(cols, int, 4 * b + 2);
		/* The nearest: 业 of 创业就业 is not the second 业. */
		if (l >= ANCHOR_LIKE && abs((gx1 + gx2) / 2 - mid) < near) {
			near = abs((gx1 + gx2) / 2 - mid);
			*x1 = gx1;
			*x2 = gx2;
			found = true;
		}
	}
	g_array_free(groups, TRUE);
	return found;
}

/*
 * The font whose shapes the page's sure characters, this line's too, are
 * most like; NULL if too few have been sampled, or the page's are not
 * like enough (PAGE_LIKE) to trust.
 */
static struct shape_font *
line_font(struct shapes *sh, PIX *grey, const GArray *syms,
    const GArray *cols, int em)
{
	struct shape_font *best = NULL;
	double best_sum = 0;
	GArray *groups = g_array_new(FALSE, FALSE, sizeof(guint));
	struct shape ink;
	int sampled = 0;
	double *sums = sh->score;

	for (guint i = 0; i < syms->len && sampled < FONT_SAMPLE; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		/* Disputed, too: a wrong one is as unlike every font. */
		if (!is_han(s) || s->conf < SURE)
			continue;
		g_array_set_size(groups, 0);
		glyph_groups(cols, em, s->x1 - em, s->x2 + em, groups);
		gunichar c = g_utf8_get_char(s->s);
		bool any = false;
		double *best_here = g_new0(double, sh->fonts->len);
		struct shape *drawn = g_new0(struct shape, sh->fonts->len);
		bool *has = g_new0(bool, sh->fonts->len);
		for (guint f = 0; f < sh->fonts->len; f++) {
			best_here[f] = -1;
			has[f] = char_shape(sh, g_ptr_array_index(sh->fonts, f),
			    c, &drawn[f]);
		}
		for (guint g = 0; g < groups->len; g += 2) {
			if (!ink_shape(grey, cols, g_array_index(groups, guint, g),
			    g_array_index(groups, guint, g + 1), &ink))
				continue;
			for (guint f = 0; f < sh->fonts->len; f++) {
				if (!has[f])
					continue;
				double l = likeness(ink.px, ink.norm,
				    ink.aspect, drawn[f].px, drawn[f].norm,
				    drawn[f].aspect);
				best_here[f] = MAX(best_here[f], l);
				any = true;
			}
		}
		g_free(drawn);
		g_free(has);
		if (any) {
			for (guint f = 0; f < sh->fonts->len; f++)
				sums[f] += best_here[f];
			sampled++;
		}
		g_free(best_here);
	}
	sh->sampled += sampled;
	for (guint f = 0; sh->sampled > 0 && f < sh->fonts->len; f++)
		if (best == NULL || sums[f] > best_sum) {
			best = g_ptr_array_index(sh->fonts, f);
			best_sum = sums[f];
		}
	g_array_free(groups, TRUE);
	/*
	 * Shapes are trusted only on a page whose sure characters look like
	 * them: clean and 1-bit 300 dpi scans, 0.87 to 0.91 on average here;
	 * 200 dpi, a photo, a Song face's broken strokes, 0.55 to 0.72.
	 */
	if (sh->sampled < FONT_SAMPLE || best_sum < PAGE_LIKE * sh->sampled)
		return NULL;
	return best;
}

/*
 * The character of f most like the ink of one of groups, its likeness;
 * *read_like the best likeness of read's shape over them. 0 if f cannot
 * draw read: nothing to weigh against.
 */
static gunichar
likest(struct shapes *sh, struct shape_font *f, PIX *grey,
    const GArray *cols, const GArray *groups, gunichar read,
    double *like, double *read_like)
{
	gunichar best = 0;
	struct shape ink, own;

	*like = *read_like = -1;
	if (!char_shape(sh, f, read, &own))
		return 0;
	for (guint g = 0; g < groups->len; g += 2) {
		if (!ink_shape(grey, cols, g_array_index(groups, guint, g),
		    g_array_index(groups, guint, g + 1), &ink))
			continue;
		*read_like = MAX(*read_like, likeness(ink.px, ink.norm,
		    ink.aspect, own.px, own.norm, own.aspect));
		short ic[COARSE_PX];
		float in = coarse_of(ink.px, ic);
		int keep[COARSE_KEEP];
		double kept[COARSE_KEEP];
		int nkeep = 0;
		for (int i = 0; i < sh->nchars && in > 0; i++) {
			const short *c = f->coarse + (gsize)i * COARSE_PX;
			if (f->coarse_norm[i] <= 0)
				continue;
			int dot = 0;
			for (int k = 0; k < COARSE_PX; k++)
				dot += ic[k] * c[k];
			double l = dot / ((double)in * f->coarse_norm[i]) -
			    0.3 * fabs(log(ink.aspect / f->aspect[i]));
			if (nkeep == COARSE_KEEP && l <= kept[nkeep - 1])
				continue;
			int at = nkeep < COARSE_KEEP ? nkeep++ : nkeep - 1;
			while (at > 0 && kept[at - 1] < l) {
				kept[at] = kept[at - 1];
				keep[at] = keep[at - 1];
				at--;
			}
			kept[at] = l;
			keep[at] = i;
		}
		for (int k = 0; k < nkeep; k++) {
			int i = keep[k];
			double l = likeness(ink.px, ink.norm, ink.aspect,
			    f->shapes + (gsize)i * SHAPE_PX, f->norm[i],
			    f->aspect[i]);
			if (l > *like) {
				*like = l;
				best = sh->chars[i];
			}
		}
	}
	return best;
}

static gint
by_int(gconstpointer a, gconstpointer b)
{
	return (*(const int *)a > *(const int *)b) -
	    (*(const int *)a < *(const int *)b);
}

/*
 * Each doubtful Chinese character of a line (read under SURE, or read
 * otherwise by another reading, or making no word with a neighbour) whose ink is clearly more like another
 * character's shape than its own is read as that one, in doubt all the
 * same.
 */
void
fix_shape(struct ocr_engine *e, PIX *grey, GArray *syms,
    const struct line_ink *ink)
{
	int em = 0, tallest = 0;
	struct shape_font *f = NULL;
	GArray *groups = NULL;

	/*
	 * The em: the Chinese characters' boxes' middle height (the tallest
	 * glyph may be a bracket, or a rule's end, twice as tall), but no
	 * taller than any glyph (boxes are at times half as tall again).
	 */
	GArray *hs = g_array_new(FALSE, FALSE, sizeof(int));
	for (guint i = 0; i < syms->len; i++) {
		const struct sym *s = &g_array_index(syms, struct sym, i);
		int h = s->y2 - s->y1;
		if (is_han(s) && h > 0)
			g_array_append_val(hs, h);
	}
	if (hs->len > 0) {
		g_array_sort(hs, by_int);
		em = g_array_index(hs, int, hs->len / 2);
	}
	g_array_free(hs, TRUE);
	for (guint k = 0; k < ink->cols->len; k++) {
		const int *c = &g_array_index(ink->cols, int, 4 * k);
		tallest = MAX(tallest, c[3] - c[1]);
	}
	em = MIN(em, tallest);
	for (guint i = 0; i < syms->len && em > 0; i++) {
		struct sym *s = &g_array_index(syms, struct sym, i);
		if (!is_han(s) || (s->conf >= SURE && !s->disputed &&
		    in_word(e, syms, i, s->s)))
			continue;
		if (f == NULL) {
			if (e->shapes == NULL)
				e->shapes = shapes_new();
			f = line_font(e->shapes, grey, syms, ink->cols, em);
			if (f == NULL)
				break;
			font_build(e->shapes, f);
			groups = g_array_new(FALSE, FALSE, sizeof(guint));
		}
		/* Between its neighbours' glyphs, if they are found. */
		int left = s->x1 - em / 2, right = s->x2 + em / 2, a1, a2;
		int found = 0;
		if (i > 0 && anchor(e->shapes, f, grey, ink->cols, em,
		    &g_array_index(syms, struct sym, i - 1), &a1, &a2)) {
			left = a2;
			found++;
		}
		if (i + 1 < syms->len && anchor(e->shapes, f, grey, ink->cols,
		    em, &g_array_index(syms, struct sym, i + 1), &a1, &a2)) {
			right = a1;
			found++;
		}
		g_array_set_size(groups, 0);
		glyph_groups(ink->cols, em, left, right, groups);
		/*
		 * Found between both neighbours, the character is all the
		 * ink there: a part of it (阝 of 部, in a Song face's broken
		 * strokes) is no candidate.
		 */
		if (found == 2 && groups->len > 2) {
			guint whole[2] = { G_MAXUINT, 0 };
			for (guint g = 0; g < groups->len; g += 2) {
				whole[0] = MIN(whole[0],
				    g_array_index(groups, guint, g));
				whole[1] = MAX(whole[1],
				    g_array_index(groups, guint, g + 1));
			}
			g_array_set_size(groups, 0);
			const int *a = &g_array_index(ink->cols, int,
			    4 * whole[0]);
			const int *b = &g_array_index(ink->cols, int,
			    4 * whole[1] + 2);
			if (b[0] - a[0] <= CELL_WIDE * em)
				g_array_append_vals(groups, whole, 2);
		}
		gunichar read = g_utf8_get_char(s->s);
		double like, read_like;
		gunichar c = likest(e->shapes, f, grey, ink->cols, groups,
		    read, &like, &read_like);
		if (c == 0 || c == read || like < SHAPE_SURE ||
		    like - read_like < SHAPE_MARGIN)
			continue;
		/* A neighbour's glyph, not its own (boxes drift). */
		if ((i > 0 && g_utf8_get_char(g_array_index(syms, struct sym,
		    i - 1).s) == c) || (i + 1 < syms->len && g_utf8_get_char(
		    g_array_index(syms, struct sym, i + 1).s) == c))
			continue;
		char u[8] = { 0 };
		g_unichar_to_utf8(c, u);
		/*
		 * Nor is a shape that makes no word where it stands (冂市 in
		 * a Song face at 200 dpi), unless it is beyond doubt (璧山,
		 * 万亩: names and units no word list has).
		 */
		if (!in_word(e, syms, i, u) && (like < SHAPE_CERTAIN ||
		    like - read_like < 2 * SHAPE_MARGIN))
			continue;
		g_free(s->s);
		s->s = g_strdup(u);
		s->disputed = true;
	}
	if (groups != NULL)
		g_array_free(groups, TRUE);
}
