/*
 * Ruling lines of a page image (a scan), the lattice way: a morphological
 * opening with a long thin structuring element keeps only ink that runs
 * on in one direction, which text does not; a hairline the threshold
 * broke into dashes is put together from them. The lines come out in points
 * (scale pixels per point) like those of born-digital pages, so grid.c
 * builds the tables of both.
 */
#ifndef SE_LATTICE_H
#define SE_LATTICE_H

#include <glib.h>

struct Pix;

/*
 * Append the horizontal and vertical rules of the 1 bpp page bin to hsegs
 * and vsegs (struct seg, merged). *mask, if not NULL, receives the ink of
 * the rules, slightly widened, for taking them out of the text.
 */
void lattice_rules(struct Pix *bin, double scale, GArray *hsegs,
    GArray *vsegs, struct Pix **mask);

#endif
