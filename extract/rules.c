/*
 * Ruling lines, the lattice way: Poppler GLib exposes no paths, so render
 * the page into an alpha mask, blank out every glyph box so that text can
 * never pass for a line, and keep the long runs of ink. Runs in adjacent
 * pixel rows (or columns) are one line; a run many pixels thick is a
 * filled box, whose edges are lines.
 */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <poppler.h>
#include <string.h>
#include <sys/mman.h>

#include "geom.h"
#include "hugepage.h"
#include "quiet.h"

#define MIN_RUN_PT 8.0		/* shorter runs are not rules */
#define MAX_THICK_PT 3.0	/* thicker runs are filled boxes */

struct run {
	int from, to;		/* first and last pixel along the line */
	int first, last;	/* first and last pixel row across it */
};

/*
 * Blank the glyphs out. A glyph box is the font's, taller than the ink
 * (Noto CJK's is nearly one and a half ems), and in a tight spreadsheet
 * row it reaches over the cell's border: blank only its middle, where the
 * ink is, so the border survives. shrink 0 blanks the whole box. (The
 * same fill, with 255, draws the whole boxes into a mask.)
 */
static void
blank_glyphs(unsigned char *px, int stride, int w, int h, const GArray *glyphs,
    double scale, double shrink, bool sideways, unsigned char value)
{
	/* Across a line the box is the font's, along it about the ink. */
	double along = 0.45 * shrink, across = shrink;

	for (guint i = 0; i < glyphs->len; i++) {
		const struct glyph *g = &g_array_index(glyphs, struct glyph, i);
		double dx = (g->x2 - g->x1) * (sideways ? across : along);
		double dy = (g->y2 - g->y1) * (sideways ? along : across);
		int x1 = (int)floor((g->x1 + dx) * scale);
		int x2 = (int)ceil((g->x2 - dx) * scale);
		int y1 = (int)floor((g->y1 + dy) * scale);
		int y2 = (int)ceil((g->y2 - dy) * scale);

		x1 = CLAMP(x1, 0, w);
		x2 = CLAMP(x2, 0, w);
		y1 = CLAMP(y1, 0, h);
		y2 = CLAMP(y2, 0, h);
		for (int y = y1; y < y2 && x2 > x1; y++)
			memset(px + (size_t)y * stride + x1, value, x2 - x1);
	}
}

/*
 * The glyph boxes (255 inside one), seen along the lines that scan reads:
 * pixel j of line i is at[i * across + j * along].
 */
struct boxes {
	const unsigned char *at;
	size_t across, along;
};

/* Is the run from..to of line i mostly inside glyph boxes? */
static bool
in_glyphs(const struct boxes *b, int i, int from, int to)
{
	int inside = 0;

	for (int j = from; j <= to; j++)
		inside += b->at[(size_t)i * b->across + (size_t)j * b->along] != 0;
	return inside * 10 >= (to - from + 1) * 9;
}

static void
emit(GArray *segs, const struct run *r, double scale)
{
	int thick = r->last - r->first + 1;

	struct seg s = { 0, r->from / scale, (r->to + 1) / scale };

	if (thick <= MAX_THICK_PT * scale + 1) {
		s.pos = (r->first + r->last + 1) / 2.0 / scale;
		g_array_append_val(segs, s);
	} else {
		s.pos = r->first / scale;
		g_array_append_val(segs, s);
		s.pos = (r->last + 1) / scale;
		g_array_append_val(segs, s);
	}
}

/*
 * The first pixel at or after j that is ink. Most of a page is blank:
 * look at eight pixels at a time. A byte b is ink (b >= INK) when b has
 * its top bit set or (b & 0x7f) + (128 - INK) does; the masking keeps the
 * sum inside the byte.
 */
static int
next_ink(const unsigned char *row, int j, int len)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	const uint64_t top = 0x8080808080808080ULL;
	const uint64_t bias = 0x0101010101010101ULL * (128 - INK);

	while (j < len && ((uintptr_t)(row + j) & 7) != 0 && row[j] < INK)
		j++;
	while (j + 8 <= len) {
		uint64_t w;
		memcpy(&w, row + j, sizeof w);
		if ((((w & low7) + bias) | w) & top)
			break;
		j += 8;
	}
	while (j < len && row[j] < INK)
		j++;
	return j;
}

