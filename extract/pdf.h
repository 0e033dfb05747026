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

#endif
