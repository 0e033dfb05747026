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

gboolean
cell_is(struct parser *P, const pcre2_code *re, const char *cell)
{
	struct rx_match m;
	size_t len = strlen(cell), i;

	if (re == NULL || !rx_find(&P->rx, re, cell, len, 0, &m) ||
	    m.start[0] != skip_space(cell, 0, len))
		return FALSE;
	i = skip_space(cell, m.end[0], len);
	if (i < len && (cell[i] == ':' || strncmp(cell + i, "：", 3) == 0))
		i = skip_space(cell, i + (cell[i] == ':' ? 1 : 3), len);
	return i == len;
}

gboolean
line_heads(struct parser *P, const pcre2_code *re, const struct line *l,
    size_t *after)
{
	struct rx_match m;
	size_t i = 0;

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
	if (l->s[i] == ':') {
		*after = i + 1;
		return TRUE;
	}
	if (l->len - i >= 3 && strncmp(l->s + i, "：", 3) == 0) {
		*after = i + 3;
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
