/*
 * Tesseract is loaded on demand (tess.c): call tess_load before the first
 * Tess* function. Fails, with the package to install, when the library
 * is missing.
 */
#ifndef SE_TESS_H
#define SE_TESS_H

#include <glib.h>
#include <stdbool.h>

bool tess_load(GError **error);

#endif
