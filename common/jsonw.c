#include <math.h>
#include <string.h>

#include "jsonw.h"

void
jw_init(struct jw *w, GString *out)
{
	w->out = out;
	w->depth = 0;
	w->first[0] = true;
}

void
jw_escape(GString *out, const char *s, size_t len)
{
	g_string_append_c(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '"': g_string_append(out, "\\\""); break;
		case '\\': g_string_append(out, "\\\\"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\t': g_string_append(out, "\\t"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\f': g_string_append(out, "\\f"); break;
		default:
			if (c < 0x20)
				g_string_append_printf(out, "\\u%04x", c);
			else
				g_string_append_c(out, c);
		}
	}
	g_string_append_c(out, '"');
}

static void
key(struct jw *w, const char *k)
{
	if (!w->first[w->depth])
		g_string_append_c(w->out, ',');
	w->first[w->depth] = false;
	if (k != NULL) {
		jw_escape(w->out, k, strlen(k));
		g_string_append_c(w->out, ':');
	}
}

static void
open_container(struct jw *w, const char *k, char c)
{
	key(w, k);
	g_string_append_c(w->out, c);
	g_assert(w->depth + 1 < JW_MAXDEPTH);
	w->first[++w->depth] = true;
	w->close[w->depth] = c == '{' ? '}' : ']';
}

void
jw_obj(struct jw *w, const char *k)
{
	open_container(w, k, '{');
}

void
jw_arr(struct jw *w, const char *k)
{
	open_container(w, k, '[');
}

void
jw_end(struct jw *w)
{
	g_assert(w->depth > 0);
	g_string_append_c(w->out, w->close[w->depth]);
	w->depth--;
}

void
jw_strn(struct jw *w, const char *k, const char *val, size_t len)
{
	key(w, k);
	if (val == NULL)
		g_string_append(w->out, "null");
	else
		jw_escape(w->out, val, len);
}

void
jw_str(struct jw *w, const char *k, const char *val)
{
	jw_strn(w, k, val, val ? strlen(val) : 0);
}

void
jw_int(struct jw *w, const char *k, gint64 val)
{
	key(w, k);
	g_string_append_printf(w->out, "%" G_GINT64_FORMAT, val);
}

void
jw_num(struct jw *w, const char *k, double val)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	key(w, k);
	if (!isfinite(val)) {
		g_string_append(w->out, "null");
		return;
	}
	/* %.15g keeps 96.0 as 96 and 98.62 as 98.62, without float noise. */
	g_string_append(w->out, g_ascii_formatd(buf, sizeof buf, "%.15g", val));
}

void
jw_bool(struct jw *w, const char *k, bool val)
{
	key(w, k);
	g_string_append(w->out, val ? "true" : "false");
}

void
jw_null(struct jw *w, const char *k)
{
	key(w, k);
	g_string_append(w->out, "null");
}

void
jw_raw(struct jw *w, const char *k, const char *json)
{
	key(w, k);
	g_string_append(w->out, json);
}
