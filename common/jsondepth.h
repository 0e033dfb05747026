/*
 * What a JSON text must not hold, checked before json-glib sees it. Depth:
 * its parser recurses once per level, so a record nested a hundred
 * thousand arrays deep would overflow the stack (records parse writes nest
 * four levels). Lone surrogates: see below.
 */
#ifndef SE_JSONDEPTH_H
#define SE_JSONDEPTH_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 64

/* Does [s, s+len) nest arrays and objects no deeper than max? */
bool json_depth_ok(const char *s, size_t len, int max);

/*
 * The first \uD800-\uDFFF escape of [s, s+len) that is not half of a
 * surrogate pair, as its 4 hex digits, or NULL. json-glib turns a lone one
 * into invalid UTF-8, which no string of a record may hold.
 */
const char *json_lone_surrogate(const char *s, size_t len);

#endif
