/*
 * Page images to clean black and white, with Leptonica:
 *
 * - colour: the red channel is the grey. A red seal is bright in red, so
 *   it vanishes, while black (and blue) ink stays dark in every channel,
 *   the text under the seal included; what is left of the seal's own ink
 *   over paper (light, but not white) is told by its colour and whitened;
 * - a phone photo: the page is the large light shape on a darker desk;
 *   its four corners are mapped back to a rectangle (keystone);
 * - uneven light: the background is estimated in tiles and divided out,
 *   so a shadowed corner reads like the rest;
 * - tilt: the skew of the text lines is measured on a black-and-white
 *   copy and the grey page turned back (scans come in at up to 3 degrees);
 * - black and white: a threshold on the evened page.
 */
#include <leptonica/allheaders.h>
#include <math.h>

#include "scan.h"
#include "status.h"

/* Turn back tilts this large and larger; less is below a pixel a line. */
#define MIN_SKEW 0.05
#define MAX_SKEW 3.5
/* Grey level, on the evened page, below which a pixel is ink. */
#define INK_LEVEL 150
/* ... or, looking for rules, faint ink: a hairline printed light grey. */
#define FAINT_LEVEL 185
/*
 * Red ink: red above green and blue by this much; a seal's over paper:
 * its red channel at least this share of the paper's.
 */
#define SEAL_CHROMA 40
#define SEAL_LIGHT 0.8
/* A photo: the page is light and fills at most this share of the frame's edge. */
#define PAGE_EDGE_SHARE 0.6
/* A page scanned below LOW_DPI is read scaled to SCALE_DPI. */
#define LOW_DPI 180
#define SCALE_DPI 300.0

static void
swap_pix(PIX **slot, PIX *pix)
{
	pixDestroy(slot);
	*slot = pix;
}

/*
 * A red seal's own ink, over paper, is light in the red channel but not
 * white (225 of 255 for 75% of a 215 red): light enough to pass for a
 * faint grey rule, and its ring's arcs cut cells apart. (JPEG blurs the
 * colour of a stroke's edges, so red is taken loosely.) Where it is over paper
 * it is strongly red and nearly as light as the paper; over black text
 * it is as red but darker (the text stays). Those pixels are paper.
 */
static void
drop_seal(PIX *rgb, PIX *grey)
{
	int w = pixGetWidth(rgb), h = pixGetHeight(rgb);
	int wplc = pixGetWpl(rgb), wplg = pixGetWpl(grey);
	l_uint32 *dc = pixGetData(rgb), *dg = pixGetData(grey);
	l_uint32 paper = 255;

	pixGetRankValue(grey, 4, 0.7, &paper);
	for (int y = 0; y < h; y++) {
		l_uint32 *lc = dc + (size_t)y * wplc, *lg = dg + (size_t)y * wplg;
		for (int x = 0; x < w; x++) {
			l_int32 r, g, b;
			extractRGBValues(lc[x], &r, &g, &b);
			if (r - MAX(g, b) >= SEAL_CHROMA &&
			    r >= SEAL_LIGHT * paper)
				SET_DATA_BYTE(lg, x, 255);
		}
	}
}

/* The grey of an image of any depth: colour through its red channel. */
static PIX *
to_grey(PIX *in, bool *colour)
{
	PIX *p = pixGetColormap(in) ?
	    pixRemoveColormap(in, REMOVE_CMAP_BASED_ON_SRC) : pixClone(in);
	PIX *g;

	*colour = pixGetDepth(p) == 32;
	if (*colour) {
		g = pixGetRGBComponent(p, COLOR_RED);
		if (g != NULL)
			drop_seal(p, g);
	} else
		g = pixConvertTo8(p, 0);
	pixDestroy(&p);
	return g;
}

