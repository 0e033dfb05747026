/*
 * Page images: image files (PNG, JPEG, TIFF, multi-page TIFF as a
 * multi-page form; GIF, WebP, JPEG 2000, BMP) read with Leptonica, and
 * PDF pages rendered with
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

/*
 * A page image larger than this is refused before it is decoded: a PNG
 * of 40,000 by 40,000 white pixels is 280 KB, and decoding it took 7 GB
 * and four minutes. An A4 page at 600 dpi is 35 megapixels, A3 at 600
 * dpi 70.
 */
#define IMAGE_MAX_MEGAPIXELS 120

/*
 * A page image read through OCR (ocr_page), or, with nothing printed on
 * it (a few specks of dust at most: the back of a sheet scanned both
 * sides), an empty page not read, *blank set.
 */
struct ocr_engine;
struct ocr_report;
struct doc_page;
int image_read_page(struct ocr_engine *e, struct Pix *img, double dpi,
    int no, const char *grid_png_dir, struct doc_page **out,
    struct ocr_report *rep, bool *blank, GError **error);

/* A file whose every page was blank: SE_EMPTY, with the reason. */
int image_all_blank(int pages, GError **error);

/* An image file's bytes, read a page at a time (a TIFF may hold many). */
struct image_file {
	const unsigned char *data;
	size_t len;
	bool tiff;
	size_t next;		/* TIFF: where the next page starts */
	int pages;
};

/*
 * Count the pages of the image file in data and weigh each from its
 * header, none decoded: SE_OK, or SE_DAMAGED or SE_LIMIT (more than
 * max_pages, if it is above 0, or a page over IMAGE_MAX_MEGAPIXELS)
 * with error set.
 */
int image_open(struct image_file *f, const void *data, size_t len,
    int max_pages, GError **error);

/* The next page decoded (the caller's), or NULL if it is damaged. */
struct Pix *image_next(struct image_file *f);

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
