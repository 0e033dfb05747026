#ifndef SE_HTML_H
#define SE_HTML_H

#include <glib.h>

#include "model.h"
#include "provenance.h"

/*
 * The HTML reader (html.c): a web page into d, one page unless the page
 * asks for print page breaks. Fills prov->pages, and prov->producer from
 * <meta name="generator"> when the page names the program that wrote it.
 * Returns a status; error gets a one-line reason.
 */
int html_extract(const char *data, gsize len, struct provenance *prov,
    struct doc *d, GError **error);

#endif