/*
 * Scan the n lines of len pixels of a row-major mask (a transposed one
 * for the vertical rules). Runs of consecutive lines that overlap join
 * one open run; a run that ends is a rule unless it lies in glyph boxes
 * (a stroke the blanking left).
 */
static void
scan(const unsigned char *px, int stride, const struct boxes *boxes, int n,
    int len, double scale, GArray *segs)
{
	GArray *open = g_array_new(FALSE, FALSE, sizeof(struct run));
	GArray *next = g_array_new(FALSE, FALSE, sizeof(struct run));
	int min_run = (int)(MIN_RUN_PT * scale);

	for (int i = 0; i <= n; i++) {
		const unsigned char *row = px + (size_t)i * stride;

		g_array_set_size(next, 0);
		for (int j = 0; i < n && (j = next_ink(row, j, len)) < len;) {
			int from = j;
			while (j < len && row[j] >= INK)
				j++;
			if (j - from >= min_run) {
				struct run r = { from, j - 1, i, i };
				g_array_append_val(next, r);
			}
		}
		/* Extend open runs that this line continues; close the rest. */
		for (guint k = 0; k < open->len; k++) {
			struct run *o = &g_array_index(open, struct run, k);
			bool continued = false;
			for (guint m = 0; m < next->len; m++) {
				struct run *r = &g_array_index(next, struct run, m);
				if (r->first == i && r->from <= o->to &&
				    r->to >= o->from) {
					r->first = o->first;
					r->from = MIN(r->from, o->from);
					r->to = MAX(r->to, o->to);
					continued = true;
					break;
				}
			}
			if (!continued && !in_glyphs(boxes,
			    (o->first + o->last) / 2, o->from, o->to))
				emit(segs, o, scale);
		}
		GArray *t = open;
		open = next;
		next = t;
	}
	g_array_free(open, TRUE);
	g_array_free(next, TRUE);
}

/*
 * dst (w rows of h, zeroed) = src (h rows of w) transposed, in tiles of
 * 8 x 8 so both sides stay in cache; most tiles of a page are blank and
 * are left as they are.
 */
static void
transpose(const unsigned char *src, int sstride, unsigned char *dst, int w,
    int h)
{
	for (int y0 = 0; y0 < h; y0 += 8)
		for (int x0 = 0; x0 < w; x0 += 8) {
			int ny = MIN(8, h - y0), nx = MIN(8, w - x0);
			uint64_t any = 0;

			for (int y = 0; y < ny && nx == 8; y++) {
				uint64_t v;
				memcpy(&v, src + (size_t)(y0 + y) * sstride + x0,
				    sizeof v);
				any |= v;
			}
			if (nx == 8 && any == 0)
				continue;
			for (int y = y0; y < y0 + ny; y++)
				for (int x = x0; x < x0 + nx; x++)
					dst[(size_t)x * h + y] =
					    src[(size_t)y * sstride + x];
		}
}

/* Mark the glyphs that put no ink on the page. */
static void
find_hidden(const unsigned char *px, int stride, int w, int h,
    GArray *glyphs, double scale)
{
	for (guint i = 0; i < glyphs->len; i++) {
		struct glyph *g = &g_array_index(glyphs, struct glyph, i);
		int x1 = CLAMP((int)floor(g->x1 * scale), 0, w);
		int x2 = CLAMP((int)ceil(g->x2 * scale), 0, w);
		int y1 = CLAMP((int)floor(g->y1 * scale), 0, h);
		int y2 = CLAMP((int)ceil(g->y2 * scale), 0, h);
		bool ink = false;

		for (int y = y1; y < y2 && !ink; y++)
			for (int x = x1; x < x2 && !ink; x++)
				ink = px[(size_t)y * stride + x] >= INK;
		g->hidden = !ink;
	}
}

