#ifndef SE_GRIDPNG_H
#define SE_GRIDPNG_H

#include <glib.h>

struct _PopplerPage;

/*
 * Draw the page with the rules found (red) and the cells they form (blue,
 * merged cells as one box) into DIR/page-N.png, so a user can see why a
 * table came out as it did; a page read turned (turn quarter turns,
 * turn_matrix) is drawn turned.
 */
void gridpng_write(struct _PopplerPage *page, int no, int turn,
    const GArray *hsegs, const GArray *vsegs, const GPtrArray *tables,
    const char *dir, GError **error);

/*
 * The same over a scanned page (grey, scale pixels per point); cells OCR
 * doubted are orange.
 */
struct Pix;
void gridpng_write_scan(struct Pix *grey, double scale, int no,
    const GArray *hsegs, const GArray *vsegs, const GPtrArray *tables,
    const char *dir, GError **error);

#endif
