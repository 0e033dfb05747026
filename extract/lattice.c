#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>

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
 * But a spreadsheet's one-line row is 12.8 pt (Calc's default), and a
 * vertical rule standing in that row alone (评价等级 | 优 under a 合计 row
 * across the columns) is shorter. Such a run is a rule when it reaches
 * from one horizontal rule to the next: a character's stroke keeps clear
 * of both, by the cell's padding. Its ends may lie ENDS_PT from the
 * rules' centres (half a rule's thickness and a pixel or two of blur).
 */
#define SHORT_VRULE_PT 6.0
#define ENDS_PT 1.5
/*
 * Gaps in a rule this long (a scan's dropouts) are bridged first; less
 * than the gap between two characters, or their strokes would join.
 */
#define BRIDGE_PX 3
/*
 * Thicker than this, a run of ink is a blot, not a rule: the rules of
 * these forms are 0.5 to 1 pt, and a phone photo's blur spreads them to
 * 1.3 to 1.9 pt of ink per length (the photo at 150 dpi here; at 1.6 its
 * inner rules were lost and its cells ran together). A bold title's
 * strokes are as thick, and are told by the strokes that cross and touch
 * them (MAX_CROSSED, MAX_TOUCHED).
 */
#define MAX_THICK_PT 2.0

/*
 * A row of characters can line up its horizontal strokes into one run
 * longer than MIN_HRULE_PT ("效益指标" at 200 dpi); its vertical strokes
 * cross that run all along it, while a rule is crossed only where other
 * rules meet it. Past this share of its length crossed, a run is text.
 * The bottom strokes of a row (a phone photo at 150 dpi) have strokes
 * on one side of them only, but along most of their length: a rule keeps
 * clear of the text it frames, and is touched on either side along at
 * most MAX_TOUCHED of its length (rules measured here: under 0.2; such
 * rows of strokes: 0.6 and more).
 */
#define MAX_CROSSED 0.25
#define MAX_TOUCHED 0.5
/* How far past a run's edge a crossing stroke is looked for, in pixels. */
#define CROSS_PX 2

/*
 * A hairline rule of a tilted page, thresholded to one bit, comes apart
 * into dashes: where the line crosses a row of pixels it is dark enough,
 * between crossings only grey. Its dashes lie on one line, each thin,
 * with nothing touching it, and their gaps are not much longer than the
 * dashes themselves (one rule's dashes are alike). A dash is at least
 * DASH_MIN_PT long and DASH_RATIO times its thickness, a gap at most
 * DASH_GAP times the longer dash beside it, the centre lines of two
 * dashes in a row at most DASH_DRIFT_PX apart, and a rule MIN_DASHES
 * dashes at least: the single 一 or — of a cell is none, and dashes in
 * the cells of a row ("—  —  —") are a column apart, much more than
 * twice their length. Vertical dashes must be longer: the digit 1 of a
 * column of 10s is a thin vertical stroke standing alone, once a row.
 */
#define DASH_MIN_PT 4.0
#define VDASH_MIN_PT 12.0
#define DASH_RATIO 4
#define DASH_GAP 2.0
#define DASH_DRIFT_PX 2
#define MIN_DASHES 3
#define JOIN_PERIODS 3.0

struct dash {
	int a, b;		/* along the rule */
	int lo, hi;		/* across it */
};

static int
by_start(gconstpointer x, gconstpointer y)
{
	const struct dash *p = x, *q = y;

	return (p->a > q->a) - (p->a < q->a);
}

static bool
pixel(const l_uint32 *data, int wpl, int w, int h, int x, int y)
{
	return x >= 0 && y >= 0 && x < w && y < h &&
	    GET_DATA_BIT(data + (size_t)y * wpl, x);
}

/*
 * How much ink of bin meets the run in box (x, y, w, h) of lines: the
 * share of the steps along it with ink on both sides (*crossed), and on
 * either side (*touched).
 */
