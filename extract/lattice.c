#include <leptonica/allheaders.h>

#include "geom.h"
#include "lattice.h"

/*
 * A rule is ink running on for longer than any stroke of a character: a
 * CJK character is about one em (10.5 pt in these forms), and the
 * horizontal strokes of neighbours in a line nearly touch ("一一"), so
 * horizontal rules must be longer than two ems; a one-line row is only
 * a little taller than an em, so vertical rules longer than 14 pt.
 */
#define MIN_HRULE_PT 24.0
#define MIN_VRULE_PT 14.0
/*
 * Gaps in a rule this long (a scan's dropouts) are bridged first; less
 * than the gap between two characters, or their strokes would join.
 */
#define BRIDGE_PX 3
/*
 * Thicker than this, a run of ink is a stroke of bold type (a title's) or
 * a blot, not a rule: the rules of these forms are 0.5 to 1 pt.
 */
#define MAX_THICK_PT 1.6

/*
 * A row of characters can line up its horizontal strokes into one run
 * longer than MIN_HRULE_PT ("效益指标" at 200 dpi); its vertical strokes
 * cross that run all along it, while a rule is crossed only where other
 * rules meet it. Past this share of its length crossed, a run is text.
 */
#define MAX_CROSSED 0.25
/* How far past a run's edge a crossing stroke is looked for, in pixels. */
#define CROSS_PX 2

static bool
pixel(const l_uint32 *data, int wpl, int w, int h, int x, int y)
{
	return x >= 0 && y >= 0 && x < w && y < h &&
	    GET_DATA_BIT(data + (size_t)y * wpl, x);
}

/*
 * The share of the run in box (x, y, w, h) of lines that ink of bin
 * crosses: at each step along it, ink on both sides of the run.
 */
static double
crossed(PIX *lines, PIX *bin, bool vertical, int x, int y, int w, int h)
{
	const l_uint32 *ld = pixGetData(lines), *bd = pixGetData(bin);
	int lwpl = pixGetWpl(lines), bwpl = pixGetWpl(bin);
	int pw = pixGetWidth(bin), ph = pixGetHeight(bin);
	int len = vertical ? h : w, across = vertical ? w : h, n = 0, hits = 0;

	for (int i = 0; i < len; i++) {
		int first = -1, last = -1;
		for (int j = 0; j < across; j++) {
			int px = vertical ? x + j : x + i, py = vertical ? y + i : y + j;
			if (pixel(ld, lwpl, pw, ph, px, py)) {
				if (first < 0)
					first = j;
				last = j;
			}
		}
		if (first < 0)
			continue;
		n++;
		int a = first - CROSS_PX, b = last + CROSS_PX;
		bool before = vertical ? pixel(bd, bwpl, pw, ph, x + a, y + i) :
		    pixel(bd, bwpl, pw, ph, x + i, y + a);
		bool after = vertical ? pixel(bd, bwpl, pw, ph, x + b, y + i) :
		    pixel(bd, bwpl, pw, ph, x + i, y + b);
		hits += before && after;
	}
	return n > 0 ? (double)hits / n : 0;
}

/* Rules among the runs of ink in lines: to segs, and their ink to mask. */
static void
add_segs(PIX *lines, PIX *bin, bool vertical, double min_pt, double scale,
    GArray *segs, PIX *mask)
{
	BOXA *boxa = pixConnCompBB(lines, 8);
	int n = boxaGetCount(boxa);

	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h, ink = 0;
		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		int len = vertical ? h : w, thick = vertical ? w : h;
		int from = vertical ? y : x, at = vertical ? x : y;
		if (len < min_pt * scale)
			continue;
		/*
		 * A slightly tilted line is a thin parallelogram whose box is
		 * thicker than the line: judge thickness by ink per length.
		 */
		BOX *b = boxCreate(x, y, w, h);
		pixCountPixelsInRect(lines, b, &ink, NULL);
		boxDestroy(&b);
		if ((double)ink / len > MAX_THICK_PT * scale ||
		    crossed(lines, bin, vertical, x, y, w, h) > MAX_CROSSED)
			continue;
		struct seg s = { (at + thick / 2.0) / scale, from / scale,
		    (from + len) / scale };
		g_array_append_val(segs, s);
		pixRasterop(mask, x, y, w, h, PIX_SRC | PIX_DST, lines, x, y);
	}
	boxaDestroy(&boxa);
}

void
lattice_rules(PIX *bin, double scale, GArray *hsegs, GArray *vsegs,
    PIX **maskp)
{
	PIX *h, *v, *t, *mask = pixCreateTemplate(bin);

	t = pixCloseBrick(NULL, bin, BRIDGE_PX, 1);
	h = pixOpenBrick(NULL, t, (int)(MIN_HRULE_PT * scale), 1);
	pixDestroy(&t);
	t = pixCloseBrick(NULL, bin, 1, BRIDGE_PX);
	v = pixOpenBrick(NULL, t, 1, (int)(MIN_VRULE_PT * scale));
	pixDestroy(&t);
	add_segs(h, bin, false, MIN_HRULE_PT, scale, hsegs, mask);
	add_segs(v, bin, true, MIN_VRULE_PT, scale, vsegs, mask);
	segs_merge(hsegs);
	segs_merge(vsegs);
	if (maskp != NULL)
		*maskp = pixDilateBrick(NULL, mask, 3, 3);
	pixDestroy(&mask);
	pixDestroy(&h);
	pixDestroy(&v);
}