/* Is the frame's edge mostly darker than the page inside it (a photo)? */
static bool
framed(PIX *grey)
{
	int w = pixGetWidth(grey), h = pixGetHeight(grey);
	l_uint32 mid = 0, v;
	int dark = 0, n = 0;

	pixGetRankValue(grey, 4, 0.7, &mid);	/* the page's light */
	for (int i = 0; i < 200; i++) {
		int x = (int)((double)i / 200 * (w - 1));
		int y = (int)((double)i / 200 * (h - 1));
		int pts[4][2] = { { x, 2 }, { x, h - 3 }, { 2, y }, { w - 3, y } };
		for (int k = 0; k < 4; k++) {
			pixGetPixel(grey, pts[k][0], pts[k][1], &v);
			dark += v < mid * 0.75;
			n++;
		}
	}
	return dark > n * (1 - PAGE_EDGE_SHARE);
}

/*
 * The page of a photo squared: the largest light shape's extreme points
 * along the diagonals are its corners, mapped to an upright rectangle.
 */
static PIX *
unkeystone(PIX *grey)
{
	int w = pixGetWidth(grey), h = pixGetHeight(grey);
	double f = 0.125;
	PIX *small = pixScale(grey, (float)f, (float)f), *mask, *closed;
	l_int32 thresh = 0;
	BOXA *boxa;
	PIXA *pixa;
	int best = -1, area = 0;
	double c[4][2];		/* top left, top right, bottom right, bottom left */
	PIX *out = NULL;

	pixSplitDistributionFgBg(small, 0.0, 1, &thresh, NULL, NULL, NULL);
	mask = pixThresholdToBinary(small, thresh);
	pixInvert(mask, mask);			/* light is 1 */
	closed = pixCloseBrick(NULL, mask, 9, 9);
	boxa = pixConnComp(closed, &pixa, 8);
	for (int i = 0; i < boxaGetCount(boxa); i++) {
		l_int32 bx, by, bw, bh;
		boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
		if (bw * bh > area) {
			area = bw * bh;
			best = i;
		}
	}
	if (best >= 0 && area > 0.3 * pixGetWidth(small) * pixGetHeight(small)) {
		PIX *comp = pixaGetPix(pixa, best, L_CLONE);
		l_int32 bx, by, bw, bh;
		double ext[4] = { G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE,
		    G_MAXDOUBLE };
		boxaGetBoxGeometry(boxa, best, &bx, &by, &bw, &bh);
		for (int y = 0; y < bh; y++)
			for (int x = 0; x < bw; x++) {
				l_uint32 v;
				pixGetPixel(comp, x, y, &v);
				if (!v)
					continue;
				double X = x + bx, Y = y + by;
				double s = X + Y, d = X - Y;
				if (s < ext[0]) { ext[0] = s; c[0][0] = X; c[0][1] = Y; }
				if (d > ext[1]) { ext[1] = d; c[1][0] = X; c[1][1] = Y; }
				if (s > ext[2]) { ext[2] = s; c[2][0] = X; c[2][1] = Y; }
				if (d < ext[3]) { ext[3] = d; c[3][0] = X; c[3][1] = Y; }
			}
		pixDestroy(&comp);
		double top = hypot(c[1][0] - c[0][0], c[1][1] - c[0][1]);
		double bot = hypot(c[2][0] - c[3][0], c[2][1] - c[3][1]);
		double left = hypot(c[3][0] - c[0][0], c[3][1] - c[0][1]);
		double right = hypot(c[2][0] - c[1][0], c[2][1] - c[1][1]);
		double pw = MAX(top, bot) / f, ph = MAX(left, right) / f;
		PTA *src = ptaCreate(4), *dst = ptaCreate(4);
		double rect[4][2] = { { 0, 0 }, { pw, 0 }, { pw, ph }, { 0, ph } };
		for (int k = 0; k < 4; k++) {
			ptaAddPt(src, (float)((c[k][0] + 0.5) / f),
			    (float)((c[k][1] + 0.5) / f));
			ptaAddPt(dst, (float)rect[k][0], (float)rect[k][1]);
		}
		if (pw > w * 0.3 && ph > h * 0.3 && pw <= w * 1.2 &&
		    ph <= h * 1.2) {
			PIX *warped = pixProjectivePtaGray(grey, dst, src, 255);
			BOX *box = boxCreate(0, 0, (int)pw, (int)ph);
			out = warped ? pixClipRectangle(warped, box, NULL) : NULL;
			boxDestroy(&box);
			pixDestroy(&warped);
		}
		ptaDestroy(&src);
		ptaDestroy(&dst);
	}
	boxaDestroy(&boxa);
	pixaDestroy(&pixa);
	pixDestroy(&closed);
	pixDestroy(&mask);
	pixDestroy(&small);
	return out;
}