static void
contact(PIX *lines, PIX *bin, bool vertical, int x, int y, int w, int h,
    double *crossed, double *touched)
{
	const l_uint32 *ld = pixGetData(lines), *bd = pixGetData(bin);
	int lwpl = pixGetWpl(lines), bwpl = pixGetWpl(bin);
	int pw = pixGetWidth(bin), ph = pixGetHeight(bin);
	int len = vertical ? h : w, across = vertical ? w : h, n = 0;
	int both = 0, either = 0;

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
		both += before && after;
		either += before || after;
	}
	*crossed = n > 0 ? (double)both / n : 0;
	*touched = n > 0 ? (double)either / n : 0;
}

/*
 * Rules among the runs of ink in lines, min_pt long at least (and shorter
 * than max_pt, if it is above 0): to segs, and their ink to mask.
 */
static void
add_segs(PIX *lines, PIX *bin, bool vertical, double min_pt, double max_pt,
    double scale, GArray *segs, PIX *mask)
{
	BOXA *boxa = pixConnCompBB(lines, 8);
	int n = boxaGetCount(boxa);

	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h, ink = 0;
		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		int len = vertical ? h : w, thick = vertical ? w : h;
		int from = vertical ? y : x, at = vertical ? x : y;
		if (len < min_pt * scale || (max_pt > 0 && len >= max_pt * scale))
			continue;
		/*
		 * A slightly tilted line is a thin parallelogram whose box is
		 * thicker than the line: judge thickness by ink per length.
		 */
		BOX *b = boxCreate(x, y, w, h);
		pixCountPixelsInRect(lines, b, &ink, NULL);
		boxDestroy(&b);
		if ((double)ink / len > MAX_THICK_PT * scale)
			continue;
		double crossed, touched;
		contact(lines, bin, vertical, x, y, w, h, &crossed, &touched);
		if (crossed > MAX_CROSSED || touched > MAX_TOUCHED)
			continue;
		struct seg s = { (at + thick / 2.0) / scale, from / scale,
		    (from + len) / scale };
		g_array_append_val(segs, s);
		pixRasterop(mask, x, y, w, h, PIX_SRC | PIX_DST, lines, x, y);
	}
	boxaDestroy(&boxa);
}

/* Is there a horizontal rule at y (points) running across x? */
static bool
hrule_at(const GArray *hsegs, double x, double y)
{
	for (guint i = 0; i < hsegs->len; i++) {
		const struct seg *s = &g_array_index(hsegs, struct seg, i);
		if (fabs(s->pos - y) <= ENDS_PT && s->a - ENDS_PT <= x &&
		    x <= s->b + ENDS_PT)
			return true;
	}
	return false;
}

/*
 * Whether a piece of a rule, too short to count alone, counts; n is how
 * many of segs were found before the pieces were looked for.
 */
typedef bool piece_test(const struct seg *s, const GArray *segs, guint n,
    const GArray *across);

/*
 * The runs in lines from min_pt up to max_pt long that pass as rules
 * (add_segs) and piece_test ok: added to segs, and their ink to mask.
 */
static void
add_pieces(PIX *lines, PIX *bin, bool vertical, double min_pt, double max_pt,
    double scale, piece_test *ok, GArray *segs, const GArray *across,
    PIX *mask)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(struct seg));
	PIX *only = pixCreateTemplate(lines);
	guint n = segs->len;
	int half = (int)(MAX_THICK_PT * scale) + 2;

	add_segs(lines, bin, vertical, min_pt, max_pt, scale, found, only);
	for (guint i = 0; i < found->len; i++) {
		const struct seg *s = &g_array_index(found, struct seg, i);
		if (!ok(s, segs, n, across))
			continue;
		g_array_append_val(segs, *s);
		int at = (int)(s->pos * scale) - half, from = (int)(s->a * scale);
		int len = (int)((s->b - s->a) * scale) + 1;
		if (vertical)
			pixRasterop(mask, at, from, 2 * half + 1, len,
			    PIX_SRC | PIX_DST, only, at, from);
		else
			pixRasterop(mask, from, at, len, 2 * half + 1,
			    PIX_SRC | PIX_DST, only, from, at);
	}
	pixDestroy(&only);
	g_array_free(found, TRUE);
}

/*
 * A vertical run shorter than MIN_VRULE_PT (SHORT_VRULE_PT or more) is a
 * rule where it reaches from a horizontal rule to the next.
 */
static bool
spans_row(const struct seg *s, const GArray *segs, guint n,
    const GArray *hsegs)
{
	(void)segs;
	(void)n;
	return hrule_at(hsegs, s->pos, s->a) && hrule_at(hsegs, s->pos, s->b);
}