/*
 * The mask, the glyph boxes and the transposed mask, in one mapping of
 * transparent huge pages (hugepage.h): in 4 KiB pages the 1.5 MB of an A4
 * page cost more faults than the whole of pdftotext's work on a small
 * form. One huge page is one fault.
 */

struct pagebuf {
	void *map;
	size_t len;
	unsigned char *mask, *boxes, *across;
};

static const cairo_user_data_key_t pagebuf_key;

static void
pagebuf_free(void *data)
{
	struct pagebuf *b = data;

	munmap(b->map, b->len);
	g_free(b);
}

/* Three zeroed planes of n bytes, or NULL. */
static struct pagebuf *
pagebuf_new(size_t n)
{
	struct pagebuf *b = g_new0(struct pagebuf, 1);
	size_t need = (3 * n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;

	b->len = need + HUGE_PAGE;	/* room to align to a huge page */
	b->map = mmap(NULL, b->len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b->map == MAP_FAILED) {
		g_free(b);
		return NULL;
	}
	b->mask = (unsigned char *)(((uintptr_t)b->map + HUGE_PAGE - 1) &
	    ~(uintptr_t)(HUGE_PAGE - 1));
	huge_pages(b->mask, need);
	b->boxes = b->mask + n;
	b->across = b->boxes + n;
	return b;
}

/*
 * Into an alpha mask directly: with the glyphs reduced to boxes
 * (glyphink.c) there are no glyphs left for pixman's slow A8 glyph path.
 */
cairo_surface_t *
rules_render(PopplerPage *page, double scale, long *drawn)
{
	double pw, ph;
	cairo_surface_t *s;
	cairo_t *cr;
	struct pagebuf *b;
	int w, h, stride;

	poppler_page_get_size(page, &pw, &ph);
	w = (int)ceil(pw * scale);
	h = (int)ceil(ph * scale);
	stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, w);
	b = w > 0 && h > 0 && stride > 0 ?
	    pagebuf_new((size_t)stride * h) : NULL;
	if (b != NULL) {
		s = cairo_image_surface_create_for_data(b->mask,
		    CAIRO_FORMAT_A8, w, h, stride);
		if (cairo_surface_set_user_data(s, &pagebuf_key, b,
		    pagebuf_free) != CAIRO_STATUS_SUCCESS)
			pagebuf_free(b);	/* s is an error surface */
	} else
		s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
	cr = cairo_create(s);
	glyphink_mark(cr, drawn);
	cairo_scale(cr, scale, scale);
	/*
	 * Poppler's cairo backend prints a line to stderr for every run of
	 * text in a font FreeType cannot load (hundreds for one damaged
	 * file), past any error handler: stderr is silenced while it draws.
	 */
	struct quiet q;
	quiet_begin(&q);
	poppler_page_render(page, cr);
	quiet_end(&q);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

void
rules_find(cairo_surface_t *s, GArray *glyphs, double scale, bool sideways,
    GArray *hsegs, GArray *vsegs)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	unsigned char *px = cairo_image_surface_get_data(s), *boxes;

	if (px == NULL)
		return;	/* no surface (an empty page box): no ink, no rules */
	/* Planes of rules_render's mapping, or of the heap. */
	struct pagebuf *b = cairo_surface_get_user_data(s, &pagebuf_key);
	unsigned char *own = NULL, *tpx;

	if (b != NULL) {
		boxes = b->boxes;
		tpx = b->across;
	} else {
		own = g_malloc0(2 * (size_t)stride * h);
		boxes = own;
		tpx = own + (size_t)stride * h;
	}
	find_hidden(px, stride, w, h, glyphs, scale);
	blank_glyphs(boxes, stride, w, h, glyphs, scale, 0, sideways, 255);
	blank_glyphs(px, stride, w, h, glyphs, scale, 0.18, sideways, 0);
	struct boxes across = { boxes, (size_t)stride, 1 };
	scan(px, stride, &across, h, w, scale, hsegs);
	/* Vertical rules: the same scan over the transposed mask. */
	struct boxes down = { boxes, 1, (size_t)stride };
	transpose(px, stride, tpx, w, h);
	scan(tpx, h, &down, w, h, scale, vsegs);
	g_free(own);
}