/* Background evened, then thresholded. */
static PIX *
binarize(PIX *grey, PIX **evened, PIX **faint)
{
	PIX *norm = pixBackgroundNormSimple(grey, NULL, NULL);
	PIX *bin;

	if (norm == NULL)
		norm = pixClone(grey);
	bin = pixThresholdToBinary(norm, INK_LEVEL);
	if (faint)
		*faint = pixThresholdToBinary(norm, FAINT_LEVEL);
	/*
	 * The evened page's paper is grey 200; stretch it to white, so that
	 * a cell cut out and given a white margin shows no edge.
	 */
	if (evened)
		*evened = pixGammaTRC(NULL, norm, 1.0, 20, 195);
	pixDestroy(&norm);
	if (evened && *evened == NULL)
		*evened = pixClone(grey);
	return bin;
}

bool
scan_prepare(PIX *in, double dpi, struct scan_page *sp, GError **error)
{
	PIX *grey, *bin, *evened = NULL;
	l_float32 angle = 0, conf = 0;

	memset(sp, 0, sizeof *sp);
	sp->dpi = dpi;
	if (in == NULL || pixGetWidth(in) < 64 || pixGetHeight(in) < 64) {
		g_set_error(error, SE_ERROR, SE_NOTEXT, "page image too small");
		return false;
	}
	grey = to_grey(in, &sp->colour);
	if (grey == NULL) {
		g_set_error(error, SE_ERROR, SE_NOTEXT, "unreadable page image");
		return false;
	}
	if (framed(grey)) {
		PIX *sq = unkeystone(grey);
		if (sq != NULL) {
			swap_pix(&grey, sq);
			sp->keystone = true;
		}
	}
	/*
	 * A flat page scanned at 150 dpi reads far worse as it is than drawn
	 * at 300, as its PDF is: 327 of 355 fields exact, 9 wrong without a
	 * flag, against 350 scaled (200 dpi and more read no better scaled).
	 * Not a phone photo, whose page was just found in its frame: scaled,
	 * the photo fixture read 53 of 321 fields, as it is all 321.
	 */
	if (!sp->keystone && dpi < LOW_DPI) {
		PIX *big = pixScale(grey, (float)(SCALE_DPI / dpi),
		    (float)(SCALE_DPI / dpi));
		if (big != NULL) {
			swap_pix(&grey, big);
			sp->dpi = SCALE_DPI;
		}
	}
	bin = binarize(grey, NULL, NULL);
	if (pixFindSkewSweepAndSearch(bin, &angle, &conf, 4, 2, 4.0, 0.5,
	    0.01) == 0 && conf > 2.0 && fabs(angle) >= MIN_SKEW &&
	    fabs(angle) <= MAX_SKEW) {
		PIX *rot = pixRotate(grey, (float)(angle * M_PI / 180),
		    L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
		if (rot != NULL) {
			swap_pix(&grey, rot);
			sp->skew = angle;
		}
	}
	pixDestroy(&bin);
	sp->bin = binarize(grey, &evened, &sp->faint);
	pixDestroy(&grey);
	sp->grey = evened;
	return sp->bin != NULL;
}

void
scan_page_clear(struct scan_page *sp)
{
	pixDestroy(&sp->grey);
	pixDestroy(&sp->bin);
	pixDestroy(&sp->faint);
}