/*
 * Among comps, the boxes of the pieces of ink of the page, the thin ones
 * that could be dashes running one way.
 */
static GArray *
find_dashes(BOXA *comps, bool vertical, double scale)
{
	GArray *ds = g_array_new(FALSE, FALSE, sizeof(struct dash));
	double min_len = (vertical ? VDASH_MIN_PT : DASH_MIN_PT) * scale;

	for (int i = 0; i < boxaGetCount(comps); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
		int len = vertical ? h : w, thick = vertical ? w : h;
		if (len < min_len || len < DASH_RATIO * thick ||
		    thick > MAX_THICK_PT * scale)
			continue;
		struct dash d = { vertical ? y : x, (vertical ? y : x) + len,
		    vertical ? x : y, (vertical ? x : y) + thick };
		g_array_append_val(ds, d);
	}
	g_array_sort(ds, by_start);
	return ds;
}

/* The k-th dash of chain, a list of indices into ds. */
static const struct dash *
dash_at(const GArray *ds, const GArray *chain, guint k)
{
	return &g_array_index(ds, struct dash, g_array_index(chain, int, k));
}

/* A line one pixel thick into lines, along the rule from from, len long. */
static void
draw_along(PIX *lines, bool vertical, int at, int from, int len)
{
	if (vertical)
		pixRasterop(lines, at, from, 1, len, PIX_SET, NULL, 0, 0);
	else
		pixRasterop(lines, from, at, len, 1, PIX_SET, NULL, 0, 0);
}

/* Draw into lines the dashes of chain, the gaps between them bridged. */
static void
draw_chain(PIX *lines, PIX *bin, const GArray *ds, const GArray *chain,
    bool vertical)
{
	for (guint k = 0; k < chain->len; k++) {
		const struct dash *d = dash_at(ds, chain, k);
		int x = vertical ? d->lo : d->a, y = vertical ? d->a : d->lo;
		int w = vertical ? d->hi - d->lo : d->b - d->a;
		int h = vertical ? d->b - d->a : d->hi - d->lo;
		pixRasterop(lines, x, y, w, h, PIX_SRC | PIX_DST, bin, x, y);
		if (k + 1 == chain->len)
			break;
		const struct dash *e = dash_at(ds, chain, k + 1);
		/* The gap, one pixel thick, on the line between the two. */
		int mid = (d->lo + d->hi + e->lo + e->hi) / 4;
		if (e->a > d->b)
			draw_along(lines, vertical, mid, d->b, e->a - d->b);
	}
}

/* Is e on the line of d, and the gap from d to e at most max_gap? */
static bool
follows(const struct dash *d, const struct dash *e, double max_gap)
{
	int gap = e->a - d->b;

	return gap > 0 && gap <= max_gap &&
	    abs((d->lo + d->hi) - (e->lo + e->hi)) <= 2 * DASH_DRIFT_PX;
}

/* The thickness of a chain's thickest dash: one rule's dashes are alike. */
static int
thickest(const GArray *ds, const GArray *chain)
{
	int t = 0;

	for (guint k = 0; k < chain->len; k++)
		t = MAX(t, dash_at(ds, chain, k)->hi - dash_at(ds, chain, k)->lo);
	return t;
}

/* The spacing of a chain's dashes, start to start. */
static double
period(const GArray *ds, const GArray *chain)
{
	return (double)(dash_at(ds, chain, chain->len - 1)->a -
	    dash_at(ds, chain, 0)->a) / (chain->len - 1);
}

/*
 * How far from the end dash of chain, outward (dir -1 or 1) along its
 * line and at most reach pixels, the first ink of cross lies: 0 if none.
 */
static int
to_crossing(PIX *cross, const GArray *ds, const GArray *chain, bool vertical,
    int dir, int reach)
{
	const struct dash *d = dash_at(ds, chain, dir < 0 ? 0 : chain->len - 1);
	const l_uint32 *data = pixGetData(cross);
	int wpl = pixGetWpl(cross), w = pixGetWidth(cross);
	int h = pixGetHeight(cross), from = dir < 0 ? d->a - 1 : d->b;

	for (int i = 0; i < reach; i++)
		for (int across = d->lo; across < d->hi; across++) {
			int along = from + dir * i;
			if (vertical ? pixel(data, wpl, w, h, across, along) :
			    pixel(data, wpl, w, h, along, across))
				return i + 1;
		}
	return 0;
}

