/*
 * A library opened when a command first needs it rather than when
 * selfeval starts (see extract/tess.c, extract/ziplib.c, load/export.c):
 * the dynamic loader maps and binds every linked library, and those
 * libraries' own, at every start, which made most of a small extract's
 * cost.
 */
#ifndef SE_LAZYLIB_H
#define SE_LAZYLIB_H

#include <stddef.h>

/*
 * Open soname and set *slots[i] to its function names[i], for i < n.
 * Returns the library's handle, or NULL with *why (to g_free) saying what
 * is missing.
 */
void *lazylib_open(const char *soname, const char *const *names,
    void **const *slots, size_t n, char **why);

#endif
