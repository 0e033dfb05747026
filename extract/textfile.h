#ifndef SE_TEXTFILE_H
#define SE_TEXTFILE_H

#include <glib.h>
#include <stdbool.h>

#include "model.h"
#include "provenance.h"

/*
 * Decode a text file to UTF-8: UTF-8 (with or without BOM), UTF-16LE/BE
 * or UTF-32LE/BE with BOM, or GB18030, via iconv. CR LF becomes LF. A
 * few bytes the encoding cannot have (at most 16, one in a thousand
 * characters) become U+FFFD, counted in *lost (if lost is not NULL).
 * Returns NULL with error (SE_ENCODING) for anything else, binary data
 * included.
 */
char *textfile_decode(const char *data, size_t len, size_t *lost,
    GError **error);

/*
 * iconv a whole buffer from the encoding `from` to UTF-8. NULL when the
 * bytes are not valid in it or iconv does not know it; lossy puts U+FFFD
 * for each byte it cannot read instead.
 */
char *textfile_iconv(const char *data, size_t len, const char *from,
    bool lossy);

/*
 * The text reader: a decoded text file into d, a page per form feed, a
 * line block per line. A text rendering whose glyphs had no Unicode
 * ((cid:N), U+FFFD) is refused (SE_NOTEXT); bytes lost in decoding are
 * said in warnings. Fills prov->pages.
 */
int textfile_extract(const char *data, gsize len, struct provenance *prov,
    struct doc *d, GPtrArray *warnings, GError **error);

#endif
