#ifndef SE_TEXTFILE_H
#define SE_TEXTFILE_H

#include <glib.h>

/*
 * Decode a text file to UTF-8: UTF-8 (with or without BOM), UTF-16LE/BE
 * with BOM, or GB18030, via iconv. CR LF becomes LF. Returns NULL with
 * error (SE_ENCODING) for anything else, binary data included.
 */
char *textfile_decode(const char *data, size_t len, GError **error);

#endif
