/*
 * libzip is opened on demand (ziplib.c): call zip_load before the first
 * zip_* function. Fails (SE_FORMAT, naming the package) when the library
 * is missing.
 */
#ifndef SE_ZIPLIB_H
#define SE_ZIPLIB_H

#include <glib.h>
#include <stdbool.h>
#include <zip.h>

bool zip_load(GError **error);

/* zip_name_locate, with a backslash in the archive's names read as "/". */
zip_int64_t zip_part_locate(zip_t *z, const char *name);

#endif