/*
 * Dashed rules (see DASH_MIN_PT) of bin, whose pieces of ink are comps,
 * drawn whole into lines, where the opening that found the solid rules
 * found none of them. cross holds the rules found running the other way.
 */
static void
add_dashed(PIX *lines, PIX *bin, PIX *cross, BOXA *comps, bool vertical,
    double min_pt, double scale)
{
	GArray *ds = find_dashes(comps, vertical, scale);
	GPtrArray *chains = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)g_array_unref);
	bool *used = g_new0(bool, ds->len + 1);

	/* Chains: each dash followed by the first after it on its line. */
	for (guint i = 0; i < ds->len; i++) {
		if (used[i])
			continue;
		GArray *c = g_array_new(FALSE, FALSE, sizeof(int));
		for (int k = (int)i; k >= 0;) {
			const struct dash *d = &g_array_index(ds, struct dash, k);
			used[k] = true;
			g_array_append_val(c, k);
			int next = -1;
			for (guint j = (guint)k + 1; j < ds->len && next < 0; j++) {
				const struct dash *e = &g_array_index(ds,
				    struct dash, j);
				if (!used[j] && follows(d, e, DASH_GAP *
				    MAX(d->b - d->a, e->b - e->a)))
					next = (int)j;
			}
			k = next;
		}
		g_ptr_array_add(chains, c);
	}
	/*
	 * Where a rule crosses another, its dash there joins the crossing
	 * rule's ink and is no dash: a rule of MIN_DASHES or more takes in
	 * the chains on its line beyond such a gap, on either side, up to
	 * JOIN_PERIODS of its spacing long: two dashes lost.
	 */
	for (guint i = 0; i < chains->len; i++) {
		GArray *c = chains->pdata[i];
		if (c->len < MIN_DASHES)
			continue;
		for (guint j = 0; j < chains->len;) {
			GArray *o = chains->pdata[j];
			double max_gap = JOIN_PERIODS * period(ds, c);
			const struct dash *c0 = dash_at(ds, c, 0);
			const struct dash *c1 = dash_at(ds, c, c->len - 1);
			const struct dash *o0 = dash_at(ds, o, 0);
			const struct dash *o1 = dash_at(ds, o, o->len - 1);
			if (j != i && thickest(ds, o) > thickest(ds, c) + 1) {
				/* A stroke of text in line with it. */
				j++;
				continue;
			}
			if (j != i && follows(c1, o0, max_gap))
				g_array_append_vals(c, o->data, o->len);
			else if (j != i && follows(o1, c0, max_gap))
				g_array_prepend_vals(c, o->data, o->len);
			else {
				j++;
				continue;
			}
			g_ptr_array_remove_index(chains, j);
			if (j < i)
				i--;
			j = 0;	/* c has grown: look again */
		}
	}
	for (guint i = 0; i < chains->len; i++) {
		GArray *c = chains->pdata[i];
		const struct dash *first = dash_at(ds, c, 0);
		const struct dash *last = dash_at(ds, c, c->len - 1);
		if (c->len < MIN_DASHES || last->b - first->a < min_pt * scale)
			continue;
		draw_chain(lines, bin, ds, c, vertical);
		/*
		 * Its end dashes too may be lost where it meets a rule across
		 * (the frame of a table): it runs on to a rule that near.
		 */
		int reach = (int)(JOIN_PERIODS * period(ds, c));
		for (int dir = -1; dir <= 1; dir += 2) {
			const struct dash *d = dir < 0 ? first : last;
			int len = to_crossing(cross, ds, c, vertical, dir, reach);
			if (len > 0)
				draw_along(lines, vertical, (d->lo + d->hi) / 2,
				    dir < 0 ? d->a - len : d->b, len);
		}
	}
	g_ptr_array_free(chains, TRUE);
	g_free(used);
	g_array_free(ds, TRUE);
}

