#include <string.h>

#include "text.h"

bool
text_is_cjk(gunichar c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) ||	/* radicals .. unified ideographs */
	    (c >= 0xF900 && c <= 0xFAFF) ||	/* compatibility ideographs */
	    (c >= 0xFE30 && c <= 0xFE4F) ||	/* compatibility forms */
	    (c >= 0xFF00 && c <= 0xFFEF) ||	/* half- and full-width forms */
	    (c >= 0x20000 && c <= 0x3FFFF) ||	/* extension B and later */
	    c == 0x201C || c == 0x201D ||	/* curly quotes sit in CJK text */
	    c == 0x2018 || c == 0x2019 || c == 0x2014 || c == 0x2026;
}

size_t
text_width(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	size_t w = 0;

	while (p < end) {
		gunichar c = g_utf8_get_char(p);
		w += g_unichar_iswide(c) ? 2 : 1;
		p = g_utf8_next_char(p);
	}
	return w;
}

static bool
is_space(gunichar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == 0x3000 || c == 0xA0;
}

static bool
is_latin_letter(gunichar c)
{
	return c < 0x2E80 && g_unichar_isalpha(c);
}

void
text_join(GString *out, const char *piece, size_t len)
{
	const char *p = piece, *end = piece + len;

	while (p < end && is_space(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	while (end > p) {
		const char *q = g_utf8_prev_char(end);
		if (!is_space(g_utf8_get_char(q)))
			break;
		end = q;
	}
	if (p == end)
		return;
	if (out->len > 0) {
		gunichar last = g_utf8_get_char(g_utf8_prev_char(out->str + out->len));
		gunichar first = g_utf8_get_char(p);
		if (is_latin_letter(last) && is_latin_letter(first))
			g_string_append_c(out, ' ');
	}
	g_string_append_len(out, p, end - p);
}

char *
text_trim(char *s)
{
	char *p = s, *end;

	while (*p && is_space(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	end = p + strlen(p);
	while (end > p) {
		char *q = g_utf8_prev_char(end);
		if (!is_space(g_utf8_get_char(q)))
			break;
		end = q;
	}
	memmove(s, p, end - p);
	s[end - p] = '\0';
	return s;
}

char *
text_strip(const char *s, size_t len)
{
	return text_trim(g_strndup(s, len));
}

char *
text_halfwidth(const char *s)
{
	GString *o = g_string_sized_new(strlen(s));

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0;
		else if (c == 0x3000)
			c = ' ';
		g_string_append_unichar(o, c);
	}
	return g_string_free(o, FALSE);
}

bool
text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (!is_space(g_utf8_get_char(p)))
			return false;
	return true;
}

char **
text_data_lines(const char *text)
{
	char **lines = g_strsplit(text, "\n", 0);
	size_t k = 0;

	for (size_t i = 0; lines[i] != NULL; i++) {
		char *t = text_trim(lines[i]);
		if (*t == '\0' || *t == '#')
			g_free(t);
		else
			lines[k++] = t;
	}
	lines[k] = NULL;
	return lines;
}

gint
text_cmp_ptr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}
