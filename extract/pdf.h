#ifndef SE_PDF_H
#define SE_PDF_H

#include <glib.h>

#include "extract.h"
#include "model.h"
#include "provenance.h"

/*
 * Read a PDF held in bytes into d, a page of the model per PDF page,
 * running headers dropped and tables stitched across pages; fills
 * prov->pages and prov->producer. Returns a status.
 */
int pdf_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error);

/*
 * Poppler builds its global tables (GlobalParams: glyph names, encodings,
 * the data directories scanned) when a first document opens and frees
 * them when the last one closes: a tenth of a worker's time over small
 * forms went to building and freeing them for every file. A keeper,
 * started on the first PDF, holds an empty document open until it is
 * freed, so a process that reads file after file builds them once.
 */
struct pdf_keeper *pdf_keeper_new(void);
void pdf_keeper_free(struct pdf_keeper *k);

#endif