/*
 * The pieces of ink of bin that could be dashes running one way (vertical
 * or not): whole, bin's pieces, and stubs. A dashed rule's dashes where it crosses a solid rule (cross)
 * are stubs of that rule's ink (a "+"), no pieces of their own: cut from
 * it, they count too (a cell 190 px wide holds one free dash of a
 * hairline tilted 0.6°, and a stub at each side). Only what was cut off
 * and ends at the rule is a stub: text elsewhere stays whole, and the
 * solid rules running the same way (same) are no stubs of anything (as
 * dashes they would bridge a merged cell's blank).
 */
static BOXA *
dash_pieces(PIX *bin, BOXA *whole, PIX *cross, PIX *same, bool vertical)
{
	PIX *gone = pixDilateBrick(NULL, cross, vertical ? 1 : 3,
	    vertical ? 3 : 1);
	PIX *cut = pixSubtract(NULL, bin, gone);
	BOXA *comps = boxaCopy(whole, L_COPY);

	pixSubtract(cut, cut, same);
	BOXA *pieces = pixConnCompBB(cut, 8);
	int pw = pixGetWidth(gone), ph = pixGetHeight(gone);
	for (int i = 0; pieces && i < boxaGetCount(pieces); i++) {
		l_int32 x, y, w, h;
		l_uint32 v1 = 0, v2 = 0;
		boxaGetBoxGeometry(pieces, i, &x, &y, &w, &h);
		/* The pixels just past its two ends, on its centre line. */
		if (vertical) {
			if (y > 0)
				pixGetPixel(gone, x + w / 2, y - 1, &v1);
			if (y + h < ph)
				pixGetPixel(gone, x + w / 2, y + h, &v2);
		} else {
			if (x > 0)
				pixGetPixel(gone, x - 1, y + h / 2, &v1);
			if (x + w < pw)
				pixGetPixel(gone, x + w, y + h / 2, &v2);
		}
		if (v1 || v2)
			boxaAddBox(comps, boxaGetBox(pieces, i, L_CLONE),
			    L_INSERT);
	}
	boxaDestroy(&pieces);
	pixDestroy(&cut);
	pixDestroy(&gone);
	return comps;
}

/*
 * A hairline of a page turned back loses stretches of ink where it ran
 * across two rows of pixels, each too light alone (5 to 8 pt on a
 * Writer form tilted 1.5 degrees, at 300 dpi): a stretch at a crossing
 * leaves the rule short of the rule it meets, and its narrow end cell
 * one with the cell above. A rule is carried on to a crossing rule that
 * runs through its line within LOST_PT of its end, and collinear pieces
 * that far apart are one. No cell is that narrow.
 */
#define LOST_PT 10.0
#define SHORT_HRULE_PT 8.0
/* Pieces of one rule lie this near its line (points). */
#define SNAP_PT 1.0

static void
mend_ends(GArray *segs, const GArray *across)
{
	for (guint i = 0; i < segs->len; i++) {
		struct seg *s = &g_array_index(segs, struct seg, i);
		double a = s->a, b = s->b;
		int crossed = 0;
		for (guint j = 0; j < across->len; j++) {
			const struct seg *t = &g_array_index(across, struct seg, j);
			if (s->pos < t->a || s->pos > t->b)
				continue;
			if (t->pos >= s->a && t->pos <= s->b)
				crossed++;
			if (t->pos < s->a && t->pos >= s->a - LOST_PT)
				a = MIN(a, t->pos);
			if (t->pos > s->b && t->pos <= s->b + LOST_PT)
				b = MAX(b, t->pos);
		}
		/*
		 * Only a rule of a table, crossing two rules or more, is
		 * carried on: a stroke of a bold title that meets the
		 * table's top rule (自 of 项目绩效自评价) is not.
		 */
		if (crossed >= 2) {
			s->a = a;
			s->b = b;
		}
	}
	/* Pieces of one rule (same line, within LOST_PT) joined. */
	segs_join(segs, LOST_PT);
}

/*
 * Does a rule among the first n of segs, in line with pos (within
 * SNAP_PT), end within LOST_PT of x, on the side of x that side says (-1
 * before, 1 after)?
 */
