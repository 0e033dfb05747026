/* Reading lines and cells: the helpers every parse rule uses. */
#include <string.h>

#include "internal.h"
#include "text.h"

gboolean
line_has_tab(const struct line *l)
{
	return memchr(l->s, '\t', l->len) != NULL;
}

GPtrArray *
cells_split(const char *s, size_t len)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	const char *p = s, *end = s + len;

	for (;;) {
		const char *q = memchr(p, '\t', end - p);
		if (q == NULL)
			q = end;
		g_ptr_array_add(cells, text_strip(p, q - p));
		if (q == end)
			break;
		p = q + 1;
	}
	return cells;
}

static size_t
skip_space(const char *s, size_t i, size_t len)
{
	while (i < len) {
		gunichar c = g_utf8_get_char(s + i);
		if (c != ' ' && c != 0x3000)
			break;
		i = g_utf8_next_char(s + i) - s;
	}
	return i;
}

/* The length of an opening bracket at s[j], "(" or "（"; 0 if none. */
static size_t
open_bracket(const char *s, size_t len, size_t j)
{
	if (j < len && s[j] == '(')
		return 1;
	return j + 3 <= len && strncmp(s + j, "（", 3) == 0 ? 3 : 0;
}

size_t
label_annotation(const char *s, size_t len, size_t i)
{
	size_t j = i, n = 0, open = open_bracket(s, len, j);
	gunichar c;

	if (open == 0)
		return i;
	j += open;
	j += open_bracket(s, len, j);
	for (; j < len && n <= 6; n++) {
		c = g_utf8_get_char(s + j);
		if (c == ')' || c == 0xFF09)
			return n > 0 ? (size_t)(g_utf8_next_char(s + j) - s) : i;
		if (c == '\t' || c == '(' || c == 0xFF08)
			return i;
		j = g_utf8_next_char(s + j) - s;
	}
	return i;
}

size_t
label_colon(const char *s, size_t len, size_t i)
{
	size_t n = 0, end;

	if (i < len && s[i] == ':')
		return 1;
	if (len - i >= 3 && strncmp(s + i, "：", 3) == 0)
		return 3;
	if (i < len && s[i] == ';')
		n = 1;
	else if (len - i >= 3 && strncmp(s + i, "；", 3) == 0)
		n = 3;
	end = skip_space(s, i + n, len);
	if (n > 0 && end < len && s[end] == ':')
		return end + 1 - i;
	if (n > 0 && len - end >= 3 && strncmp(s + end, "：", 3) == 0)
		return end + 3 - i;
	return n > 0 && (end == len || s[end] == '\t') ? n : 0;
}

gboolean
cell_is(struct parser *P, const pcre2_code *re, const char *cell)
{
	struct rx_match m;
	size_t len = strlen(cell), i;

	if (re == NULL || !rx_find(&P->rx, re, cell, len, 0, &m) ||
	    m.start[0] != skip_space(cell, 0, len))
		return FALSE;
	i = skip_space(cell, label_annotation(cell, len, m.end[0]), len);
	i = skip_space(cell, i + label_colon(cell, len, i), len);
	return i == len;
}

gboolean
line_heads(struct parser *P, const pcre2_code *re, const struct line *l,
    size_t *after)
{
	struct rx_match m;
	size_t i = 0, colon;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	i = skip_space(l->s, i, l->len);
	if (!rx_find(&P->rx, re, l->s, l->len, i, &m) || m.start[0] != i)
		return FALSE;
	i = skip_space(l->s, m.end[0], l->len);
	if (i == l->len || l->s[i] == '\t') {
		*after = i;
		return TRUE;
	}
	if ((colon = label_colon(l->s, l->len, i)) > 0) {
		*after = i + colon;
		return TRUE;
	}
	return FALSE;
}

char *
lines_join(const struct line *lines, int from, int to)
{
	GString *out = g_string_new(NULL);

	for (int i = from; i < to; i++) {
		const char *p = lines[i].s, *end = p + lines[i].len;
		for (;;) {
			const char *q = memchr(p, '\t', end - p);
			if (q == NULL)
				q = end;
			text_join(out, p, q - p);
			if (q == end)
				break;
			p = q + 1;
		}
	}
	return g_string_free(out, FALSE);
}
