#include <glib.h>

#include "jsondepth.h"

bool
json_depth_ok(const char *s, size_t len, int max)
{
	int depth = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (in_string) {
			if (c == '\\')
				i++;	/* the escaped character is no quote */
			else if (c == '"')
				in_string = false;
		} else if (c == '"')
			in_string = true;
		else if (c == '[' || c == '{') {
			if (++depth > max)
				return false;
		} else if (c == ']' || c == '}')
			depth--;
	}
	return true;
}

/* The value of a \uXXXX escape at s (s[0] == '\\'), or -1. */
static int
escape_at(const char *s, const char *end)
{
	int v = 0;

	if (end - s < 6 || s[1] != 'u')
		return -1;
	for (int i = 2; i < 6; i++) {
		int d = g_ascii_xdigit_value(s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

const char *
json_lone_surrogate(const char *s, size_t len)
{
	const char *end = s + len;
	bool in_string = false;

	for (const char *p = s; p < end; p++) {
		if (!in_string) {
			in_string = *p == '"';
			continue;
		}
		if (*p == '"') {
			in_string = false;
			continue;
		}
		if (*p != '\\' || p + 1 >= end)
			continue;
		int v = escape_at(p, end);
		if (v >= 0xD800 && v <= 0xDBFF) {
			int lo = escape_at(p + 6, end);
			if (p + 6 < end && p[6] == '\\' && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				p += 11;	/* the pair, read */
				continue;
			}
			return p + 2;
		}
		if (v >= 0xDC00 && v <= 0xDFFF)
			return p + 2;
		p++;	/* the escaped character */
	}
	return NULL;
}
