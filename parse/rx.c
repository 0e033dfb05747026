#include <string.h>

#include "rx.h"
#include "status.h"

/* Bounds chosen so that the rules on a 100-page form stay far below them. */
#define MATCH_LIMIT 2000000
#define DEPTH_LIMIT 5000
#define HEAP_LIMIT_KIB 20480	/* the interpreter's backtracking memory */

void
rx_env_init(struct rx_env *e)
{
	e->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(e->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(e->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(e->mctx, HEAP_LIMIT_KIB);
	e->jstack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (e->jstack)
		pcre2_jit_stack_assign(e->mctx, NULL, e->jstack);
	e->md = pcre2_match_data_create(RX_MAXGROUPS, NULL);
	e->limit_hits = 0;
}

void
rx_env_free(struct rx_env *e)
{
	pcre2_match_data_free(e->md);
	pcre2_jit_stack_free(e->jstack);
	pcre2_match_context_free(e->mctx);
}

pcre2_code *
rx_compile(const char *pattern, GError **error)
{
	int ec;
	PCRE2_SIZE off;
	pcre2_code *re;

	/*
	 * Patterns come from template files a user may write: PCRE2 checks
	 * their UTF-8 (a template of invalid UTF-8 crashed pcre2_compile,
	 * found by fuzz_template). It is done once per pattern.
	 */
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[256];
		char *shown = g_utf8_make_valid(pattern, -1);
		pcre2_get_error_message(ec, msg, sizeof msg);
		g_set_error(error, SE_ERROR, SE_USAGE,
		    "bad pattern at offset %zu: %s: %s", (size_t)off,
		    (char *)msg, shown);
		g_free(shown);
		return NULL;
	}
	/*
	 * JIT is an optimisation; the interpreter is the fallback. valgrind
	 * cannot follow JIT code (it reports its vector reads as uses of
	 * uninitialised memory), so `make valgrind` turns it off.
	 */
	if (g_getenv("SELFEVAL_NO_JIT") == NULL)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

pcre2_code *
rx_must(const char *pattern)
{
	GError *err = NULL;
	pcre2_code *re = rx_compile(pattern, &err);

	if (re == NULL)
		g_error("internal pattern: %s", err->message);
	return re;
}

bool
rx_find(struct rx_env *e, const pcre2_code *re, const char *s, size_t len,
    size_t from, struct rx_match *m)
{
	int rc;
	PCRE2_SIZE *ov;

	if (from > len)
		return false;
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK,
	    e->md, e->mctx);
	if (rc < 0) {
		if (rc == PCRE2_ERROR_MATCHLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT ||
		    rc == PCRE2_ERROR_HEAPLIMIT ||
		    rc == PCRE2_ERROR_JIT_STACKLIMIT)
			e->limit_hits++;
		return false;
	}
	ov = pcre2_get_ovector_pointer(e->md);
	m->n = rc == 0 ? RX_MAXGROUPS : rc;
	for (int i = 0; i < RX_MAXGROUPS; i++) {
		if (i < m->n && ov[2 * i] != PCRE2_UNSET) {
			m->start[i] = ov[2 * i];
			m->end[i] = ov[2 * i + 1];
		} else
			m->start[i] = m->end[i] = SIZE_MAX;
	}
	return true;
}

bool
rx_test(struct rx_env *e, const pcre2_code *re, const char *s)
{
	struct rx_match m;

	return rx_find(e, re, s, strlen(s), 0, &m);
}

char *
rx_group(const struct rx_match *m, const char *s, int i)
{
	if (i >= RX_MAXGROUPS || m->start[i] == SIZE_MAX)
		return NULL;
	return g_strndup(s + m->start[i], m->end[i] - m->start[i]);
}

void
rx_label(GString *out, const char *label)
{
	bool first = true;

	for (const char *p = label; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == ' ' || c == 0x3000)
			continue;
		if (!first)
			g_string_append(out, "[ \\t\\x{3000}]*");
		first = false;
		switch (c) {
		case '(': case 0xFF08:
			g_string_append(out, "[(\\x{FF08}]?");
			break;
		case ')': case 0xFF09:
			g_string_append(out, "[)\\x{FF09}]?");
			break;
		case ':': case 0xFF1A:
			g_string_append(out, "[:\\x{FF1A}]");
			break;
		case '%': case 0xFF05:
			g_string_append(out, "[%\\x{FF05}]");
			break;
		default:
			if (c < 0x80 && !g_ascii_isalnum((gchar)c))
				g_string_append_c(out, '\\');
			g_string_append_unichar(out, c);
		}
	}
}
