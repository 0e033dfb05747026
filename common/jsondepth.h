/*
 * How deep a JSON text nests, counted before json-glib sees it: its parser
 * recurses once per level, so a record nested a hundred thousand arrays
 * deep would overflow the stack. Records parse writes nest four levels.
 */
#ifndef SE_JSONDEPTH_H
#define SE_JSONDEPTH_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 64

/* Does [s, s+len) nest arrays and objects no deeper than max? */
bool json_depth_ok(const char *s, size_t len, int max);

#endif