static bool
rule_ends_near(const GArray *segs, guint n, double pos, double x, int side)
{
	for (guint i = 0; i < n; i++) {
		const struct seg *s = &g_array_index(segs, struct seg, i);
		double end = side < 0 ? s->b : s->a;
		if (fabs(s->pos - pos) <= SNAP_PT &&
		    fabs(end - x) <= LOST_PT && (end - x) * side >= -SNAP_PT)
			return true;
	}
	return false;
}

/*
 * A piece of a horizontal rule cut off by such a lost stretch can be
 * shorter than MIN_HRULE_PT (the 16 pt left of it under a narrow
 * header cell). A run of SHORT_HRULE_PT or more that passes as a rule
 * (thin, neither crossed nor touched along it) is one where it goes on
 * a longer rule, in line with it, within LOST_PT at one end, and meets
 * a crossing rule or another such rule within LOST_PT at the other.
 */
static bool
continues_rule(const struct seg *s, const GArray *hsegs, guint n,
    const GArray *vsegs)
{
	bool left = rule_ends_near(hsegs, n, s->pos, s->a, -1);
	bool right = rule_ends_near(hsegs, n, s->pos, s->b, 1);

	for (guint j = 0; j < vsegs->len && left != right; j++) {
		const struct seg *v = &g_array_index(vsegs, struct seg, j);
		if (s->pos < v->a || s->pos > v->b)
			continue;
		if (fabs(v->pos - s->a) <= LOST_PT)
			left = true;
		if (fabs(v->pos - s->b) <= LOST_PT)
			right = true;
	}
	return left && right;
}

/*
 * The openings by a line's length below are Leptonica's composite dwa
 * form: a plain brick passes over the page once per pixel of its length
 * (a 100 px rule at 300 dpi: 200 passes, a twentieth of a one-page
 * scan's time), the composite a few times, with the length exact to
 * 2 px, finer than any length here is meant.
 */
void
lattice_rules(PIX *bin, double scale, GArray *hsegs, GArray *vsegs,
    PIX **maskp)
{
	PIX *h, *v, *hclosed, *vclosed, *mask = pixCreateTemplate(bin);
	BOXA *whole = pixConnCompBB(bin, 8), *comps;

	hclosed = pixCloseBrick(NULL, bin, BRIDGE_PX, 1);
	h = pixOpenCompBrickExtendDwa(NULL, hclosed, (int)(MIN_HRULE_PT * scale), 1);
	vclosed = pixCloseBrick(NULL, bin, 1, BRIDGE_PX);
	v = pixOpenCompBrickExtendDwa(NULL, vclosed, 1, (int)(MIN_VRULE_PT * scale));
	comps = dash_pieces(bin, whole, v, h, false);
	add_dashed(h, bin, v, comps, false, MIN_HRULE_PT, scale);
	boxaDestroy(&comps);
	comps = dash_pieces(bin, whole, h, v, true);
	add_dashed(v, bin, h, comps, true, MIN_VRULE_PT, scale);
	boxaDestroy(&comps);
	boxaDestroy(&whole);
	add_segs(h, bin, false, MIN_HRULE_PT, 0, scale, hsegs, mask);
	add_segs(v, bin, true, MIN_VRULE_PT, 0, scale, vsegs, mask);
	segs_merge(hsegs);
	pixDestroy(&v);
	v = pixOpenCompBrickExtendDwa(NULL, vclosed, 1, (int)(SHORT_VRULE_PT * scale));
	pixDestroy(&vclosed);
	add_pieces(v, bin, true, SHORT_VRULE_PT, MIN_VRULE_PT, scale,
	    spans_row, vsegs, hsegs, mask);
	segs_merge(vsegs);
	pixDestroy(&h);
	h = pixOpenCompBrickExtendDwa(NULL, hclosed, (int)(SHORT_HRULE_PT * scale), 1);
	pixDestroy(&hclosed);
	add_pieces(h, bin, false, SHORT_HRULE_PT, MIN_HRULE_PT, scale,
	    continues_rule, hsegs, vsegs, mask);
	segs_merge(hsegs);
	mend_ends(hsegs, vsegs);
	mend_ends(vsegs, hsegs);
	if (maskp != NULL)
		*maskp = pixDilateBrick(NULL, mask, 3, 3);
	pixDestroy(&mask);
	pixDestroy(&h);
	pixDestroy(&v);
}
