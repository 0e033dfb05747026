/*
 * The readers of Office files: each fills the model (model.h), a sheet or
 * a Word document's pages as pages, its tables as tables with their spans;
 * none prints. Each returns a status (common/status.h) with error set.
 *
 *   xlsx.c   Excel 2007+ (libzip + libxml2, ooxml.c), values by numfmt.c
 *   xls.c    Excel 97-2003 BIFF (FreeXL)
 *   docx.c   Word 2007+ (libzip + libxml2, ooxml.c)
 *   doc.c    Word 97-2003, WPS, RTF, ODF and Office 2003 XML: converted
 *            to DOCX or XLSX by LibreOffice (so is an XLS FreeXL cannot
 *            open), then read by those readers
 */
#ifndef SE_OFFICE_H
#define SE_OFFICE_H

#include <glib.h>

#include "detect.h"
#include "extract.h"
#include "model.h"
#include "provenance.h"

int xlsx_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error);

/*
 * FreeXL reads from a path only. SE_FORMAT when FreeXL cannot open a
 * workbook that is not encrypted (the caller may convert it).
 */
int xls_extract(const char *path, GBytes *bytes,
    const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error);

int docx_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error);

/*
 * A format no Debian library reads as a table model (DOC, RTF, ODT, ODS,
 * Word's and Excel's XML of 2003, an XLS FreeXL cannot open), converted
 * by LibreOffice to DOCX or XLSX and read by that reader.
 */
int convert_extract(enum doc_format f, GBytes *bytes,
    const struct extract_opts *opts, struct provenance *prov, struct doc *d,
    GPtrArray *warnings, GError **error);

#endif
