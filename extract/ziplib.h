/*
 * libzip is opened on demand (ziplib.c): call zip_load before the first
 * zip_* function. Fails (SE_FORMAT, naming the package) when the library
 * is missing.
 */
#ifndef SE_ZIPLIB_H
#define SE_ZIPLIB_H

#include <glib.h>
#include <stdbool.h>

bool zip_load(GError **error);

#endif
