/*
 * numfmttest FILE...: extract's number formats (extract/numfmt.c), as
 * data. Each line of a *.numfmt file is "VALUE<TAB>CODE<TAB>SHOWN": the
 * number, the format code ("General" or a builtin:N), and the text a
 * spreadsheet shows. Prints "ok" or "FAIL" per case, for tests/run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "numfmt.h"

int
main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++) {
		char *text = NULL, **lines;
		if (!g_file_get_contents(argv[i], &text, NULL, NULL)) {
			printf("FAIL %s: cannot read\n", argv[i]);
			return 1;
		}
		lines = g_strsplit(text, "\n", -1);
		for (int n = 0; lines[n]; n++) {
			char **f = g_strsplit(lines[n], "\t", 3);
			if (lines[n][0] == '#' || lines[n][0] == '\0' ||
			    g_strv_length(f) != 3) {
				g_strfreev(f);
				continue;
			}
			const char *code = f[1];
			if (g_str_has_prefix(code, "builtin:"))
				code = numfmt_builtin(atoi(code + 8));
			char *got = numfmt_format(g_ascii_strtod(f[0], NULL),
			    code, false);
			if (strcmp(got, f[2]) == 0)
				printf("ok %s:%d\n", argv[i], n + 1);
			else {
				printf("FAIL %s:%d: %s as %s: got '%s', want "
				    "'%s'\n", argv[i], n + 1, f[0], f[1], got,
				    f[2]);
				failed++;
			}
			g_free(got);
			g_strfreev(f);
		}
		g_strfreev(lines);
		g_free(text);
	}
	return failed > 0;
}
