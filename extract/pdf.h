#ifndef SE_PDF_H
#define SE_PDF_H

#include <glib.h>

#include "extract.h"
#include "provenance.h"

/*
 * Extract the text of a PDF held in bytes into text, pages separated by
 * form feeds; fills prov->pages and prov->producer. Returns a status.
 */
int pdf_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, GString *text, GPtrArray *warnings,
    GError **error);

#endif
