/*
 * A small streaming JSON writer: parse emits records with it, extract its
 * provenance header, dump the archive. It tracks commas so callers only say
 * what to write. Strings are written as UTF-8, not \u escapes, so the
 * output stays readable Chinese.
 */
#ifndef SE_JSONW_H
#define SE_JSONW_H

#include <glib.h>
#include <stdbool.h>

#define JW_MAXDEPTH 32

struct jw {
	GString *out;
	int depth;
	bool first[JW_MAXDEPTH];
	char close[JW_MAXDEPTH];	/* '}' or ']' for each open container */
};

void jw_init(struct jw *w, GString *out);

/* key is NULL inside arrays and at the top level. */
void jw_obj(struct jw *w, const char *key);
void jw_arr(struct jw *w, const char *key);
void jw_end(struct jw *w);		/* closes the innermost object or array */

void jw_str(struct jw *w, const char *key, const char *val);	/* NULL: null */
void jw_strn(struct jw *w, const char *key, const char *val, size_t len);
void jw_int(struct jw *w, const char *key, gint64 val);
void jw_num(struct jw *w, const char *key, double val);
void jw_bool(struct jw *w, const char *key, bool val);
void jw_null(struct jw *w, const char *key);
/* json is already JSON text (one value), written as it is. */
void jw_raw(struct jw *w, const char *key, const char *json);

/* Append s as a JSON string literal. */
void jw_escape(GString *out, const char *s, size_t len);

#endif
