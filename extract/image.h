/*
 * Page images: image files (PNG, JPEG, TIFF, multi-page TIFF as a
 * multi-page form) read with Leptonica, and PDF pages rendered with
 * Poppler, for OCR.
 */
#ifndef SE_IMAGE_H
#define SE_IMAGE_H

#include <glib.h>
#include <stdbool.h>

#include "extract.h"
#include "provenance.h"

struct Pix;
struct _PopplerPage;

/* PNG, JPEG or TIFF, by its first bytes. */
bool image_is(const char *data, size_t len);

/* Read the image file in bytes page by page through OCR into d. */
struct doc;
int image_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error);

/* The page rendered in colour at dpi, white behind it. */
struct Pix *image_render(struct _PopplerPage *page, double dpi);

/*
 * The resolution to read a page image at: its own, or, when it states
 * none or a screen's (a phone photo says 72), the one that makes its
 * shorter side an A4 sheet's.
 */
double image_dpi(struct Pix *pix);

#endif
