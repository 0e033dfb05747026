/*
 * PCRE2 with the options every parse rule uses (UTF, UCP, JIT) and with
 * match and depth limits, so a hostile text cannot make a rule run away.
 */
#ifndef SE_RX_H
#define SE_RX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <glib.h>
#include <pcre2.h>
#include <stdbool.h>

#define RX_MAXGROUPS 16

struct rx_env {
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	pcre2_match_data *md;
	unsigned long limit_hits;	/* matches abandoned at a limit */
};

struct rx_match {
	size_t start[RX_MAXGROUPS], end[RX_MAXGROUPS];	/* unset: SIZE_MAX */
	int n;
};

void rx_env_init(struct rx_env *e);
void rx_env_free(struct rx_env *e);

/* Compile with UTF | UCP and JIT; NULL with error on a bad pattern. */
pcre2_code *rx_compile(const char *pattern, GError **error);

/* Compile a pattern the program itself wrote; a failure is a bug. */
pcre2_code *rx_must(const char *pattern);

/* First match at or after byte offset from. */
bool rx_find(struct rx_env *e, const pcre2_code *re, const char *s,
    size_t len, size_t from, struct rx_match *m);

/* Convenience: does re match anywhere in the NUL-terminated s? */
bool rx_test(struct rx_env *e, const pcre2_code *re, const char *s);

/* Copy group i of a match (NULL if unset). */
char *rx_group(const struct rx_match *m, const char *s, int i);

/*
 * A pattern that matches a form label the way forms write it: half- and
 * full-width brackets and colons alike, optional white space between
 * characters (letter-spaced labels), and its brackets optional: OCR
 * drops them more than any other mark (部门单位)名称 for 部门（单位）名称).
 * The result is a regex fragment.
 */
void rx_label(GString *out, const char *label);

#endif
